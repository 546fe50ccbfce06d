package io.github.mediastreaming.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 2 MB/s cap on every response together, over a real socket with zero-copy sends: four unpaced 1 MB
 * downloads at once share it evenly (4 MB at 2 MB/s: about 2 s, each about as long as the others), and a
 * paced stream below its fair share (100 KB/s here) keeps its schedule beside them.
 */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.bandwidth.total-limit=2MB", "media.streaming.speedup-factor=0",
				"media.streaming.initial-boost=0s", "management.endpoints.web.exposure.include=media" })
class BandwidthBudgetHttpTests {

	private static final int DOWNLOAD = 1 << 20;

	private static final Path ROOT = Fixtures.root("bandwidth", (root) -> {
		for (int i = 0; i < 4; i++) {
			Files.write(root.resolve("download" + i + ".bin"), new byte[DOWNLOAD]);
		}
		// 800 kbit/s by the test format: 100,000 B/s, so 200,000 bytes take 2 s.
		Files.write(root.resolve("paced.wav"), new byte[200_000]);
	});

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void concurrentDownloadsShareTheCapEvenlyAndAPacedStreamKeepsItsRate() throws Exception {
		long start = System.nanoTime();
		List<CompletableFuture<Double>> downloads = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			downloads.add(timed("/media/download" + i + ".bin", DOWNLOAD, start));
		}
		CompletableFuture<Double> paced = timed("/media/paced.wav", 200_000, start);
		List<Double> seconds = new ArrayList<>();
		for (CompletableFuture<Double> download : downloads) {
			seconds.add(download.get());
		}
		// 4 MiB plus the paced stream's 0.2 MB at 2 MB/s: about 2.2 s for all; none far ahead of the others.
		assertThat(seconds).allSatisfy((s) -> assertThat(s).isBetween(1.8, 3.5));
		double fastest = seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double slowest = seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		assertThat(slowest / fastest).isLessThan(1.3);
		assertThat(paced.get()).isBetween(1.9, 2.6);
	}

	@Test
	void theActuatorShowsTheBudget() {
		Map<String, Object> media = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.get()
			.uri("/actuator/media")
			.exchange()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		Map<String, Object> bandwidth = (Map<String, Object>) media.get("bandwidth");
		assertThat(bandwidth).containsEntry("limitBytesPerSecond", 2 * 1024 * 1024).containsKey("inUseBytesPerSecond");
	}

	private CompletableFuture<Double> timed(String path, int size, long start) {
		return this.http
			.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofByteArray())
			.thenApply((response) -> {
				assertThat(response.body()).hasSize(size);
				return (System.nanoTime() - start) / 1e9;
			});
	}

}
