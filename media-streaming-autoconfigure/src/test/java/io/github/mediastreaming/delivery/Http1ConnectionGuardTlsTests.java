package io.github.mediastreaming.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.SelfSignedKeyStore;
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
 * The request-header deadline (2 s here) guards an HTTP/1.1 connection over TLS on a server that also
 * speaks HTTP/2: a client that negotiates {@code http/1.1} with ALPN (as every HTTP/1.1-only client,
 * player or script does) and then trickles its header, or sends nothing, is dropped as over clear text.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "media.streaming.header-timeout=2s" })
class Http1ConnectionGuardTlsTests {

	private static final SelfSignedKeyStore KEYS = SelfSignedKeyStore.create();

	private static final Path ROOT = Fixtures.root("header-timeout-tls", (root) -> {
		Files.write(root.resolve("small.bin"), new byte[1000]);
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
		KEYS.serveWith(registry);
	}

	@Test
	void anHttp11ClientOverTlsThatNeverFinishesItsHeaderIsDropped(CapturedOutput output) throws Exception {
		try (SSLSocket socket = (SSLSocket) KEYS.clientContext().getSocketFactory().createSocket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setApplicationProtocols(new String[] { "http/1.1" });
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
			socket.getOutputStream()
				.write("GET /media/small.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			// Far longer than the deadline: the server should have closed the connection long before.
			socket.setSoTimeout(15_000);
			assertThat(closedByServer(socket)).isTrue();
		}
		// A malformed or unfinished request is never logged above DEBUG (hardening.md).
		Thread.sleep(500);
		assertThat(output.getAll()).doesNotContain("WARN").doesNotContain("ERROR");
	}

	/** Whether the server ends the connection before the socket's timeout: a read that ends or resets. */
	private static boolean closedByServer(SSLSocket socket) throws IOException {
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
