package io.github.mediastreaming.http;

import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With CORS on, a media answer to a request without an {@code Origin} (a plain {@code <video src>}) says
 * {@code Vary: Origin}, as the Fetch standard asks of a resource whose CORS headers depend on the
 * {@code Origin} ("CORS protocol and HTTP caches"): without it, a cache (the browser's own, a CDN) that
 * stored that answer hands it, without {@code Access-Control-Allow-Origin}, to a player's cross-origin read
 * of the same URL, which then fails. The answer itself carries no CORS headers.
 */
@SpringBootTest(classes = CrossOriginCachingReviewTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.cache-control=public, max-age=86400",
				"media.streaming.cors.allowed-origins=" + CrossOriginCachingReviewTests.PLAYER })
class CrossOriginCachingReviewTests {

	static final String PLAYER = "https://player.example";

	private static final Path ROOT = Fixtures.root("media-cors-caching",
			(root) -> Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3"));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void anAnswerToARequestWithoutAnOriginVariesByOriginSoNoCacheGivesItToAPlayer() throws Exception {
		RawHttp.Response plain = RawHttp.get(this.port, "/media/song.mp3", "Range: bytes=0-99");
		assertThat(plain.status()).isEqualTo(206);
		assertThat(plain.header("Cache-Control")).contains("public");
		assertThat(plain.header("Vary")).contains("Origin");
		assertThat(plain.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void anAnswerOutsideTheMediaRoutesIsLeftAlone() throws Exception {
		RawHttp.Response other = RawHttp.get(this.port, "/actuator/health");
		assertThat(other.status()).isEqualTo(200);
		assertThat(other.header("Vary")).isNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
