package io.github.mediastreaming.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.SeekUnit;
import io.github.mediastreaming.mp4.Mp4IndexReader;
import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file replaced by a rename, or deleted, while a request that found it is still being prepared (its
 * index read, here held at a gate: a large file, a queue of index builds) and another request has let the
 * old file go: the request must send the file it found, or a 404 problem, never the document planned from
 * the old file's index filled with the new file's bytes, nor a 500. MP4 files under another extension go
 * through a reader that can be held.
 */
@SpringBootTest(classes = FileReplacedDuringARequestTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.cache.open-file-check-interval=0" })
class FileReplacedDuringARequestTests {

	static final Path ROOT = Fixtures.root("replaced", (root) -> {
		Fixtures.copy(root, "mp4/faststart.mp4", "movie.gated");
		Fixtures.copy(root, "mp4/faststart.mp4", "reference.gated");
		Fixtures.copy(root, "mp4/faststart.mp4", "deleted.gated");
		Files.createDirectories(root.resolve("folder"));
		Fixtures.copy(root, "mp4/faststart.mp4", "folder/movie.gated");
	});

	static final Path OUTSIDE = Fixtures.root("outside", (outside) -> Fixtures.copy(outside, "mp4/twoaudio.mp4",
			"movie.gated"));

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@BeforeEach
	void newGate() {
		GatedReader.gate = new Gate();
	}

	@Test
	void aSeekWhoseFileIsReplacedWhileItIsIndexedSendsTheOldCutOrNothingAndTheNextSeekCutsTheNewFile()
			throws Exception {
		Ffmpeg.assumeInstalled();
		// The cut of the old bytes, from a copy of them under another name.
		HttpResponse<byte[]> oldCut = get("/media/reference.gated?start=4");
		assertThat(oldCut.statusCode()).isEqualTo(200);
		GatedReader.gate.arm();
		CompletableFuture<HttpResponse<byte[]>> racing = this.http
			.sendAsync(request("/media/movie.gated?start=4").build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(GatedReader.gate.entered.await(20, TimeUnit.SECONDS)).isTrue();
		Path fresh = Files.copy(Fixtures.media("mp4/twoaudio.mp4"), ROOT.resolve(".movie.tmp"));
		Files.move(fresh, ROOT.resolve("movie.gated"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		// Another client asks for the file meanwhile: the store finds the new one and lets the old one go.
		HttpResponse<Void> head = this.http.send(
				request("/media/movie.gated").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(Files.size(ROOT.resolve("movie.gated")));
		GatedReader.gate.release.countDown();
		HttpResponse<byte[]> raced = racing.get(20, TimeUnit.SECONDS);
		// The file it found, whole, or (that file being gone) nothing, as for a file deleted meanwhile.
		if (raced.statusCode() == 200) {
			assertThat(decodeErrors(raced.body())).isEmpty();
			assertThat(Arrays.equals(raced.body(), oldCut.body())).as("the old file's cut").isTrue();
		}
		else {
			assertThat(raced.statusCode()).isEqualTo(404);
		}
		HttpResponse<byte[]> next = get("/media/movie.gated?start=4");
		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(next.headers().firstValue("ETag")).isNotEqualTo(oldCut.headers().firstValue("ETag"));
		assertThat(decodeErrors(next.body())).isEmpty();
	}

	@Test
	void aSeekWhoseFileIsDeletedWhileItIsIndexedIsNotFound() throws Exception {
		GatedReader.gate.arm();
		CompletableFuture<HttpResponse<byte[]>> racing = this.http
			.sendAsync(request("/media/deleted.gated?start=4").build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(GatedReader.gate.entered.await(20, TimeUnit.SECONDS)).isTrue();
		Files.delete(ROOT.resolve("deleted.gated"));
		assertThat(get("/media/deleted.gated").statusCode()).isEqualTo(404);
		GatedReader.gate.release.countDown();
		HttpResponse<byte[]> raced = racing.get(20, TimeUnit.SECONDS);
		// As the body writer answers a file gone before it opens it: the file is gone, not the server broken.
		assertThat(raced.statusCode()).isEqualTo(404);
		assertThat(raced.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aFolderSwappedForALinkOutOfTheRootWhileAFileInItIsIndexedIsNotReadThroughTheLink() throws Exception {
		GatedReader.gate.arm();
		CompletableFuture<HttpResponse<byte[]>> racing = this.http
			.sendAsync(request("/media/folder/movie.gated?start=4").build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(GatedReader.gate.entered.await(20, TimeUnit.SECONDS)).isTrue();
		Files.move(ROOT.resolve("folder"), ROOT.resolve("folder.old"));
		Files.createSymbolicLink(ROOT.resolve("folder"), OUTSIDE);
		assertThat(get("/media/folder/movie.gated").statusCode()).isEqualTo(404);
		GatedReader.gate.release.countDown();
		HttpResponse<byte[]> raced = racing.get(20, TimeUnit.SECONDS);
		// The file it found is no longer at its path; what is there now lies outside the root.
		assertThat(raced.statusCode()).isEqualTo(404);
	}

	private static String decodeErrors(byte[] body) throws IOException {
		Path file = Files.write(Files.createTempFile("cut", ".mp4"), body);
		try {
			return Ffmpeg.decodeErrors(file);
		}
		finally {
			Files.delete(file);
		}
	}

	private HttpResponse<byte[]> get(String path) throws Exception {
		return this.http.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	/** The MP4 reader, held at a gate once it is armed: an index read that takes its time. */
	static final class GatedReader implements MediaIndexReader {

		static volatile Gate gate = new Gate();

		private final Mp4IndexReader mp4 = new Mp4IndexReader();

		@Override
		public MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException {
			gate.pass();
			return this.mp4.read(source, budget);
		}

	}

	/** Holds the first read after it is armed until released. */
	static final class Gate {

		private final AtomicBoolean armed = new AtomicBoolean();

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		void arm() {
			this.armed.set(true);
		}

		void pass() {
			if (this.armed.compareAndSet(true, false)) {
				this.entered.countDown();
				try {
					this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		MediaFormat gatedMediaFormat() {
			return MediaFormat.named("gated")
				.extension("gated", "video/mp4")
				.reader(new GatedReader())
				.seekUnit(SeekUnit.SECONDS)
				.build();
		}

	}

}
