package io.github.mediastreaming.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark baseline route answers 1 KiB when its property enables it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.baseline-route.enabled=true")
class BaselineRouteTests {

	@LocalServerPort
	int port;

	@Test
	void whenEnabledThenBaselineRouteAnswersOneKibibyte() {
		WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build()
			.get()
			.uri("/bench/baseline")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.expectBody(byte[].class)
			.value((body) -> assertThat(body).hasSize(1024));
	}

}
