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
 * A {@code media.streaming.path} with a character a URL must percent-encode (a space, an accented
 * letter) starts without complaint and the route matches it, so its files must be served, not a 404 for
 * every one.
 */
@SpringBootTest(classes = EncodedPathPrefixHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.path=/vidéos" })
class EncodedPathPrefixHttpTests {

	private static final Path ROOT = Fixtures.root("media-encoded-prefix",
			(root) -> Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3"));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void filesAreServedUnderAPrefixThatNeedsPercentEncoding() throws Exception {
		RawHttp.Response response = RawHttp.get(this.port, "/vid%C3%A9os/song.mp3");
		assertThat(response.status()).as(response.text().substring(0, Math.min(400, response.text().length())))
			.isEqualTo(200);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
