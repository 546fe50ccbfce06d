package io.github.mediastreaming.delivery;

import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.github.mediastreaming.source.LocalMediaStore;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that resets the connection right after its request, before the response headers are out,
 * leaves no file open: the zero-copy path closes the source even when the headers never get written.
 */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HangUpBeforeHeadersTests {

	private static final Path ROOT = Fixtures.root("hang-up-before-headers", (root) -> {
		try (RandomAccessFile file = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
			file.setLength(64L << 20);
		}
	});

	@LocalServerPort
	int port;

	@Autowired
	LocalMediaStore store;

	@Autowired
	StreamRegistry streams;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aResetRightAfterTheRequestLeavesNoFileOpen() throws Exception {
		for (int i = 0; i < 50; i++) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
				socket.getOutputStream()
					.write("GET /media/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				socket.setSoLinger(true, 0);
			}
		}
		assertThat(RawHttp.get(this.port, "/media/big.bin", "Range: bytes=0-99").status()).isEqualTo(206);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.streams.size()).isZero();
			this.store.closeIdleFiles();
			assertThat(this.store.openFiles()).isZero();
		});
	}

}
