package io.github.mediastreaming.delivery;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.ParanoidLeakDetection;
import io.github.mediastreaming.testsupport.SelfSignedKeyStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The buffer path's hang-ups over HTTP/2 and TLS release every buffer: streams cancelled one by one
 * (RST_STREAM) and connections reset under several streams, each with buffers queued behind a full
 * flow-control window, in paced, seeked and unpaced bodies. Netty's leak detector runs at its paranoid
 * level, as in the {@code http} package's {@code BufferLeakTests}, in that test's JVM of its own.
 */
@Tag("buffer-leak")
@ExtendWith({ OutputCaptureExtension.class, ParanoidLeakDetection.class })
@SpringBootTest(classes = Http2BufferLeakTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "media.streaming.rules[0].pattern=/media/downloads/**",
				"media.streaming.rules[0].auto-rate=false" })
class Http2BufferLeakTests {

	private static final SelfSignedKeyStore KEYS = SelfSignedKeyStore.create();

	private static final Path ROOT = Fixtures.root("http2-leaks", (root) -> {
		Fixtures.copy(root, "mp3/cbr.mp3", "tone.mp3");
		Fixtures.copy(root, "mp4/bframes.mp4", "movie.mp4");
		Path downloads = Files.createDirectories(root.resolve("downloads"));
		Files.copy(Fixtures.media("mp3/cbr.mp3"), downloads.resolve("tone.mp3"));
		Files.write(downloads.resolve("big.bin"), new byte[8 << 20]);
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
	void cancelledStreamsAndResetConnectionsLeaveNoUnreleasedBuffer(CapturedOutput output) throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(KEYS.clientContext())
			.version(HttpClient.Version.HTTP_2)
			.build();
		for (int round = 0; round < 3; round++) {
			try (Socket connection = new Socket("127.0.0.1", this.port)) {
				SSLSocket socket = RawHttp2.handshake(KEYS.clientContext(), connection, "h2");
				OutputStream out = socket.getOutputStream();
				out.write(RawHttp2.PREFACE);
				out.write(RawHttp2.get(1, "/media/tone.mp3"));
				out.write(RawHttp2.get(3, "/media/movie.mp4?start=3"));
				out.write(RawHttp2.get(5, "/media/downloads/big.bin"));
				out.write(RawHttp2.get(7, "/media/downloads/tone.mp3?start=2"));
				out.flush();
				// The connection's 65,535-byte window, never refilled: the rest waits in the server.
				assertThat(RawHttp2.readAnyData(socket.getInputStream(), 65_535)).isEqualTo(65_535);
				out.write(RawHttp2.cancel(1));
				out.write(RawHttp2.cancel(5));
				out.flush();
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.streams.size()).isEqualTo(2));
				// Then the connection goes, under the other two: a reset, no close_notify.
				connection.setSoLinger(true, 0);
			}
			HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(uri("/media/downloads/tone.mp3?start=3"))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(whole.statusCode()).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.streams.size()).isZero());
		// A leak is reported when a tracked buffer has been collected and another buffer is allocated.
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(100);
			assertThat(client.send(HttpRequest.newBuilder(uri("/media/downloads/tone.mp3?start=1&end=2")).build(),
					HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
		}
		assertThat(output.getAll()).doesNotContain("LEAK:");
	}

	private URI uri(String path) {
		return URI.create("https://127.0.0.1:" + this.port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
