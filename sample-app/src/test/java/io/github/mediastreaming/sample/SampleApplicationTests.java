package io.github.mediastreaming.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sample app starts with its own configuration and serves its demo media and page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	@LocalServerPort
	int port;

	private WebTestClient client() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@Test
	void servesTheDemoPage() {
		client().get().uri("/").exchange().expectStatus().isOk().expectBody(String.class)
			.value((page) -> org.assertj.core.api.Assertions.assertThat(page).contains("/media/demo.mp4"));
	}

	@Test
	void benchmarkBaselineRouteIsOffByDefault() {
		client().get().uri("/bench/baseline").exchange().expectStatus().isNotFound();
	}

	@Test
	void servesADemoFileRangeWithItsContentType() {
		client().get()
			.uri("/media/demo.mp3")
			.header(HttpHeaders.RANGE, "bytes=0-99")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.contentType(MediaType.parseMediaType("audio/mpeg"))
			.expectHeader()
			.contentLength(100);
	}

}
