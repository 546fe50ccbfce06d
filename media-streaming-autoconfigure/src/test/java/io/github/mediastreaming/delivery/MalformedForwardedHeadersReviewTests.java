package io.github.mediastreaming.delivery;

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
 * With {@code server.forward-headers-strategy=native}, a forwarded header Reactor Netty cannot parse failed
 * the whole request: an empty 400 and a WARN ("Decoding failed") per request, from any client that reaches
 * the server with one (directly, or through a proxy that passes a client's headers on). Such a header is now
 * ignored, as an unparsable validator or range is: the request is answered from the connection's own
 * address, with nothing logged above DEBUG ({@link LenientForwardedHeaders}). Well-formed forwarded headers
 * still apply.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.forward-headers-strategy=native")
class MalformedForwardedHeadersReviewTests {

	private static final Path ROOT = Fixtures.root("malformed-forwarded", (root) -> {
		Files.write(root.resolve("small.bin"), new byte[1000]);
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Forwarded-Port: x", "X-Forwarded-Host: a:b", "Forwarded: host=a:b",
			"Forwarded: for=\"[::1\"", "Forwarded: for=1.2.3.4:x" })
	void aForwardedHeaderThatDoesNotParseIsIgnoredWithoutAWarning(String header, CapturedOutput output)
			throws Exception {
		RawHttp.Response response = RawHttp.get(this.port, "/media/small.bin", header);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Length")).isEqualTo("1000");
		Thread.sleep(300);
		assertThat(output.getAll()).doesNotContain(" WARN ").doesNotContain(" ERROR ");
	}

	@Test
	void wellFormedForwardedHeadersStillApply() throws Exception {
		RawHttp.Response response = RawHttp.get(this.port, "/actuator/health", "X-Forwarded-Proto: https");
		assertThat(response.status()).isEqualTo(200);
		RawHttp.Response missing = RawHttp.get(this.port, "/media/missing.bin", "X-Forwarded-Prefix: /edge");
		assertThat(missing.text()).contains("\"instance\":\"/edge/media/missing.bin\"");
	}

}
