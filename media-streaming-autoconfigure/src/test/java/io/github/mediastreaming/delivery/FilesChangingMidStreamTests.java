package io.github.mediastreaming.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import io.github.mediastreaming.testsupport.Fixtures;
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
 * What a client sees when the file it streams changes under it (docs/hardening.md): the response was
 * promised with a length, from an open file. A deleted file, or one replaced by a rename, is still
 * read through the open file, so the response completes with the bytes it started with; an appended
 * file's response keeps its length, and the next request sees the new version; a truncated file's
 * response breaks off where the bytes end, with one log line per file version and no ERROR.
 * <p>
 * Each file is 300,000 bytes paced at 100,000 B/s (no boost), so there is time to change it mid-stream.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.speedup-factor=0", "media.streaming.initial-boost=0s" })
class FilesChangingMidStreamTests {

	private static final int SIZE = 300_000;

	private static final byte[] ORIGINAL = bytes(SIZE, 1);

	private static final Path ROOT = Fixtures.root("changing", (root) -> {
		for (String name : new String[] { "deleted", "renamed", "appended", "truncated" }) {
			Files.write(root.resolve(name + ".wav"), ORIGINAL);
		}
	});

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aFileDeletedMidStreamIsSentInFullAndThenNotFound() throws Exception {
		byte[] received = streamChanging("deleted.wav", () -> Files.delete(ROOT.resolve("deleted.wav")));
		assertThat(received).isEqualTo(ORIGINAL);
		assertThat(get("/media/deleted.wav").statusCode()).isEqualTo(404);
	}

	@Test
	void aFileReplacedByARenameMidStreamIsSentAsItWasAndTheNextRequestGetsTheNewOne() throws Exception {
		String before = get("/media/renamed.wav").headers().firstValue("ETag").orElseThrow();
		byte[] replacement = bytes(SIZE / 2, 2);
		byte[] received = streamChanging("renamed.wav", () -> {
			Path fresh = Files.write(ROOT.resolve(".renamed.tmp"), replacement);
			Files.move(fresh, ROOT.resolve("renamed.wav"), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
		});
		assertThat(received).isEqualTo(ORIGINAL);
		HttpResponse<byte[]> next = get("/media/renamed.wav");
		assertThat(next.body()).isEqualTo(replacement);
		assertThat(next.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(before));
	}

	@Test
	void aFileAppendedMidStreamKeepsTheResponsesLengthAndTheNextRequestSeesTheGrowth() throws Exception {
		byte[] received = streamChanging("appended.wav", () -> Files.write(ROOT.resolve("appended.wav"),
				bytes(100_000, 3), StandardOpenOption.APPEND));
		assertThat(received).isEqualTo(ORIGINAL);
		assertThat(get("/media/appended.wav").headers().firstValueAsLong("Content-Length")).hasValue(SIZE + 100_000);
	}

	@Test
	void aFileTruncatedMidStreamBreaksOffWithOneLogLineAndNoError(CapturedOutput output) throws Exception {
		byte[] received = streamChanging("truncated.wav", () -> {
			try (RandomAccessFile file = new RandomAccessFile(ROOT.resolve("truncated.wav").toFile(), "rw")) {
				file.setLength(150_000);
			}
		});
		assertThat(received.length).isLessThanOrEqualTo(150_000);
		assertThat(received).isEqualTo(Arrays.copyOf(ORIGINAL, received.length));
		// A second client of the same (now shorter) version is not logged again.
		assertThat(get("/media/truncated.wav").body()).hasSize(150_000);
		String log = output.getAll();
		assertThat(log.lines().filter((line) -> line.contains("changed while being sent"))).hasSize(1);
		assertThat(log).doesNotContain(" ERROR ").doesNotContain("\tat ");
	}

	/** Read 100,000 bytes of a stream, change the file, read on until the response ends or breaks. */
	private byte[] streamChanging(String name, Change change) throws Exception {
		HttpResponse<InputStream> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/media/" + name)).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		try (InputStream body = response.body()) {
			byte[] first = body.readNBytes(100_000);
			change.run();
			byte[] rest;
			try {
				rest = body.readAllBytes();
			}
			catch (IOException ex) {
				// A connection closed before the promised length: what arrived is what counts.
				rest = new byte[0];
			}
			byte[] all = Arrays.copyOf(first, first.length + rest.length);
			System.arraycopy(rest, 0, all, first.length, rest.length);
			return all;
		}
	}

	private HttpResponse<byte[]> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private static byte[] bytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/** A change to the file. */
	@FunctionalInterface
	interface Change {

		void run() throws IOException;

	}

}
