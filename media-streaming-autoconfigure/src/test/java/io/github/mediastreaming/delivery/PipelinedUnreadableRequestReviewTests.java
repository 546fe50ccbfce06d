package io.github.mediastreaming.delivery;

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
 * An unreadable request pipelined behind one whose response is still going out (a paced body): the first
 * is answered in full, then the unreadable one gets the same 414 problem as alone, and nothing is logged
 * above DEBUG. The guard left it to Reactor Netty whenever a response was pending, which answers an empty
 * 414 and logs "Decoding failed" at WARN: any client could add a warning a connection by pipelining.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.header-timeout=5s", "media.streaming.speedup-factor=0",
				"media.streaming.initial-boost=0s" })
class PipelinedUnreadableRequestReviewTests {

	private static final Path ROOT = Fixtures.root("pipelined-unreadable", (root) -> {
		// 100,000 B/s by the test format: a second.
		Files.write(root.resolve("paced.wav"), new byte[100_000]);
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aRequestLineTooLongBehindAPacedResponseGetsItsProblemAfterItAndNoWarning(CapturedOutput output)
			throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			String requests = "GET /media/paced.wav HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
					+ "GET /media/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
			socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			String first = RawHttp.readHead(in);
			assertThat(first).startsWith("HTTP/1.1 200");
			int length = Integer.parseInt(first.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
			assertThat(in.readNBytes(length)).hasSize(length);
			String rest = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(rest).startsWith("HTTP/1.1 414")
				.contains("application/problem+json")
				.endsWith("\"status\":414,\"detail\":\"The request is not a readable HTTP/1.1 request\"}");
		}
		Thread.sleep(300);
		assertThat(output.getAll()).doesNotContain(" WARN ").doesNotContain(" ERROR ");
	}

	@Test
	void aClientThatGoesInTheMiddleOfAPipelinedHeaderIsNotLoggedAboveDebug(CapturedOutput output) throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			String requests = "GET /media/paced.wav HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
					+ "GET /media/paced.wav HTTP/1.1\r\nHost: 127.0.0.1\r\n";
			socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
			assertThat(RawHttp.readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
		}
		Thread.sleep(300);
		assertThat(output.getAll()).doesNotContain(" WARN ").doesNotContain(" ERROR ");
	}

}
