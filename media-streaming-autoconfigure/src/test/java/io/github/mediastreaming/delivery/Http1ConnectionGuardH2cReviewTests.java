package io.github.mediastreaming.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/1.1 connection guard on a clear-text server that also speaks HTTP/2 (h2c, server.http2.enabled
 * without TLS): an HTTP/1.1 client that never finishes its header is dropped at the request-header
 * deadline (2 s here), and pipelined requests whose last asks to close are all answered, as on a server
 * without HTTP/2. Reactor Netty names the HTTP/1.1 codec of such a connection otherwise, so the guard,
 * added after the codec of that name, was never installed. A connection that becomes HTTP/2 (by an
 * upgrade, or with prior knowledge) is not held to the deadline: a stream longer than it ends whole.
 */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "media.streaming.header-timeout=2s",
				"media.streaming.speedup-factor=0", "media.streaming.initial-boost=0s" })
class Http1ConnectionGuardH2cReviewTests {

	private static final Path ROOT = Fixtures.root("header-timeout-h2c", (root) -> {
		Files.write(root.resolve("small.bin"), new byte[1000]);
		// 800 kbit/s by the test format: 100,000 B/s, so 300,000 bytes take 3 s, longer than the deadline.
		Files.write(root.resolve("paced.wav"), new byte[300_000]);
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void anHttp11ClientThatNeverFinishesItsHeaderIsDropped() throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			socket.getOutputStream()
				.write("GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			// Far longer than the deadline: the server should have closed the connection long before.
			socket.setSoTimeout(15_000);
			assertThat(closedByServer(socket)).isTrue();
		}
	}

	@Test
	void pipelinedRequestsEndingWithConnectionCloseAreAllAnswered() throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			String requests = "GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(2)
					+ "GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
			socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			int answered = 0;
			try {
				for (int i = 0; i < 3; i++) {
					String head = RawHttp.readHead(in);
					assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: 1000");
					assertThat(in.readNBytes(1000)).hasSize(1000);
					answered++;
				}
			}
			catch (IOException ex) {
				// Counted below.
			}
			assertThat(answered).isEqualTo(3);
		}
	}

	@Test
	void anHttp2ConnectionWithPriorKnowledgeIsNotHeldToTheDeadline() throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(RawHttp2.PREFACE);
			// Room for the whole body: the connection's window and the stream's.
			out.write(windowUpdate(0, 1_000_000));
			out.write(RawHttp2.get(1, "/media/paced.wav"));
			out.write(windowUpdate(1, 1_000_000));
			out.flush();
			assertThat(RawHttp2.readData(socket.getInputStream(), 1, 300_000)).isEqualTo(300_000);
		}
	}

	@Test
	void anHttp11ConnectionUpgradedToHttp2IsNotHeldToTheDeadline() throws Exception {
		HttpResponse<byte[]> response = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_2)
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/media/paced.wav")).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.body()).hasSize(300_000);
	}

	/** A WINDOW_UPDATE frame granting {@code increment} bytes more on a stream (0: the connection). */
	private static byte[] windowUpdate(int streamId, int increment) {
		return new byte[] { 0, 0, 4, 0x8, 0, (byte) (streamId >> 24), (byte) (streamId >> 16), (byte) (streamId >> 8),
				(byte) streamId, (byte) (increment >> 24), (byte) (increment >> 16), (byte) (increment >> 8),
				(byte) increment };
	}

	/** Whether the server ends the connection before the socket's timeout: a read that ends or resets. */
	private static boolean closedByServer(Socket socket) throws IOException {
		try {
			return socket.getInputStream().read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
