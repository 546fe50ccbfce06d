package io.github.mediastreaming.delivery;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.SelfSignedKeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An HTTP/2 client that hangs up mid-body with a TCP reset (a player closed, a phone lost its network)
 * is a hang-up like any other: its stream ends and nothing is logged above DEBUG, as over HTTP/1.1.
 */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.http2.enabled=true")
@ExtendWith(OutputCaptureExtension.class)
class Http2HangUpTests {

	private static final SelfSignedKeyStore KEYS = SelfSignedKeyStore.create();

	private static final Path ROOT = Fixtures.root("http2-hang-up", (root) -> {
		try (RandomAccessFile file = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
			file.setLength(64L << 20);
		}
	});

	@LocalServerPort
	int port;

	@Autowired
	StreamRegistry streams;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
		KEYS.serveWith(registry);
	}

	@Test
	void aClientThatResetsItsConnectionMidBodyEndsItsStreamWithoutAWarning(CapturedOutput output) throws Exception {
		try (Socket connection = new Socket("127.0.0.1", this.port)) {
			SSLSocket socket = RawHttp2.handshake(KEYS.clientContext(), connection, "h2");
			assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
			OutputStream out = socket.getOutputStream();
			out.write(RawHttp2.PREFACE);
			out.write(RawHttp2.get(1, "/media/big.bin"));
			out.flush();
			assertThat(RawHttp2.readData(socket.getInputStream(), 1, 16_384)).isGreaterThanOrEqualTo(16_384);
			assertThat(this.streams.size()).isOne();
			// Close the connection under TLS with unread bytes and a zero linger: no close_notify, and the
			// kernel sends a reset, not a FIN.
			connection.setSoLinger(true, 0);
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.streams.size()).isZero());
		assertThat(output.getAll()).doesNotContain("reached at the tail of the pipeline")
			.doesNotContain("Connection reset");
	}

}
