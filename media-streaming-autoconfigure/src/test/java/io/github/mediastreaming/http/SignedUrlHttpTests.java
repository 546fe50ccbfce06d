package io.github.mediastreaming.http;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.mediastreaming.metrics.MediaMeters;
import io.github.mediastreaming.signing.MediaUrlSigner;
import io.github.mediastreaming.signing.SignedUrlSettings;
import io.github.mediastreaming.signing.SigningKey;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed URLs over the real server: what a signed link gets (200, 206, seeks, HEAD), what every other
 * request to the media routes gets (403 or 410 problems that do not say what was wrong), that routes
 * outside the prefix are untouched, and that refusals are counted.
 */
@SpringBootTest(classes = SignedUrlHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.signed-urls.enabled=true",
				"media.streaming.signed-urls.keys[0]=" + SignedUrlHttpTests.NEW_KEY,
				"media.streaming.signed-urls.keys[1]=" + SignedUrlHttpTests.OLD_KEY })
class SignedUrlHttpTests {

	static final String NEW_KEY = "the key that signs new links, 32+ bytes";

	static final String OLD_KEY = "the key before it, still verifying, 32+ bytes";

	private static final Path ROOT = createRoot();

	@LocalServerPort
	int port;

	@Autowired
	MediaUrlSigner signer;

	@Autowired
	SignedUrlSettings settings;

	@Autowired
	MeterRegistry meters;

	WebTestClient client;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@BeforeEach
	void createClient() {
		this.client = Fixtures.client(this.port);
	}

	@Test
	void signedLinkIsServedWholeAndByRange() throws Exception {
		String link = this.signer.sign("/media/songs/a b.mp3");
		assertThat(link).startsWith("/media/songs/a%20b.mp3?expires=");
		byte[] whole = this.client.get()
			.uri(uri(link))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.parseMediaType("audio/mpeg"))
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(whole).isEqualTo(Files.readAllBytes(ROOT.resolve("songs/a b.mp3")));
		this.client.get()
			.uri(uri(link))
			.header(HttpHeaders.RANGE, "bytes=100-199")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.contentLength(100);
	}

	@Test
	void seekParametersAppendedToASignedLinkKeepItValid() {
		String link = this.signer.sign("/media/song.mp3");
		long whole = this.client.head().uri(uri(link)).exchange().expectStatus().isOk().returnResult(Void.class)
			.getResponseHeaders().getContentLength();
		long seeked = this.client.head().uri(uri(link + "&start=5")).exchange().expectStatus().isOk()
			.returnResult(Void.class).getResponseHeaders().getContentLength();
		assertThat(seeked).isPositive().isLessThan(whole);
	}

	@Test
	void headNeedsASignatureToo() {
		this.client.head().uri("/media/song.mp3").exchange().expectStatus().isForbidden();
		this.client.head().uri(uri(this.signer.sign("/media/song.mp3"))).exchange().expectStatus().isOk();
	}

	@Test
	void missingWrongAndTooLongLivedLinksGetTheSame403Problem() throws Exception {
		String valid = this.signer.sign("/media/song.mp3");
		String expires = valid.substring(valid.indexOf("expires=") + 8, valid.indexOf('&'));
		String otherSignature = this.signer.sign("/media/other.mp3");
		otherSignature = otherSignature.substring(otherSignature.indexOf("&signature="));
		MediaUrlSigner farSigner = new MediaUrlSigner(new SignedUrlSettings(this.settings.keys(), "expires",
				"signature", Duration.ofDays(1), Duration.ofDays(365)), Clock.systemUTC());
		String[] refused = { "/media/song.mp3", "/media/song.mp3?expires=" + expires,
				"/media/song.mp3?expires=" + expires + otherSignature,
				"/media/song.mp3?expires=" + (Long.parseLong(expires) + 1) + valid.substring(valid.indexOf('&')),
				valid + "&signature=" + valid.substring(valid.indexOf("&signature=") + 11),
				farSigner.sign("/media/song.mp3", Duration.ofDays(30)) };
		String first = null;
		for (String target : refused) {
			RawHttp.Response response = RawHttp.get(this.port, target);
			assertThat(response.status()).as(target).isEqualTo(403);
			assertThat(response.text()).as(target).contains("Content-Type: application/problem+json");
			String body = response.text().substring(response.text().indexOf("\r\n\r\n"));
			assertThat(body).contains("\"detail\":\"This link is not valid\"");
			if (first == null) {
				first = body;
			}
			assertThat(body).as(target).isEqualTo(first);
		}
	}

	@Test
	void expiredLinkGetsA410Problem() {
		Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
		String expired = new MediaUrlSigner(this.settings, Clock.fixed(twoHoursAgo, ZoneOffset.UTC))
			.sign("/media/song.mp3", Duration.ofHours(1));
		this.client.get()
			.uri(uri(expired))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GONE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("This link has expired");
	}

	@Test
	void linksSignedWithTheOlderKeyStillWork() {
		SignedUrlSettings old = new SignedUrlSettings(java.util.List.of(SigningKey.of(OLD_KEY)), "expires",
				"signature", Duration.ofHours(1), Duration.ofDays(1));
		this.client.get()
			.uri(uri(new MediaUrlSigner(old, Clock.systemUTC()).sign("/media/song.mp3")))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aMissingFileIsNotFoundOnlyWithAValidSignature() {
		this.client.get().uri("/media/missing.mp3").exchange().expectStatus().isForbidden();
		this.client.get().uri(uri(this.signer.sign("/media/missing.mp3"))).exchange().expectStatus().isNotFound();
	}

	@Test
	void routesOutsideTheMediaPrefixNeedNoSignature() {
		this.client.get().uri("/hello").exchange().expectStatus().isOk();
	}

	@Test
	void refusalsAreCountedByReason() {
		double missing = refusals("missing");
		double expired = refusals("expired");
		this.client.get().uri("/media/song.mp3").exchange().expectStatus().isForbidden();
		String link = new MediaUrlSigner(this.settings, Clock.fixed(Instant.now().minusSeconds(7200), ZoneOffset.UTC))
			.sign("/media/song.mp3", Duration.ofHours(1));
		this.client.get().uri(uri(link)).exchange().expectStatus().isEqualTo(HttpStatus.GONE);
		assertThat(refusals("missing")).isEqualTo(missing + 1);
		assertThat(refusals("expired")).isEqualTo(expired + 1);
	}

	private double refusals(String reason) {
		Counter counter = this.meters.find(MediaMeters.SIGNED_URLS_REFUSED).tag(MediaMeters.REASON, reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private URI uri(String link) {
		// As the link is: WebTestClient would encode a string's '%' again.
		return URI.create("http://127.0.0.1:" + this.port + link);
	}

	private static Path createRoot() {
		return Fixtures.root("media-signed", (root) -> {
			Files.createDirectories(root.resolve("songs"));
			Fixtures.copy(root, "mp3/cbr.mp3", "songs/a b.mp3");
			Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3");
			Fixtures.copy(root, "mp3/vbr.mp3", "other.mp3");
		});
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		RouterFunction<ServerResponse> helloRoute() {
			return RouterFunctions.route().GET("/hello", (request) -> ServerResponse.ok().bodyValue("hello")).build();
		}

	}

}
