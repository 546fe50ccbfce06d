package io.github.mediastreaming.actuate;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Review finding: the {@code media} endpoint hands its selector to the store unchecked, so a path the
 * media routes refuse with a 4xx (a NUL in a segment) reaches {@code Path.resolve} and fails with a 500.
 */
@SpringBootTest(classes = MediaEndpointPathReviewTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=media")
class MediaEndpointPathReviewTests {

	private static final Path ROOT = Fixtures.root("media-endpoint-path", (root) -> Files.write(root.resolve("a.wav"),
			new byte[1000]));

	@LocalServerPort
	int port;

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
	void aNulInTheIndexPathIsNotFoundNotAServerError() {
		this.client.get()
			.uri(URI.create("http://127.0.0.1:" + this.port + "/actuator/media/a%00b.wav"))
			.exchange()
			.expectStatus()
			.is4xxClientError();
	}

	@Test
	void aNulInTheEvictedPathIsNotFoundNotAServerError() {
		this.client.delete()
			.uri(URI.create("http://127.0.0.1:" + this.port + "/actuator/media/a%00b.wav"))
			.exchange()
			.expectStatus()
			.is4xxClientError();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
