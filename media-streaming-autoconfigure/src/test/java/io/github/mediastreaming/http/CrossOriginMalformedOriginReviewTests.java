package io.github.mediastreaming.http;

import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With CORS on, an {@code Origin} that is not a URI at all ({@code %%%}, sent by any client with one header)
 * is an origin that may not read media: a 403 problem, as for any other origin not allowed, with
 * {@code Vary: Origin}. Spring's {@code CorsUtils.isCorsRequest} throws on it, which was a 500 and an
 * ERROR with a stack trace in the log, for a GET as for a preflight.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = CrossOriginMalformedOriginReviewTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false",
				"media.streaming.cors.allowed-origins=" + CrossOriginMalformedOriginReviewTests.PLAYER })
class CrossOriginMalformedOriginReviewTests {

	static final String PLAYER = "https://player.example";

	private static final Path ROOT = Fixtures.root("media-cors-malformed",
			(root) -> Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3"));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "HEAD", "OPTIONS" })
	void anOriginThatIsNotAUriGetsA403ProblemAndNoErrorInTheLog(String method, CapturedOutput output) throws Exception {
		String preflight = method.equals("OPTIONS") ? "Access-Control-Request-Method: GET\r\n" : "";
		try (WireClient client = new WireClient(this.port)) {
			WireClient.Answer refused = client.exchange(method + " /media/song.mp3 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Origin: %%%\r\n" + preflight + "\r\n", method.equals("HEAD"));
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(refused.header("Vary")).contains("Origin");
			assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
			if (!method.equals("HEAD")) {
				assertThat(refused.bodyText()).contains("\"status\":403").contains("This origin");
			}
			WireClient.Answer next = client.exchange(
					"GET /media/song.mp3 HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-9\r\n\r\n", false);
			assertThat(next.status()).as("the next request on the connection").isEqualTo(206);
		}
		assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain(" WARN ");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
