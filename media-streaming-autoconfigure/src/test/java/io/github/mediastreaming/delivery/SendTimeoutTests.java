package io.github.mediastreaming.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * A client that stops reading is dropped after the send timeout (2 s here), counted as timed out, and
 * leaves nothing behind; a paced stream that sleeps longer than the timeout between its own sends (3 s
 * here) is not "no progress".
 */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.send-timeout=2s", "media.streaming.pacing-interval=3s",
				"media.streaming.speedup-factor=0", "media.streaming.initial-boost=0s" })
class SendTimeoutTests {

	private static final Path ROOT = Fixtures.root("send-timeout", (root) -> {
		try (RandomAccessFile file = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
			file.setLength(256L << 20);
		}
		// 800 kbit/s by the test format: 100,000 B/s, 3 s sends of 300,000 bytes, 7 s for 700,000 bytes.
		Files.write(root.resolve("paced.wav"), new byte[700_000]);
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
	void aClientThatStopsReadingIsDisconnectedAndCountedAsTimedOut() throws Exception {
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(4096);
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.getOutputStream()
				.write("GET /media/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			assertThat(in.readNBytes(1024)).hasSize(1024);
			// Stop reading: the server's writes fill both sockets' buffers and make no more progress.
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(timedOut()).isEqualTo(1));
			assertThat(this.streams.size()).isZero();
			// What the client finds when it reads again: the buffered bytes, then the end of the connection.
			socket.setSoTimeout(10_000);
			assertThat(drain(in)).isLessThan(256L << 20);
		}
	}

	@Test
	void aPacedStreamSleepingLongerThanTheTimeoutBetweenSendsIsNotTimedOut() throws Exception {
		double before = timedOut();
		long start = System.nanoTime();
		byte[] body = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/media/paced.wav"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray())
			.body();
		assertThat(body).hasSize(700_000);
		assertThat((System.nanoTime() - start) / 1e9).isGreaterThan(5.5);
		assertThat(timedOut()).isEqualTo(before);
	}

	private double timedOut() {
		var counter = this.meters.find(MediaMeters.STREAMS).tags("outcome", "timed_out").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static long drain(InputStream in) throws IOException {
		byte[] buffer = new byte[65536];
		long total = 0;
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				total += read;
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("The server did not close the connection", ex);
		}
		catch (IOException ex) {
			// A reset is an end too.
		}
		return total;
	}

}
