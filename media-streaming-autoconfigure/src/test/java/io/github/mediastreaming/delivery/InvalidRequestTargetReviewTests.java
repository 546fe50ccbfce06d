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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request target Netty reads but Spring cannot turn into a URI (a backslash, a malformed percent-encoding,
 * a character URIs do not allow, in the path or the query) is refused by Spring's adapter before any route:
 * a 400 without a body, where the README promises problem details for every error (a path-traversal attempt
 * with {@code ..\} among them). It gets the guard's 400 problem, in order behind pipelined responses, and
 * nothing above DEBUG in the log; targets Spring reads (encoded, non-ASCII, absolute-form) are served as before.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InvalidRequestTargetReviewTests {

	private static final Path ROOT = Fixtures.root("invalid-request-target", (root) -> {
		Files.write(root.resolve("small.bin"), new byte[1000]);
		Files.writeString(root.resolve("caf\u00e9.bin"), "unicode");
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/media/..\\secret.txt", "/media/%zz", "/media/%", "/media/small.bin%4", "/media/a|b",
			"/media/{x}", "/media/[x]", "/media/a\"b", "/media/a<b>", "/media/a^b", "/media/a`b",
			"/media/small.bin?start=%zz", "/media/small.bin?a|b", "/media/small.bin#a#b",
			"http://127.0.0.1/media/..\\x", "/actuator/health\\x" })
	void aTargetThatIsNotAUriGetsA400ProblemAndIsNotLoggedAboveDebug(String target, CapturedOutput output)
			throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			assertProblem(socket.getInputStream());
		}
		Thread.sleep(300); // the server's side of the close
		assertThat(output.getAll()).doesNotContain(" WARN ").doesNotContain(" ERROR ");
	}

	@Test
	void aTargetThatIsNotAUriBehindAnotherRequestGetsItsProblemAfterTheFirstAnswer() throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
					+ "GET /media/..\\x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			InputStream in = socket.getInputStream();
			assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 200");
			assertThat(in.readNBytes(1000)).hasSize(1000);
			assertProblem(in);
		}
	}

	@Test
	void aHeadWhoseTargetIsNotAUriGetsTheProblemsHeaderWithoutItsBody() throws Exception {
		try (Socket socket = RawHttp.connect(this.port)) {
			send(socket, "HEAD /media/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			InputStream in = socket.getInputStream();
			assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 400").contains("application/problem+json");
			assertThat(in.readAllBytes()).as("what follows the head of a HEAD's answer").isEmpty();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/media/small.bin?a=%C3%A9&b=c#top|200", "/media/caf%C3%A9.bin|200",
			"/media/caf\u00e9.bin|200", "http://127.0.0.1/media/small.bin|200", "/media/small.bin?a=b:c@d/e?f|200",
			"/media/small.bin;p=1|404", "/media/%2e%2e/x|400" })
	void targetsSpringReadsAreAnsweredByTheRoutes(String target, int status) throws Exception {
		RawHttp.Response response = RawHttp.get(this.port, target);
		assertThat(response.status()).isEqualTo(status);
		if (status >= 400) {
			assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(response.text()).contains("\"instance\":\"/media/");
		}
	}

	/** Read a 400 problem, then the end of the connection. */
	private static void assertProblem(InputStream in) throws IOException {
		String head = RawHttp.readHead(in);
		assertThat(head).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("connection: close");
		String body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		assertThat(body).contains("\"status\":400");
		assertThat(head).contains("content-length: " + body.length());
	}

	private static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
	}

}
