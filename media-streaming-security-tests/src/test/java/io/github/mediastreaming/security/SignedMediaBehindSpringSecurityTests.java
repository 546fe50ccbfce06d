package io.github.mediastreaming.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mediastreaming.signing.MediaUrlSigner;
import io.github.mediastreaming.signing.SignedUrlSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security in front, signed URLs as the way into {@code /media/**}, over a real server: the page
 * needs a login, the signed link it embeds needs none, and no unsigned or expired request gets media,
 * with or without credentials.
 */
@SpringBootTest(classes = SecuredMediaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.signed-urls.enabled=true",
				"media.streaming.signed-urls.keys[0]=a secret for the security tests, 32+ bytes",
				"media.streaming.cache-control=private, max-age=600" })
class SignedMediaBehindSpringSecurityTests {

	private static final Path ROOT = createRoot();

	private static final Pattern VIDEO_SRC = Pattern.compile("<video controls src=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	SignedUrlSettings settings;

	WebTestClient client;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@BeforeEach
	void createClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@Test
	void thePageNeedsALogin() {
		this.client.get().uri("/watch").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void theSignedLinkOnThePageIsServedWithoutCredentialsWholeAndByRange() throws IOException {
		URI link = linkOnThePage();
		byte[] body = this.client.get()
			.uri(link)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.parseMediaType("audio/wav"))
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(body).isEqualTo(Files.readAllBytes(ROOT.resolve("clip.wav")));
		this.client.get()
			.uri(link)
			.header(HttpHeaders.RANGE, "bytes=44-1043")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 44-1043/" + body.length)
			.expectHeader()
			.contentLength(1000);
		this.client.head().uri(link).exchange().expectStatus().isOk();
	}

	@Test
	void mediaResponsesKeepTheirCacheControlUnderSpringSecurity() {
		this.client.get()
			.uri(linkOnThePage())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			// The configured header, with what a signed link adds so no cache serves it once expired.
			.valueEquals(HttpHeaders.CACHE_CONTROL, "private, max-age=600, must-revalidate");
	}

	@Test
	void anUnsignedRequestIsRefusedEvenWithCredentials() {
		this.client.get()
			.uri("/media/clip.wav")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get()
			.uri("/media/clip.wav")
			.headers((headers) -> headers.setBasicAuth(SecuredMediaApplication.USER, SecuredMediaApplication.PASSWORD))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.head().uri("/media/clip.wav").exchange().expectStatus().isForbidden();
	}

	@Test
	void anExpiredSignedLinkIsGone() {
		Clock threeHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
		String expired = new MediaUrlSigner(this.settings, threeHoursAgo).sign("/media/clip.wav", Duration.ofHours(1));
		this.client.get()
			.uri(URI.create("http://127.0.0.1:" + this.port + expired))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GONE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aSignedLinkOpensOnlyItsOwnFile() {
		String link = linkOnThePage().toString();
		this.client.get()
			.uri(URI.create(link.replace("/media/clip.wav", "/media/other.wav")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	/** Log in, load the page, and return its video's link as a browser would resolve it. */
	private URI linkOnThePage() {
		String page = this.client.get()
			.uri("/watch")
			.headers((headers) -> headers.setBasicAuth(SecuredMediaApplication.USER, SecuredMediaApplication.PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Matcher src = VIDEO_SRC.matcher(page);
		assertThat(src.find()).as(page).isTrue();
		String link = HtmlUtils.htmlUnescape(src.group(1));
		assertThat(link).startsWith("/media/clip.wav?expires=").contains("&signature=");
		return URI.create("http://127.0.0.1:" + this.port + link);
	}

	/** Two files of 1 s of 8 kHz 16-bit mono silence: real WAV files, written here rather than shipped. */
	private static Path createRoot() {
		try {
			Path root = Files.createTempDirectory("media-security");
			Files.write(root.resolve("clip.wav"), wav(8000, 1));
			Files.write(root.resolve("other.wav"), wav(8000, 1));
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] wav(int sampleRate, int seconds) {
		int dataBytes = sampleRate * 2 * seconds;
		ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
		wav.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
		wav.put("fmt ".getBytes()).putInt(16); // chunk size
		wav.putShort((short) 1).putShort((short) 1); // PCM, mono
		wav.putInt(sampleRate).putInt(sampleRate * 2); // sample rate, byte rate
		wav.putShort((short) 2).putShort((short) 16); // block align, bits per sample
		wav.put("data".getBytes()).putInt(dataBytes);
		return wav.array();
	}

}
