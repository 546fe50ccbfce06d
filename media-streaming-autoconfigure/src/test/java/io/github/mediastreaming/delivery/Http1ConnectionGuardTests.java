package io.github.mediastreaming.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/1.1 connection guard over real sockets, with a 2 s request-header deadline: a client trickling
 * its header is dropped while others are served, an idle keep-alive connection is closed, neither a long
 * paced response nor pipelined requests waiting behind one are cut, and pipelined requests ending with
 * {@code Connection: close} are all answered.
 */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.header-timeout=2s", "media.streaming.speedup-factor=0",
				"media.streaming.initial-boost=0s" })
class Http1ConnectionGuardTests {

	private static final Path ROOT = Fixtures.root("header-timeout", (root) -> {
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
	void aClientTricklingItsHeaderIsDroppedWhileOthersAreServed() throws Exception {
		try (Socket slow = RawHttp.connect(this.port)) {
			OutputStream out = slow.getOutputStream();
			byte[] header = "GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
			long start = System.nanoTime();
			boolean dropped = false;
			for (int i = 0; i < header.length * 4 && !dropped; i++) {
				try {
					out.write(header[i % header.length]);
					out.flush();
				}
				catch (IOException ex) {
					dropped = true;
				}
				if (i % 5 == 0) {
					// Meanwhile a well-behaved client gets its file at once.
					HttpResponse<byte[]> other = HttpClient.newHttpClient()
						.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/media/small.bin"))
							.build(), HttpResponse.BodyHandlers.ofByteArray());
					assertThat(other.body()).hasSize(1000);
				}
				dropped = dropped || closedByServer(slow);
				Thread.sleep(200);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			assertThat(dropped).isTrue();
			assertThat(seconds).isBetween(1.9, 6.0);
		}
	}

	@Test
	void anIdleKeepAliveConnectionIsClosedAfterTheDeadline() throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			request(socket, "/media/small.bin");
			assertThat(readResponse(socket.getInputStream())).contains("200 OK");
			// Within the deadline, the connection takes another request.
			Thread.sleep(500);
			request(socket, "/media/small.bin");
			assertThat(readResponse(socket.getInputStream())).contains("200 OK");
			Thread.sleep(3_000);
			assertThat(closedByServer(socket)).isTrue();
		}
	}

	@Test
	void pipelinedRequestsBehindALongPacedResponseAreAnsweredInFull() throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			socket.setSoTimeout(20_000);
			String twice = "GET /media/paced.wav HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(2);
			socket.getOutputStream().write(twice.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			for (int i = 0; i < 2; i++) {
				String head = RawHttp.readHead(in);
				assertThat(head).contains("200 OK").contains("Content-Length: 300000");
				assertThat(in.readNBytes(300_000)).hasSize(300_000);
			}
		}
	}

	/**
	 * Every pipelined request is answered when the last asks to close the connection, however slowly
	 * the first is (a paced body, an actuator answer). Without the guard, Reactor Netty closes the
	 * connection after the first response and the others are lost.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/media/small.bin", "/media/paced.wav", "/actuator/health" })
	void pipelinedRequestsEndingWithConnectionCloseAreAllAnswered(String path) throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			String requests = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").repeat(2)
					+ "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
			socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			int answered = 0;
			try {
				for (int i = 0; i < 3; i++) {
					readResponse(in);
					answered++;
				}
			}
			catch (IOException ex) {
				// Counted below.
			}
			assertThat(answered).isEqualTo(3);
		}
	}

	private static void request(Socket socket, String path) throws IOException {
		socket.getOutputStream()
			.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
	}

	private static String readResponse(InputStream in) throws IOException {
		String head = RawHttp.readHead(in);
		if (head.contains("Content-Length: ")) {
			in.readNBytes(Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1")));
		}
		else {
			// Chunked: read to the last chunk.
			while (true) {
				StringBuilder size = new StringBuilder();
				for (int b = in.read(); b != '\n'; b = in.read()) {
					if (b < 0) {
						throw new IOException("Connection closed in a chunk size");
					}
					size.append((char) b);
				}
				int length = Integer.parseInt(size.toString().trim(), 16);
				in.readNBytes(length + 2);
				if (length == 0) {
					break;
				}
			}
		}
		return head;
	}

	/** Whether the server closed the connection: a read that ends or resets at once. */
	private static boolean closedByServer(Socket socket) throws IOException {
		int timeout = socket.getSoTimeout();
		socket.setSoTimeout(50);
		try {
			return socket.getInputStream().read() < 0;
		}
		catch (java.net.SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
		finally {
			socket.setSoTimeout(timeout);
		}
	}

}
