package io.github.mediastreaming.delivery;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.github.mediastreaming.metrics.MediaMeters;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.testsupport.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The send timeout (2 s here) holds for an HTTP/2 stream: a client that stops reading lets its stream's
 * flow-control window run out, the server can send nothing more, and the stream is reset and counted as
 * timed out.
 */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "media.streaming.send-timeout=2s" })
class SendTimeoutH2cTests {

	private static final Path ROOT = Fixtures.root("send-timeout-h2c", (root) -> {
		try (RandomAccessFile file = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
			file.setLength(256L << 20);
		}
	});

	@LocalServerPort
	int port;

	@Autowired
	StreamRegistry streams;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void anHttp2ClientThatStopsReadingIsResetAndCountedAsTimedOut() throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
		HttpResponse<InputStream> response = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/media/big.bin")).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		try (InputStream in = response.body()) {
			assertThat(in.readNBytes(1024)).hasSize(1024);
			// Stop reading: the client stops opening the stream's window, and the server's sends stall.
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(timedOut()).isEqualTo(1));
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.streams.size()).isZero());
		}
	}

	private double timedOut() {
		var counter = this.meters.find(MediaMeters.STREAMS).tags("outcome", "timed_out").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
