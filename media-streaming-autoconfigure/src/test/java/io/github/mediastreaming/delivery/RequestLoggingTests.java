package io.github.mediastreaming.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends half a request header and goes (or is dropped by the request-header deadline), or
 * sends a request line that is not HTTP or too long, is a client's doing, not the server's: hardening.md
 * promises it is never logged above DEBUG (Reactor Netty logs each at WARN), and a hostile client could
 * otherwise fill the log a line a connection. An unreadable request still gets its 400 or 414.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "media.streaming.header-timeout=1s")
class RequestLoggingTests {

	private static final Path ROOT = Fixtures.root("request-logging", (root) -> {
		Files.write(root.resolve("small.bin"), new byte[1000]);
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aClientThatHangsUpInTheMiddleOfItsHeaderIsNotLoggedAboveDebug(CapturedOutput output) throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n");
			Thread.sleep(200);
		}
		assertQuiet(output);
	}

	@Test
	void aClientDroppedByTheHeaderDeadlineIsNotLoggedAboveDebug(CapturedOutput output) throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n");
			assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
		}
		assertQuiet(output);
	}

	@Test
	void aRequestThatIsNotHttpGetsA400AndIsNotLoggedAboveDebug(CapturedOutput output) throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "\u0001\u0002 not http at all\r\n\r\n");
			InputStream in = socket.getInputStream();
			String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(answer).isEqualTo("HTTP/1.1 400");
		}
		assertQuiet(output);
	}

	@Test
	void aRequestLineLongerThanTheLimitGetsA414ProblemAndIsNotLoggedAboveDebug(CapturedOutput output) throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "GET /media/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(answer).startsWith("HTTP/1.1 414")
				.contains("application/problem+json")
				.contains("connection: close")
				.endsWith("\"status\":414,\"detail\":\"The request is not a readable HTTP/1.1 request\"}");
		}
		assertQuiet(output);
	}

	@Test
	void aBodyThatFailsToDecodeAfterItsAnswerGetsNoSecondAnswer(CapturedOutput output) throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
			InputStream in = socket.getInputStream();
			String head = RawHttp.readHead(in);
			assertThat(head).startsWith("HTTP/1.1 200");
			assertThat(in.readNBytes(1000)).hasSize(1000);
			send(socket, "zz\r\n"); // not a chunk size
			String after = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(after).as("what follows the answer").doesNotContain("HTTP/1.1");
		}
		assertQuiet(output);
	}

	private static void assertQuiet(CapturedOutput output) throws InterruptedException {
		Thread.sleep(300); // the server's side of the close
		assertThat(output.getAll()).doesNotContain(" WARN ").doesNotContain(" ERROR ");
	}

	private static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
	}

}
