package io.github.mediastreaming.pacing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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

/**
 * pacing.md's schedule for every paced container and every kind of body, as a viewer sees it over a real
 * socket: "the response's first byte is media time 0: a {@code ?start=} document, an {@code end}-trimmed
 * one and a Range request that starts mid-file each get their own boost, and a range that starts mid-file
 * is timed from the media at its first byte". Each file is 10 s of near-constant-bitrate media made with
 * ffmpeg; with factor 1 and a 1 s boost, a body of 5 s of media takes (5 - 1) / 2 = 2 s. Every body is read
 * at once over HTTP/1.1 (the zero-copy path) and over HTTP/2 in clear text (the buffer path), so the two
 * paths are held to the same schedule.
 * <p>
 * The bounds are wide (a loaded two-core machine, encoders that are only nearly constant, a seek that
 * starts at the key frame before its time): no body may arrive in less than 60 % of its schedule (the
 * server never sends early, whatever the load; an unpaced body takes a tenth of a second), nor take more
 * than three times it. Measured here with all 26 bodies at once: 2.1 to 3.2 s.
 */
@SpringBootTest(classes = PacingAcrossRequestKindsTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "media.streaming.speedup-factor=1",
				"media.streaming.initial-boost=1s" })
class PacingAcrossRequestKindsTests {

	private static final int SECONDS = 10;

	private static final double BOOST_SECONDS = 1;

	private static final double FACTOR = 1;

	private static final String[] EXTENSIONS = { "mp4", "flv", "mkv", "webm", "avi", "mp3", "ogg", "opus", "wav" };

	private static final Path ROOT = Fixtures.root("pacing-kinds", (root) -> {
		if (!Ffmpeg.isInstalled()) {
			return;
		}
		String[] video = { "-f", "lavfi", "-i", "testsrc2=s=160x120:r=25:d=" + SECONDS, "-f", "lavfi", "-i",
				"sine=f=440:r=44100:d=" + SECONDS, "-g", "25", "-pix_fmt", "yuv420p" };
		String[] h264 = { "-c:v", "libx264", "-preset", "veryfast", "-b:v", "300k", "-maxrate", "300k", "-bufsize",
				"300k", "-c:a", "aac", "-b:a", "64k" };
		Ffmpeg.write(root.resolve("a.mp4"), concat(video, h264, new String[] { "-movflags", "+faststart" }));
		Ffmpeg.write(root.resolve("a.flv"), concat(video, h264));
		Ffmpeg.write(root.resolve("a.mkv"), concat(video, h264));
		Ffmpeg.write(root.resolve("a.webm"), concat(video, new String[] { "-c:v", "libvpx", "-deadline", "realtime",
				"-cpu-used", "8", "-b:v", "300k", "-c:a", "libopus", "-b:a", "64k" }));
		Ffmpeg.write(root.resolve("a.avi"),
				concat(video, new String[] { "-c:v", "mpeg4", "-b:v", "300k", "-c:a", "libmp3lame", "-b:a", "64k" }));
		String[] noise = { "-f", "lavfi", "-i", "anoisesrc=r=48000:d=" + SECONDS };
		Ffmpeg.write(root.resolve("a.mp3"), concat(noise, new String[] { "-c:a", "libmp3lame", "-b:a", "128k" }));
		Ffmpeg.write(root.resolve("a.ogg"), concat(noise, new String[] { "-c:a", "libvorbis", "-b:a", "128k" }));
		Ffmpeg.write(root.resolve("a.opus"), concat(noise, new String[] { "-c:a", "libopus", "-b:a", "128k" }));
		Ffmpeg.write(root.resolve("a.wav"), concat(noise, new String[] { "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le" }));
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void everyBodyOfHalfTheMediaIsPacedFromItsOwnFirstByteOnBothPaths() throws Exception {
		Ffmpeg.assumeInstalled();
		// Body -> the request, with 5 s of media each.
		Map<String, HttpRequest.Builder> bodies = new LinkedHashMap<>();
		for (String extension : EXTENSIONS) {
			long size = Files.size(ROOT.resolve("a." + extension));
			bodies.put(extension + " range from the middle",
					request("/media/a." + extension).header("Range", "bytes=" + (size / 2) + "-"));
		}
		bodies.put("mp4 ?start=5", request("/media/a.mp4?start=5"));
		bodies.put("mp4 ?start=2&end=7", request("/media/a.mp4?start=2&end=7"));
		bodies.put("mp3 ?start=5", request("/media/a.mp3?start=5"));
		bodies.put("flv ?start= half its size", request("/media/a.flv?start=" + Files.size(ROOT.resolve("a.flv")) / 2));
		HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
		// Index every file and open the HTTP/2 connection first: the timing is the pacing alone.
		for (String extension : EXTENSIONS) {
			for (HttpClient client : new HttpClient[] { http1, http2 }) {
				client.send(request("/media/a." + extension).header("Range", "bytes=0-0").build(),
						HttpResponse.BodyHandlers.discarding());
			}
		}
		List<CompletableFuture<String>> results = new ArrayList<>();
		for (Map.Entry<String, HttpRequest.Builder> body : bodies.entrySet()) {
			HttpRequest request = body.getValue().build();
			results.add(timed(http1, request, "HTTP/1.1 " + body.getKey()));
			results.add(timed(http2, request, "HTTP/2 " + body.getKey()));
		}
		double schedule = (SECONDS / 2.0 - BOOST_SECONDS) / (1 + FACTOR);
		List<String> outside = new ArrayList<>();
		List<String> all = new ArrayList<>();
		for (CompletableFuture<String> result : results) {
			String line = result.join();
			all.add(line);
			double seconds = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			if (seconds < 0.6 * schedule || seconds > 3 * schedule) {
				outside.add(line);
			}
		}
		assertThat(outside).as("bodies off their %.1f s schedule, of %s", schedule, all).isEmpty();
	}

	private CompletableFuture<String> timed(HttpClient client, HttpRequest request, String name) {
		long start = System.nanoTime();
		return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply((response) -> {
			double seconds = (System.nanoTime() - start) / 1e9;
			assertThat(response.statusCode()).as(name).isIn(200, 206);
			assertThat(response.version()).as(name).isEqualTo(client.version());
			assertThat(response.body()).as(name)
				.hasSize((int) response.headers().firstValueAsLong("Content-Length").orElseThrow());
			return name + ": " + response.body().length + " bytes in " + String.format(Locale.ROOT, "%.2f", seconds);
		});
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(Duration.ofSeconds(30));
	}

	private static String[] concat(String[]... parts) {
		List<String> all = new ArrayList<>();
		for (String[] part : parts) {
			all.addAll(List.of(part));
		}
		return all.toArray(String[]::new);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
