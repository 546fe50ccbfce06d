package io.github.mediastreaming.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

import javax.net.ssl.SSLParameters;
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
		registry.add("server.ssl.key-store", () -> KEYS.file().toString());
		registry.add("server.ssl.key-store-type", () -> "PKCS12");
		registry.add("server.ssl.key-store-password", () -> SelfSignedKeyStore.PASSWORD);
	}

	@Test
	void aTlsClientThatStopsReadingIsDisconnectedAndCountedAsTimedOut() throws Exception {
		double before = timedOut();
		try (SSLSocket socket = connect("http/1.1")) {
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
		try (SSLSocket socket = connect("h2")) {
			assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
			OutputStream out = socket.getOutputStream();
			out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			// An empty SETTINGS frame: the default 65,535-byte windows, which this client never refills.
			out.write(new byte[] { 0, 0, 0, 0x4, 0, 0, 0, 0, 0 });
			out.write(headersFrame(1, "/media/big.bin"));
			out.flush();
			InputStream in = socket.getInputStream();
			assertThat(readData(in, 1, 65_535)).isEqualTo(65_535);
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(timedOut()).isEqualTo(before + 1));
			assertThat(this.streams.size()).isZero();
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

	private SSLSocket connect(String protocol) throws IOException {
		SSLSocket socket = (SSLSocket) KEYS.clientContext().getSocketFactory().createSocket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new java.net.InetSocketAddress("127.0.0.1", this.port), 5000);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setApplicationProtocols(new String[] { protocol });
		socket.setSSLParameters(parameters);
		socket.setSoTimeout(10_000);
		socket.startHandshake();
		return socket;
	}

	/** A GET as one HEADERS frame (END_STREAM, END_HEADERS), its fields as HPACK literals by hand. */
	private static byte[] headersFrame(int streamId, String path) {
		ByteArrayOutputStream block = new ByteArrayOutputStream();
		block.write(0x82); // :method GET (static table 2)
		block.write(0x87); // :scheme https (static table 7)
		literal(block, 4, path); // :path, name from static table 4, not indexed
		literal(block, 1, "127.0.0.1"); // :authority, name from static table 1
		byte[] payload = block.toByteArray();
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0);
		frame.write(payload.length >> 8);
		frame.write(payload.length);
		frame.write(0x1); // HEADERS
		frame.write(0x5); // END_STREAM | END_HEADERS
		frame.write(streamId >> 24);
		frame.write(streamId >> 16);
		frame.write(streamId >> 8);
		frame.write(streamId);
		frame.writeBytes(payload);
		return frame.toByteArray();
	}

	private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
		block.write(nameIndex); // literal without indexing, indexed name (4-bit prefix)
		block.write(bytes.length); // no Huffman, under 127
		block.writeBytes(bytes);
	}

	/** Read frames until {@code bytes} of DATA arrived on the stream; return how many did. */
	private static long readData(InputStream in, int streamId, long bytes) throws IOException {
		long data = 0;
		while (data < bytes) {
			byte[] header = in.readNBytes(9);
			if (header.length < 9) {
				break;
			}
			int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
			int type = header[3];
			int id = ((header[5] & 0x7f) << 24) | ((header[6] & 0xff) << 16) | ((header[7] & 0xff) << 8)
					| (header[8] & 0xff);
			byte[] payload = in.readNBytes(length);
			if (type == 0 && id == streamId) {
				data += payload.length;
			}
		}
		return data;
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
