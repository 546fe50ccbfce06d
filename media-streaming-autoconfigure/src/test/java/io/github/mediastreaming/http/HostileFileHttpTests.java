package io.github.mediastreaming.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.mediastreaming.metrics.MediaMeters;
import io.github.mediastreaming.testsupport.CraftedMp4;
import io.github.mediastreaming.testsupport.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An MP4 over HTTP whose index would exceed the configured bound: its {@code stsz} lists 2 million sample
 * sizes, which take 2 MB in the index, against a bound of 1 MB. It is served as it is (unpaced, not
 * seekable), every request gets an answer, the actuator says why, and the refusal is cached: the file is
 * read once, not once a request.
 */
@SpringBootTest(classes = HostileFileHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=media,metrics",
				"media.streaming.cache.maximum-index-memory=1MB" })
class HostileFileHttpTests {

	private static final int SAMPLES = 2_000_000;

	private static final Path ROOT = Fixtures.root("hostile",
			(root) -> CraftedMp4.writeWithSizeTable(root.resolve("crafted.mp4"), 1, SAMPLES));

	@LocalServerPort
	int port;

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
	void everyRequestIsAnsweredAndTheFileIsReadOnce() throws Exception {
		long size = Files.size(ROOT.resolve("crafted.mp4"));
		for (int i = 0; i < 3; i++) {
			this.client.head().uri("/media/crafted.mp4").exchange().expectStatus().isOk()
				.expectHeader().contentLength(size);
			this.client.get().uri("/media/crafted.mp4").header("Range", "bytes=0-99").exchange()
				.expectStatus().isEqualTo(206).expectHeader().contentLength(100);
			this.client.get().uri("/media/crafted.mp4?start=5").exchange().expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.detail").value((detail) -> assertThat(detail.toString()).contains("could not be indexed"));
		}
		assertThat(this.meters.get(MediaMeters.INDEX_FAILURES).tags("reason", "too_large").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.find(MediaMeters.REQUESTS).tags("status", "5xx").counter()).isNull();
	}

	@Test
	void wholeFileIsServedUnpaced() throws Exception {
		Long received = this.client.get().uri("/media/crafted.mp4").exchange().expectStatus().isOk()
			.returnResult(DataBuffer.class)
			.getResponseBody()
			.map((buffer) -> {
				long length = buffer.readableByteCount();
				DataBufferUtils.release(buffer);
				return length;
			})
			.reduce(0L, Long::sum)
			.block(Duration.ofSeconds(30));
		assertThat(received).isEqualTo(Files.size(ROOT.resolve("crafted.mp4")));
	}

	@Test
	void actuatorNamesTheReason() {
		Map<String, Object> index = this.client.get().uri("/actuator/media/crafted.mp4").exchange()
			.expectStatus().isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(index).containsEntry("indexed", false).containsEntry("failure", "too_large");
		assertThat((String) index.get("failureDetail")).contains("2000000 sample sizes");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
