package io.github.mediastreaming.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mediastreaming.testsupport.Chromium;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Seeked responses in a real browser: headless Chromium loads a page from the running server whose
 * {@code <video>} and {@code <audio>} elements point at {@code ?start=} URLs (paced, as in production),
 * plays them, and posts each element's duration, or its error, back to the server.
 */
@SpringBootTest(classes = BrowserPlaybackTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserPlaybackTests {

	private static final Path ROOT = createRoot();

	private static final BlockingQueue<String> REPORTS = new LinkedBlockingQueue<>();

	private static final AtomicReference<List<String>> PAGE_URLS = new AtomicReference<>(List.of());

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void chromiumPlaysSeekedMp4AndMp3ResponsesWithTheirRemainingDuration() throws Exception {
		Chromium.assumeInstalled();
		List<String> urls = List.of("/media/movie.mp4?start=3.3", "/media/movie.mp4?start=2&end=6",
				"/media/moovend.mp4?start=5", "/media/moovend.mp4", "/media/song.mp3?start=4.5", "/media/song.m4a?start=2");
		PAGE_URLS.set(urls);
		Map<String, String> results = Chromium.reports("http://127.0.0.1:" + this.port + "/play", REPORTS, urls.size(),
				Duration.ofSeconds(60));
		assertThat(results).hasSize(6).allSatisfy((url, result) -> assertThat(result).startsWith("played"));
		assertThat(seconds(results.get("/media/movie.mp4?start=3.3"))).isCloseTo(4.7, within(0.1));
		assertThat(seconds(results.get("/media/movie.mp4?start=2&end=6"))).isCloseTo(4.0, within(0.1));
		assertThat(seconds(results.get("/media/moovend.mp4?start=5"))).isCloseTo(3.0, within(0.1));
		assertThat(seconds(results.get("/media/moovend.mp4"))).isCloseTo(8.0, within(0.1));
		assertThat(seconds(results.get("/media/song.mp3?start=4.5"))).isCloseTo(7.5, within(0.2));
		assertThat(seconds(results.get("/media/song.m4a?start=2"))).isCloseTo(6.0, within(0.1));
	}

	private static double seconds(String result) {
		return Double.parseDouble(result.substring("played ".length()));
	}

	/** A page that plays each URL muted and posts "played <duration>" or "error <code>" for each. */
	static String page(List<String> urls) {
		StringBuilder array = new StringBuilder("[");
		for (String url : urls) {
			array.append(array.length() > 1 ? "," : "").append('\'').append(url).append('\'');
		}
		array.append(']');
		return "<!doctype html><html><body><script>\nfor (const url of " + array + ") {\n" + """
				  const el = document.createElement(/\\.(mp4|m4v)/.test(url) ? 'video' : 'audio');
				  let reported = false;
				  const report = (text) => {
				    if (!reported) { reported = true; fetch('/report', { method: 'POST', body: url + '\\n' + text }); }
				  };
				  el.muted = true; el.autoplay = true; el.src = url;
				  el.addEventListener('timeupdate', () => { if (el.currentTime > 0.5) report('played ' + el.duration.toFixed(3)); });
				  el.addEventListener('error', () => report('error ' + (el.error ? el.error.code + ' ' + el.error.message : '')));
				  document.body.append(el);
				}
				</script></body></html>
				""";
	}

	private static Path createRoot() {
		return Fixtures.root("media-browser", (root) -> {
			Fixtures.copy(root, "mp4/bframes.mp4", "movie.mp4");
			Fixtures.copy(root, "mp4/moovend.mp4", "moovend.mp4");
			Fixtures.copy(root, "mp4/audio.m4a", "song.m4a");
			Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3");
		});
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		/** The test page and the endpoint it reports to. */
		@Bean
		RouterFunction<ServerResponse> playbackPage() {
			return RouterFunctions.route()
				.GET("/play", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
					.bodyValue(page(PAGE_URLS.get())))
				.POST("/report", (request) -> request.bodyToMono(String.class)
					.doOnNext(REPORTS::add)
					.then(ServerResponse.noContent().build()))
				.build();
		}

	}

}
