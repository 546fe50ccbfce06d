package io.github.mediastreaming.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bandwidth cap on the buffer path (HTTP/2 streams cannot take file regions): two unpaced 512 KiB
 * downloads under a 1 MB/s cap take about a second together, and neither runs away with it.
 */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "media.streaming.bandwidth.total-limit=1MB" })
class BandwidthBudgetBufferPathTests {

	private static final int DOWNLOAD = 512 * 1024;

	private static final Path ROOT = Fixtures.root("bandwidth-h2", (root) -> {
		Files.write(root.resolve("a.bin"), new byte[DOWNLOAD]);
		Files.write(root.resolve("b.bin"), new byte[DOWNLOAD]);
	});

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void twoDownloadsShareTheCap() throws Exception {
		// The upgrade to HTTP/2 happens on a first request; the timed ones run on streams.
		this.http.send(HttpRequest.newBuilder(uri("/media/a.bin")).header("Range", "bytes=0-0").build(),
				HttpResponse.BodyHandlers.discarding());
		long start = System.nanoTime();
		List<CompletableFuture<Double>> downloads = new ArrayList<>();
		for (String name : new String[] { "a", "b" }) {
			downloads.add(this.http.sendAsync(HttpRequest.newBuilder(uri("/media/" + name + ".bin")).build(),
					HttpResponse.BodyHandlers.ofByteArray())
				.thenApply((response) -> {
					assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
					assertThat(response.body()).hasSize(DOWNLOAD);
					return (System.nanoTime() - start) / 1e9;
				}));
		}
		for (CompletableFuture<Double> download : downloads) {
			assertThat(download.get()).isBetween(0.8, 2.0);
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
