package io.github.mediastreaming.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every transport must deliver, whichever writer path it takes (file regions cannot go through TLS
 * or an HTTP/2 stream, so those take the buffer path): exact bytes for whole files, ranges and seeks,
 * and paced bodies on their schedule. Subclasses start the server with TLS, HTTP/2 or both.
 */
abstract class TransportContract {

	/** 800 kbit/s by its format here (see the subclasses' WAV format), with factor 1 and a 1 s boost. */
	static final int PACED_SIZE = 700_000;

	static final byte[] CONTENT = content();

	static Path createRoot() {
		return Fixtures.root("transport", (root) -> {
			Files.write(root.resolve("clip.bin"), CONTENT);
			Files.write(root.resolve("paced.wav"), Arrays.copyOf(CONTENT, PACED_SIZE));
			Fixtures.copy(root, "mp4/faststart.mp4", "movie.mp4");
		});
	}

	abstract HttpClient client();

	abstract URI uri(String path);

	abstract HttpClient.Version expectedVersion();

	@Test
	void wholeFileArrivesByteForByte() throws Exception {
		HttpResponse<byte[]> response = get("/media/clip.bin", null);
		assertThat(response.version()).isEqualTo(expectedVersion());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(CONTENT);
	}

	@Test
	void rangeArrivesByteForByte() throws Exception {
		HttpResponse<byte[]> response = get("/media/clip.bin", "bytes=1000-1999999");
		assertThat(response.statusCode()).isEqualTo(206);
		assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 1000, 2_000_000));
	}

	@Test
	void seekIsTheSameDocumentAsOverPlainHttp() throws Exception {
		HttpResponse<byte[]> response = get("/media/movie.mp4?start=2", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new String(response.body(), 4, 4)).isEqualTo("ftyp");
		assertThat((long) response.body().length).isEqualTo(response.headers().firstValueAsLong("Content-Length")
			.orElse(response.body().length));
		HttpResponse<byte[]> tail = get("/media/movie.mp4?start=2", "bytes=100-");
		assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(response.body(), 100, response.body().length));
	}

	@Test
	void pacedBodyKeepsItsSchedule() throws Exception {
		// 700,000 bytes: 100,000 boost, then 600,000 at 200,000 B/s = 3 s; never sooner, and late only by
		// what the connection's setup and a busy machine add.
		long start = System.nanoTime();
		HttpResponse<byte[]> response = get("/media/paced.wav", null);
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(response.body()).isEqualTo(Arrays.copyOf(CONTENT, PACED_SIZE));
		assertThat(seconds).isBetween(2.9, 4.0);
	}

	private HttpResponse<byte[]> get(String path, String range) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
		if (range != null) {
			request.header("Range", range);
		}
		return client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static byte[] content() {
		byte[] bytes = new byte[3_000_000];
		new Random(11).nextBytes(bytes);
		return bytes;
	}

}
