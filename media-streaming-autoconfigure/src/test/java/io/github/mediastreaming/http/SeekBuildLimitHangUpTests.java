package io.github.mediastreaming.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.source.LocalMediaStore;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seek-build limit ({@code max-seek-builds=1} here) of a store whose reads block holds while a build
 * runs, even when the client that asked for it has hung up: the build goes on (its open, here, does not
 * heed interrupts, as a network client may not), so a second seek gets 503 with {@code Retry-After}, not
 * a second build.
 */
@SpringBootTest(classes = SeekBuildLimitHangUpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.max-seek-builds=1" })
class SeekBuildLimitHangUpTests {

	static final Path ROOT = Fixtures.root("seek-build-hang-up", (root) -> Fixtures.copy(root, "mp4/faststart.mp4",
			"movie.mp4"));

	@LocalServerPort
	int port;

	@Autowired
	GatedStore store;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aBuildWhoseClientHungUpStillCountsAgainstTheLimit() throws Exception {
		// Indexed first, with the gate open: only the builds below wait on the store.
		assertThat(send("/media/movie.mp4?start=1").join().statusCode()).isEqualTo(200);
		this.store.close();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.getOutputStream()
				.write("GET /media/movie.mp4?start=2 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.store.waiting() == 1);
		}
		try {
			// However long the server takes to see the hang-up, a second seek is refused while the first builds.
			for (int i = 0; i < 20; i++) {
				Thread.sleep(100);
				CompletableFuture<HttpResponse<String>> second = send("/media/movie.mp4?start=3");
				await().atMost(Duration.ofSeconds(10)).until(() -> second.isDone() || this.store.waiting() > 1);
				assertThat(this.store.waiting()).isEqualTo(1);
				HttpResponse<String> response = second.join();
				assertThat(response.statusCode()).isEqualTo(503);
				assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			}
		}
		finally {
			this.store.open();
		}
	}

	private CompletableFuture<HttpResponse<String>> send(String path) {
		return this.http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** The local folder, read as if over a network: its opens block, and wait at a gate when it is closed. */
	static final class GatedStore implements MediaStore {

		private final LocalMediaStore local;

		private final AtomicBoolean closed = new AtomicBoolean();

		private final AtomicInteger waiting = new AtomicInteger();

		private volatile CountDownLatch gate = new CountDownLatch(0);

		GatedStore(LocalMediaStore local) {
			this.local = local;
		}

		void close() {
			this.gate = new CountDownLatch(1);
			this.closed.set(true);
		}

		void open() {
			this.closed.set(false);
			this.gate.countDown();
		}

		int waiting() {
			return this.waiting.get();
		}

		@Override
		public Mono<MediaFile> find(String relativePath) {
			return this.local.find(relativePath);
		}

		@Override
		public MediaSource open(MediaFile file) throws IOException {
			if (this.closed.get()) {
				this.waiting.incrementAndGet();
				try {
					awaitUninterruptibly(this.gate);
				}
				finally {
					this.waiting.decrementAndGet();
				}
			}
			return this.local.open(file);
		}

		private static void awaitUninterruptibly(CountDownLatch latch) {
			boolean interrupted = false;
			while (true) {
				try {
					latch.await();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		GatedStore gatedStore(MediaFormats formats) throws IOException {
			return new GatedStore(new LocalMediaStore(ROOT, formats));
		}

	}

}
