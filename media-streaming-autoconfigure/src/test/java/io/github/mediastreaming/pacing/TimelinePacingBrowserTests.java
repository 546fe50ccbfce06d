package io.github.mediastreaming.pacing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.github.mediastreaming.testsupport.Chromium;
import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.VbrFixtures;
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

/**
 * Why timeline pacing exists, in a real browser: headless Chromium plays variable-bitrate MP4 files
 * ({@link VbrFixtures}) paced with the defaults (factor 0.1, boost 5 s). On the media's timeline (the
 * default) the {@code <video>} element never fires {@code waiting}, whichever scene comes first; at the
 * average rate (a rule here) the complex-first file stalls about nine seconds in, because its first
 * half needs 1.6 Mbit/s and the average pace gives it about 1 Mbit/s. Both are asserted, so the test
 * shows that the difference is real.
 */
@SpringBootTest(classes = TimelinePacingBrowserTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.rules[0].pattern=/media/average/**",
				"media.streaming.rules[0].pacing-mode=average" })
class TimelinePacingBrowserTests {

	private static final Path ROOT = Fixtures.root("vbr", (root) -> {
		if (Ffmpeg.isInstalled()) {
			VbrFixtures.write(root);
			java.nio.file.Files.createDirectories(root.resolve("average"));
			java.nio.file.Files.copy(root.resolve(VbrFixtures.COMPLEX_FIRST),
					root.resolve("average").resolve(VbrFixtures.COMPLEX_FIRST));
		}
	});

	private static final BlockingQueue<String> REPORTS = new LinkedBlockingQueue<>();

	private static final List<String> URLS = List.of("/media/" + VbrFixtures.COMPLEX_FIRST,
			"/media/" + VbrFixtures.SIMPLE_FIRST, "/media/average/" + VbrFixtures.COMPLEX_FIRST);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void onTheTimelineNoPlayerWaitsAndAtTheAverageRateTheComplexFirstFileStalls() throws Exception {
		Ffmpeg.assumeInstalled();
		Chromium.assumeInstalled();
		Map<String, String> results = Chromium.reports("http://127.0.0.1:" + this.port + "/vbr", REPORTS, URLS.size(),
				Duration.ofSeconds(90));
		assertThat(results).hasSize(3);
		assertThat(results.get(URLS.get(0))).startsWith("ended without waiting");
		assertThat(results.get(URLS.get(1))).startsWith("ended without waiting");
		assertThat(results.get(URLS.get(2))).startsWith("waiting at");
	}

	/** The page: one {@code <video>} a file, reporting its end, or its first wait after playback began. */
	private static String page() {
		StringBuilder html = new StringBuilder("<!doctype html><html><body><script>\n");
		html.append("function report(url, text) { fetch('/vbr-report', {method: 'POST', body: url + '\\n' + text}); }\n");
		for (String url : URLS) {
			html.append("(() => { const v = document.createElement('video'); v.muted = true; v.preload = 'auto';\n")
				.append("  let started = false, done = false; const url = '").append(url).append("';\n")
				.append("  v.addEventListener('playing', () => { started = true; });\n")
				.append("  v.addEventListener('waiting', () => { if (started && !done) { done = true;")
				.append(" report(url, 'waiting at ' + v.currentTime.toFixed(1) + ' s'); } });\n")
				.append("  v.addEventListener('ended', () => { if (!done) { done = true;")
				.append(" report(url, 'ended without waiting after ' + v.currentTime.toFixed(1) + ' s'); } });\n")
				.append("  v.addEventListener('error', () => { if (!done) { done = true;")
				.append(" report(url, 'error ' + (v.error && v.error.code)); } });\n")
				.append("  v.src = url; document.body.appendChild(v); v.play(); })();\n");
		}
		return html.append("</script></body></html>").toString();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		RouterFunction<ServerResponse> vbrPage() {
			return RouterFunctions.route()
				.GET("/vbr", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page()))
				.POST("/vbr-report", (request) -> request.bodyToMono(String.class).flatMap((report) -> {
					REPORTS.add(report);
					return ServerResponse.ok().build();
				}))
				.build();
		}

	}

}
