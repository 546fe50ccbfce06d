package io.github.mediastreaming.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.mediastreaming.testsupport.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Seeked responses in a real browser: headless Chromium loads a page whose {@code <video>} and
 * {@code <audio>} elements point at {@code ?start=} URLs of the running server (paced, as in
 * production), plays them, and reports each element's duration, or its error, into the page.
 */
@SpringBootTest(classes = BrowserPlaybackTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserPlaybackTests {

	private static final Path ROOT = createRoot();

	private static final Pattern RESULT = Pattern.compile("data-url=\"([^\"]+)\" data-result=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@TempDir
	Path temp;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void chromiumPlaysSeekedMp4AndMp3ResponsesWithTheirRemainingDuration() throws IOException {
		Chromium.assumeInstalled();
		String dom = Chromium.dumpDom(page("/media/movie.mp4?start=3.3", "/media/movie.mp4?start=2&end=6",
				"/media/moovend.mp4?start=5", "/media/moovend.mp4", "/media/song.mp3?start=4.5",
				"/media/song.m4a?start=2"), 20_000);
		Matcher matcher = RESULT.matcher(dom);
		java.util.Map<String, String> results = new java.util.LinkedHashMap<>();
		while (matcher.find()) {
			results.put(matcher.group(1).replace("&amp;", "&"), matcher.group(2));
		}
		assertThat(results).as(dom).hasSize(6).allSatisfy((url, result) -> assertThat(result).startsWith("played"));
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

	/** A page that plays each URL muted and writes "played <duration>" or "error <code>" next to it. */
	private Path page(String... urls) throws IOException {
		StringBuilder html = new StringBuilder("<!doctype html><html><body><script>\n");
		html.append("const base = 'http://127.0.0.1:").append(this.port).append("';\n");
		html.append("for (const url of ").append(toJsArray(urls)).append(") {\n");
		html.append("""
				  const el = document.createElement(/\\.(mp4|m4v)/.test(url) ? 'video' : 'audio');
				  const out = document.createElement('div');
				  out.setAttribute('data-url', url);
				  el.muted = true; el.autoplay = true; el.src = base + url;
				  const report = (text) => { if (!out.hasAttribute('data-result')) out.setAttribute('data-result', text); };
				  el.addEventListener('timeupdate', () => { if (el.currentTime > 0.5) report('played ' + el.duration.toFixed(3)); });
				  el.addEventListener('error', () => report('error ' + (el.error ? el.error.code + ' ' + el.error.message : '')));
				  document.body.append(el, out);
				}
				</script></body></html>
				""");
		return Files.writeString(this.temp.resolve("play.html"), html);
	}

	private static String toJsArray(String... values) {
		StringBuilder array = new StringBuilder("[");
		for (String value : values) {
			array.append(array.length() > 1 ? "," : "").append('\'').append(value).append('\'');
		}
		return array.append(']').toString();
	}

	private static Path createRoot() {
		try {
			Path root = Files.createTempDirectory("media-browser");
			Files.copy(SeekHttpTests.resource("/media/mp4/bframes.mp4"), root.resolve("movie.mp4"));
			Files.copy(SeekHttpTests.resource("/media/mp4/moovend.mp4"), root.resolve("moovend.mp4"));
			Files.copy(SeekHttpTests.resource("/media/mp4/audio.m4a"), root.resolve("song.m4a"));
			Files.copy(SeekHttpTests.resource("/media/mp3/cbr.mp3"), root.resolve("song.mp3"));
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
