package io.github.mediastreaming.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import io.github.mediastreaming.autoconfigure.MediaStreamingProperties;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.pacing.PacingPolicy;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three examples of docs/extending.md, served over a real socket: a format added with one bean
 * ({@link ToyFormat}: indexed, paced and seekable), a pacing policy that gives signed-in users a larger
 * boost ({@link PremiumPacingPolicy}), and a store that is not a folder ({@link InMemoryMediaStore}).
 * <p>
 * A toy file here is 800 kbit/s (100,000 B/s) with 300,000 bytes of media: with factor 1 and a 1 s boost
 * it takes (300,000 - 100,000) / 200,000 = 1 s; with a premium 30 s boost it goes out at once.
 */
@SpringBootTest(classes = ExtensionExamplesTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.speedup-factor=1", "media.streaming.initial-boost=1s" })
class ExtensionExamplesTests {

	private static final byte[] TOY = toy(800_000, 300_000);

	@LocalServerPort
	int port;

	@Autowired
	InMemoryMediaStore store;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aFormatAddedWithOneBeanIsServedWithItsContentTypePacedAndSeekable() throws Exception {
		this.store.put("clip.toy", TOY);
		long start = System.nanoTime();
		HttpResponse<byte[]> whole = get("/media/clip.toy", null);
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/x-toy");
		assertThat(whole.body()).isEqualTo(TOY);
		// Paced: not before its 1 s is due; the upper bound only rules out a far slower rate (a loaded machine
		// answered in 2.4 s).
		assertThat(seconds).isBetween(0.9, 4.0);
		HttpResponse<byte[]> seek = get("/media/clip.toy?start=2", null);
		assertThat(seek.statusCode()).isEqualTo(200);
		// The header again, then the media from 2 s (200,000 bytes in).
		assertThat(seek.body()).hasSize(8 + 100_000);
		assertThat(Arrays.copyOf(seek.body(), 8)).isEqualTo(Arrays.copyOf(TOY, 8));
		assertThat(Arrays.copyOfRange(seek.body(), 8, seek.body().length))
			.isEqualTo(Arrays.copyOfRange(TOY, 8 + 200_000, TOY.length));
		assertThat(get("/media/clip.toy?start=abc", null).statusCode()).isEqualTo(400);
	}

	@Test
	void aSignedInUserGetsTheLargerBoost() throws Exception {
		this.store.put("premium.toy", TOY);
		long start = System.nanoTime();
		HttpResponse<byte[]> response = get("/media/premium.toy", "alice");
		assertThat(response.body()).isEqualTo(TOY);
		assertThat((System.nanoTime() - start) / 1e9).isLessThan(0.5);
	}

	@Test
	void aStoreThatIsNotAFolderServesRangesAndMissingFiles() throws Exception {
		byte[] bytes = new byte[200_000];
		new Random(3).nextBytes(bytes);
		this.store.put("blob.bin", bytes);
		HttpResponse<byte[]> range = this.http.send(HttpRequest.newBuilder(uri("/media/blob.bin"))
			.header("Range", "bytes=1000-150999")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 151_000));
		assertThat(get("/media/missing.bin", null).statusCode()).isEqualTo(404);
	}

	private HttpResponse<byte[]> get(String path, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
		if (user != null) {
			request.header("X-User", user);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static byte[] toy(int bitrate, int mediaBytes) {
		ByteBuffer buffer = ByteBuffer.allocate(8 + mediaBytes);
		buffer.put("TOY1".getBytes(StandardCharsets.US_ASCII)).putInt(bitrate);
		byte[] media = new byte[mediaBytes];
		new Random(5).nextBytes(media);
		return buffer.put(media).array();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		MediaFormat toyMediaFormat() {
			return ToyFormat.create();
		}

		@Bean
		InMemoryMediaStore mediaStore(MediaFormats formats) {
			return new InMemoryMediaStore(formats);
		}

		@Bean
		PacingPolicy mediaPacingPolicy(MediaStreamingProperties properties) {
			return new PremiumPacingPolicy(properties.pacingPolicy(), Duration.ofSeconds(30));
		}

		/** Stands in for a login: a request with {@code X-User} is that user's. */
		@Bean
		WebFilter testLogin() {
			return (exchange, chain) -> {
				String user = exchange.getRequest().getHeaders().getFirst("X-User");
				return chain.filter((user != null)
						? exchange.mutate().principal(Mono.just(() -> user)).build() : exchange);
			};
		}

	}

}
