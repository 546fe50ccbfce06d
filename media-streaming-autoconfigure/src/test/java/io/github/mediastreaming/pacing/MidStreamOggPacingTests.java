package io.github.mediastreaming.pacing;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An Ogg Opus recording of a live stream (its granule positions start at 100 s, as an Icecast dump's or
 * ffmpeg's {@code -output_ts_offset} do) streamed with the defaults (5 s boost, factor 0.1): its first
 * 5 s of media are the boost and arrive at once, as for any file.
 */
@SpringBootTest(classes = MidStreamOggPacingTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MidStreamOggPacingTests {

	private static final Path ROOT = Fixtures.root("mid-stream-ogg", (root) -> {
		if (Ffmpeg.isInstalled()) {
			Ffmpeg.write(root.resolve("late.opus"), "-f", "lavfi", "-i", "sine=d=20", "-c:a", "libopus",
					"-output_ts_offset", "100");
		}
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void anOpusRecordingThatStartsMidStreamGetsItsBoostAtOnce() throws Exception {
		Ffmpeg.assumeInstalled();
		long size = Files.size(ROOT.resolve("late.opus"));
		AtomicLong received = new AtomicLong();
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/media/late.opus")).build(),
					HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
			try (InputStream body = response.body()) {
				byte[] buffer = new byte[8192];
				int read;
				while ((read = body.read(buffer)) >= 0) {
					received.addAndGet(read);
				}
			}
			catch (Exception ex) {
				// the test is over
			}
		});
		try {
			// 5 s of a 20 s constant-rate stream: a quarter of the file. It came after 86 s: its first audio
			// page completed media time 100 s on the timeline.
			await().atMost(Duration.ofSeconds(3))
				.untilAsserted(() -> assertThat(received.get()).as("bytes received").isGreaterThanOrEqualTo(size / 4));
		}
		finally {
			reader.cancel(true);
			response.body().close();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
