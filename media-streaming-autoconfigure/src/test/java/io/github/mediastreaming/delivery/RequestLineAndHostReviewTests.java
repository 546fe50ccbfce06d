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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Netty's codec reads but Reactor Netty then cannot serve: a request line of HTTP/2.0 (an HTTP/2
 * client's prior-knowledge preface {@code PRI * HTTP/2.0} to a server without h2c is one), and a
 * {@code Host} whose port is not a number ({@code a:b}, {@code [::1}, {@code a:1:2}). Reactor Netty answered
 * each with an empty 400 and logged it at WARN ("Decoding failed"): one line in the log per request, from
 * any client. They get the guard's 400 problem, like any unreadable request, and nothing above DEBUG. So do
 * the requests RFC 9112 (section 3.2) has a server refuse and Reactor Netty served: an HTTP/1.1 request
 * without a {@code Host}, one with two, a {@code Host} that is not a host and port.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestLineAndHostReviewTests {

	private static final Path ROOT = Fixtures.root("request-line-host", (root) -> {
		Files.write(root.resolve("small.bin"), new byte[1000]);
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void anHttp2RequestLineGetsA400ProblemAndIsNotLoggedAboveDebug(CapturedOutput output) throws Exception {
		assertRefused("GET /media/small.bin HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n", output);
	}

	@Test
	void anHttp2PriorKnowledgePrefaceGetsA400ProblemAndIsNotLoggedAboveDebug(CapturedOutput output)
			throws Exception {
		assertRefused("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1:x", "127.0.0.1:", "[::1", "[::1]:x", "a:1:2" })
	void aHostWhosePortIsNotANumberGetsA400ProblemAndIsNotLoggedAboveDebug(String host, CapturedOutput output)
			throws Exception {
		assertRefused("GET /media/small.bin HTTP/1.1\r\nHost: " + host + "\r\n\r\n", output);
	}

	@Test
	void aHostWhosePortIsNotANumberBehindAnotherRequestGetsItsProblemAfterTheFirstAnswer(CapturedOutput output)
			throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
					+ "GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1:x\r\n\r\n");
			InputStream in = socket.getInputStream();
			assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 200");
			assertThat(in.readNBytes(1000)).hasSize(1000);
			assertProblem(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
		}
		assertQuiet(output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Host: 127.0.0.1:x", "Host: 127.0.0.1\r\nX-Large: LARGE", "Host: 127.0.0.1\r\nBad Header: x" })
	void aHeadRefusedByTheGuardGetsTheProblemsHeaderWithoutItsBody(String headers) throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "HEAD /media/small.bin HTTP/1.1\r\n" + headers.replace("LARGE", "a".repeat(9000)) + "\r\n\r\n");
			InputStream in = socket.getInputStream();
			String head = RawHttp.readHead(in);
			assertThat(head).matches("(?s)HTTP/1.1 4\\d\\d .*").contains("application/problem+json");
			assertThat(in.readAllBytes()).as("what follows the head of a HEAD's answer").isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b", "a/b", "127.0.0.1:+80", "127.0.0.1:65536" })
	void aHostThatIsNotAHostAndPortGetsA400Problem(String host, CapturedOutput output) throws Exception {
		// RFC 9112 section 3.2; Reactor Netty served these.
		assertThat(refused("GET /media/small.bin HTTP/1.1\r\nHost: " + host + "\r\n\r\n", output))
			.contains("The Host header");
	}

	@Test
	void anHttp11RequestWithoutAHostGetsA400Problem(CapturedOutput output) throws Exception {
		assertThat(refused("GET /media/small.bin HTTP/1.1\r\nRange: bytes=0-9\r\n\r\n", output))
			.contains("An HTTP/1.1 request needs a Host header");
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTP/1.1", "HTTP/1.0" })
	void aRequestWithTwoHostHeadersGetsA400Problem(String version, CapturedOutput output) throws Exception {
		assertThat(refused("GET /media/small.bin " + version + "\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n",
				output))
			.contains("A request carries one Host header, not 2");
	}

	@Test
	void anHttp10RequestWithoutAHostIsServed() throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "GET /media/small.bin HTTP/1.0\r\n\r\n");
			InputStream in = socket.getInputStream();
			// RFC 9112 section 2.3: the server answers with its own version, 1.1 (Reactor Netty's zero-copy
			// path), or the request's.
			assertThat(RawHttp.readHead(in)).matches("(?s)HTTP/1\\.[01] 200 .*");
			assertThat(in.readAllBytes()).hasSize(1000);
		}
	}

	@Test
	void aValidHostWithAPortIsServed() throws Exception {
		RawHttp.Response response = RawHttp.get(this.port, "/media/small.bin", "Host: [::1]:8080");
		assertThat(response.status()).isEqualTo(200);
	}

	private void assertRefused(String request, CapturedOutput output) throws Exception {
		refused(request, output);
	}

	/** Send a request, check that it gets the guard's 400 problem and nothing is logged; return the answer. */
	private String refused(String request, CapturedOutput output) throws Exception {
		String answer;
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, request);
			answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		assertProblem(answer);
		assertQuiet(output);
		return answer;
	}

	private static void assertProblem(String answer) {
		assertThat(answer).startsWith("HTTP/1.1 400")
			.contains("application/problem+json")
			.contains("connection: close")
			.contains("\"status\":400");
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
