package io.github.mediastreaming.actuate;

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
 * The endpoint's answers about a file are built off the event loop (it asks the store on the blocking
 * scheduler, and indexes a file not yet indexed). The next request of a keep-alive connection is still
 * served: Reactor Netty 1.3.8 sometimes loses it after an exchange that ended on another thread (see
 * {@code ConnectionLoop}). Each round asks about a file not asked about before.
 */
@SpringBootTest(classes = MediaEndpointKeepAliveTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=media")
class MediaEndpointKeepAliveTests {

	private static final int FILES = 300;

	private static final Path ROOT = Fixtures.root("media-endpoint-keep-alive", (root) -> {
		for (int i = 0; i < FILES; i++) {
			Fixtures.copy(root, "mp3/mpeg2.mp3", "song" + i + ".mp3");
		}
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void theNextRequestOnAConnectionIsServedAfterTheEndpointDescribedAFile() throws Exception {
		for (int i = 0; i < FILES; i++) {
			// A GET of what the endpoint knows of a file, and every third time a DELETE of its index.
			String first = (i % 3 == 2) ? "DELETE /actuator/media/song" + i + ".mp3 HTTP/1.1"
					: "GET /actuator/media/song" + i + ".mp3 HTTP/1.1";
			RawHttp.KeptAlive answers = RawHttp.twoOnOneConnection(this.port, first, "/media/song" + i + ".mp3");
			assertThat(answers.first()).as(first).matches("(?s)HTTP/1\\.1 20[04] .*");
			assertThat(answers.next()).as("after " + first).startsWith("HTTP/1.1 206");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
