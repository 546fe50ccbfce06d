package io.github.mediastreaming.delivery;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.metrics.MediaMeters;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.SelfSignedKeyStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The send timeout (2 s here) on the buffer path, which TLS and HTTP/2 take: a client that stops reading
 * over TLS, or an HTTP/2 client that stops granting flow-control window, is dropped and counted as timed
 * out, as {@link SendTimeoutTests} proves for plain HTTP/1.1; a paced stream that sleeps longer than the
 * timeout between its own buffers (4 s here) is not.
 */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "media.streaming.send-timeout=2s",
				"media.streaming.speedup-factor=0", "media.streaming.initial-boost=0s" })
@Import(SendTimeoutBufferPathTests.SlowFormat.class)
class SendTimeoutBufferPathTests {

	private static final SelfSignedKeyStore KEYS = SelfSignedKeyStore.create();

	private static final int SLOW_SIZE = 16_384;

	private static final Path ROOT = Fixtures.root("send-timeout-buffers", (root) -> {
		try (RandomAccessFile file = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
			file.setLength(256L << 20);
		}
		Files.write(root.resolve("slow.slow"), new byte[SLOW_SIZE]);
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
		KEYS.serveWith(registry);
	}

	@Test
	void aTlsClientThatStopsReadingIsDisconnectedAndCountedAsTimedOut() throws Exception {
		double before = timedOut();
		try (SSLSocket socket = RawHttp2.connect(KEYS.clientContext(), this.port, "http/1.1")) {
			socket.getOutputStream()
				.write("GET /media/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			assertThat(in.readNBytes(1024)).hasSize(1024);
			// Stop reading: the encrypted bytes fill both sockets' buffers and make no more progress.
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(timedOut()).isEqualTo(before + 1));
			assertThat(this.streams.size()).isZero();
		}
	}

	@Test
	void anHttp2StreamWhoseWindowStaysFullIsResetAndCountedAsTimedOut() throws Exception {
		double before = timedOut();
		try (SSLSocket socket = RawHttp2.connect(KEYS.clientContext(), this.port, "h2")) {
			assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
			OutputStream out = socket.getOutputStream();
			// The default 65,535-byte windows, which this client never refills.
			out.write(RawHttp2.PREFACE);
			out.write(RawHttp2.get(1, "/media/big.bin"));
			out.flush();
			InputStream in = socket.getInputStream();
			assertThat(RawHttp2.readData(in, 1, 65_535)).isEqualTo(65_535);
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(timedOut()).isEqualTo(before + 1));
			assertThat(this.streams.size()).isZero();
			// The stream is reset; the connection, which other streams may share, is not closed.
			assertThat(RawHttp2.readEnd(in, 1)).isEqualTo(3);
		}
	}

	@Test
	void aPacedHttp2StreamSleepingLongerThanTheTimeoutBetweenBuffersIsNotTimedOut() throws Exception {
		double before = timedOut();
		// 16 kbit/s by the format below, a factor of 0 and no boost: 2,000 B/s in 8 KiB buffers, the second
		// due 4.1 s after the first (a buffer leaves when the bytes before it are due).
		HttpClient client = HttpClient.newBuilder()
			.sslContext(KEYS.clientContext())
			.version(HttpClient.Version.HTTP_2)
			.build();
		long start = System.nanoTime();
		HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + this.port
				+ "/media/slow.slow")).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.body()).hasSize(SLOW_SIZE);
		assertThat((System.nanoTime() - start) / 1e9).isGreaterThan(3.5);
		assertThat(timedOut()).isEqualTo(before);
	}

	private double timedOut() {
		var counter = this.meters.find(MediaMeters.STREAMS).tags("outcome", "timed_out").counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** Files named {@code *.slow} are 16 kbit/s whatever their bytes. */
	@TestConfiguration(proxyBeanMethods = false)
	static class SlowFormat {

		@Bean
		MediaFormat slowMediaFormat() {
			return MediaFormat.named("slow")
				.extension("slow", "audio/basic")
				.reader((source, budget) -> new MediaIndex(source.size(), 8_192_000, 16_000, null))
				.build();
		}

	}

}
