package io.github.mediastreaming.http;

import java.net.URI;
import java.nio.file.Path;

import io.github.mediastreaming.signing.MediaUrlSigner;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-origin access over the real server, with signed URLs on as a public site would have them: a
 * player on an allowed origin gets its preflight answered without a signature, reads a 206's
 * {@code Content-Range} and a refusal's problem; other origins get a 403 problem; a plain
 * {@code <video src>} (no {@code Origin}) is served as without CORS. The origins are a YAML-style list.
 */
@SpringBootTest(classes = CrossOriginHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.signed-urls.enabled=true",
				"media.streaming.signed-urls.keys[0]=" + CrossOriginHttpTests.KEY,
				"media.streaming.cors.allowed-origins[0]=" + CrossOriginHttpTests.PLAYER,
				"media.streaming.cors.allowed-origins[1]=https://*.cdn.example" })
class CrossOriginHttpTests {

	static final String KEY = "the key that signs new links, 32+ bytes";

	static final String PLAYER = "https://player.example";

	private static final Path ROOT = Fixtures.root("media-cors", (root) -> Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3"));

	@LocalServerPort
	int port;

	@Autowired
	MediaUrlSigner signer;

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
	void aPreflightFromAnAllowedOriginIsAnsweredWithoutASignature() {
		this.client.options()
			.uri("/media/song.mp3")
			.header(HttpHeaders.ORIGIN, PLAYER)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "range")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, PLAYER)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, (methods) -> assertThat(methods).contains("GET"))
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, (headers) -> assertThat(headers).containsIgnoringCase("range"))
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "1800")
			.expectBody()
			.isEmpty();
	}

	@Test
	void aRangeAnswerToAnAllowedOriginExposesWhichBytesItHolds() {
		this.client.get()
			.uri(signed())
			.header(HttpHeaders.ORIGIN, PLAYER)
			.header(HttpHeaders.RANGE, "bytes=0-99")
			.exchange()
			.expectStatus()
			.isEqualTo(206)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, PLAYER)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					(exposed) -> assertThat(exposed).contains("Content-Range", "Accept-Ranges", "ETag"))
			.expectHeader()
			.value(HttpHeaders.VARY, (vary) -> assertThat(vary).contains("Origin"))
			.expectHeader()
			.valueMatches(HttpHeaders.CONTENT_RANGE, "bytes 0-99/\\d+");
	}

	@Test
	void anOriginMatchingAPatternIsAllowed() {
		this.client.get()
			.uri(signed())
			.header(HttpHeaders.ORIGIN, "https://edge7.cdn.example")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://edge7.cdn.example");
	}

	@Test
	void aRefusedLinkCarriesTheCorsHeadersSoThePlayerCanReadWhy() {
		this.client.get()
			.uri("/media/song.mp3")
			.header(HttpHeaders.ORIGIN, PLAYER)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, PLAYER)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void anOriginNotAllowedGetsAProblemAndNoCorsHeaders() {
		this.client.get()
			.uri(signed())
			.header(HttpHeaders.ORIGIN, "https://elsewhere.example")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("This origin may not read media from this server");
		this.client.method(HttpMethod.OPTIONS)
			.uri("/media/song.mp3")
			.header(HttpHeaders.ORIGIN, "https://elsewhere.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aPreflightForAMethodOtherThanGetOrHeadIsRefused() {
		this.client.options()
			.uri("/media/song.mp3")
			.header(HttpHeaders.ORIGIN, PLAYER)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "DELETE")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void aRequestWithoutAnOriginIsServedWithoutCorsHeaders() {
		this.client.get()
			.uri(signed())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS);
	}

	private URI signed() {
		// As the link is: WebTestClient would encode a string's '%' again.
		return URI.create("http://127.0.0.1:" + this.port + this.signer.sign("/media/song.mp3"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
