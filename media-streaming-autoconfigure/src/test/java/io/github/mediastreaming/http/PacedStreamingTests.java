package io.github.mediastreaming.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;

import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Pacing end to end over a real socket: a short file at a known bitrate with a large speedup factor, so
 * each test takes seconds. The bitrate comes from the user's own index service (a user bean wins), so
 * the timing depends on the pacer only.
 *
 * <p>With 800 kbit/s (100,000 B/s), speedup factor 1 (limit 200,000 B/s) and a 1 s boost (100,000 bytes
 * sent at once), a 700,000-byte body takes (700,000 - 100,000) / 200,000 = 3 s.
 */
@SpringBootTest(classes = PacedStreamingTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.speedup-factor=1", "media.streaming.initial-boost=1s",
				"media.streaming.rules[0].pattern=/media/downloads/**", "media.streaming.rules[0].auto-rate=false",
				"media.streaming.rules[1].format=mp3", "media.streaming.rules[1].speedup-factor=3" })
class PacedStreamingTests {

	private static final int SIZE = 700_000;

	private static final byte[] CONTENT = new byte[SIZE];

	static final Path ROOT = createRoot();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void wholeFileTakesBodyMinusBoostOverTheLimit() throws Exception {
		Timed timed = get("/media/clip.wav", null);
		assertThat(timed.body()).isEqualTo(CONTENT);
		assertThat(timed.seconds()).isCloseTo(3.0, within(0.3));
	}

	@Test
	void rangeIsPacedWithTheBoostCountedFromItsFirstByte() throws Exception {
		// 500,000 bytes: 100,000 boost, then 400,000 at 200,000 B/s = 2 s.
		Timed timed = get("/media/clip.wav", "bytes=200000-");
		assertThat(timed.status()).isEqualTo(206);
		assertThat(timed.body()).hasSize(500_000);
		assertThat(timed.seconds()).isCloseTo(2.0, within(0.2));
	}

	@Test
	void ruleByPathTurnsPacingOff() throws Exception {
		Timed timed = get("/media/downloads/clip.wav", null);
		assertThat(timed.body()).isEqualTo(CONTENT);
		// Paced, it takes 3 s (wholeFileTakesBodyMinusBoostOverTheLimit); a loaded machine took 1.4 s unpaced.
		assertThat(timed.seconds()).isLessThan(2.0);
	}

	@Test
	void ruleByFormatChangesTheSpeedupFactor() throws Exception {
		// Factor 3: limit 400,000 B/s, so (700,000 - 100,000) / 400,000 = 1.5 s.
		Timed timed = get("/media/clip.mp3", null);
		assertThat(timed.body()).isEqualTo(CONTENT);
		assertThat(timed.seconds()).isCloseTo(1.5, within(0.15));
	}

	@Test
	void headIsNeverPacedAndNeverIndexed() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long start = System.nanoTime();
		HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/media/clip.wav"))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
		assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
	}

	private Timed get(String path, String range) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
		if (range != null) {
			request.header("Range", range);
		}
		long start = System.nanoTime();
		HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		return new Timed(response.statusCode(), response.body(), (System.nanoTime() - start) / 1e9);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static Path createRoot() {
		return Fixtures.root("media-paced", (root) -> {
			new Random(3).nextBytes(CONTENT);
			Files.write(root.resolve("clip.wav"), CONTENT);
			Files.write(root.resolve("clip.mp3"), CONTENT);
			Files.createDirectories(root.resolve("downloads"));
			Files.write(root.resolve("downloads/clip.wav"), CONTENT);
		});
	}

	private record Timed(int status, byte[] body, double seconds) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		/** Every WAV and MP3 file is 800 kbit/s here: the built-in formats, replaced by name. */
		@Bean
		MediaFormat wavMediaFormat() {
			return MediaFormat.named("wav").extension("wav", "audio/wav").reader(FIXED).build();
		}

		@Bean
		MediaFormat mp3MediaFormat() {
			return MediaFormat.named("mp3").extension("mp3", "audio/mpeg").reader(FIXED).build();
		}

		private static final MediaIndexReader FIXED = (source, budget) -> new MediaIndex(source.size(), 7_000_000,
				800_000, null);

	}

}
