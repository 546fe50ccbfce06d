package io.github.mediastreaming.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mediastreaming.testsupport.Chromium;
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
 * Cross-origin access in a real browser: headless Chromium loads a page from another origin (a second
 * server on another port) that reads a range of an MP3 with {@code fetch} and draws a
 * {@code <video crossorigin>}'s seeked MP4 on a canvas, then reads its pixels. The browser, not the
 * test, enforces CORS: a missing {@code Access-Control-Allow-Origin} fails the fetch and the video, a
 * missing {@code Access-Control-Expose-Headers} hides {@code Content-Range}, and a canvas tainted by
 * media read without CORS refuses {@code getImageData}.
 */
@SpringBootTest(classes = CrossOriginBrowserTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "media.streaming.cors.allowed-origins=http://127.0.0.1:[*]")
class CrossOriginBrowserTests {

	private static final Path ROOT = Fixtures.root("media-cors-browser", (root) -> {
		Fixtures.copy(root, "mp4/bframes.mp4", "movie.mp4");
		Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3");
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aPageOfAnotherOriginReadsARangeAndDrawsASeekedVideo() throws Exception {
		Chromium.assumeInstalled();
		BlockingQueue<String> reports = new LinkedBlockingQueue<>();
		HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		pages.createContext("/play", (exchange) -> respond(exchange, 200, page("http://127.0.0.1:" + this.port)));
		pages.createContext("/report", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				reports.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
			}
			respond(exchange, 204, "");
		});
		pages.start();
		try {
			Map<String, String> results = Chromium.reports(
					"http://127.0.0.1:" + pages.getAddress().getPort() + "/play", reports, 2, Duration.ofSeconds(60));
			long size = Files.size(ROOT.resolve("song.mp3"));
			assertThat(results).containsEntry("range", "206 bytes 0-99/" + size + " 100")
				.containsEntry("canvas", "readable");
		}
		finally {
			pages.stop(0);
		}
	}

	/** Reports "range" (status, Content-Range as the script sees it, bytes) and "canvas" (readable or why not). */
	private static String page(String media) {
		return "<!doctype html><html><body><script>\nconst media = '" + media + "';\n" + """
				const report = (name, text) => fetch('/report', { method: 'POST', body: name + '\\n' + text });
				fetch(media + '/media/song.mp3', { headers: { Range: 'bytes=0-99' } })
				  .then((r) => r.arrayBuffer().then((b) => report('range', r.status + ' ' + r.headers.get('Content-Range') + ' ' + b.byteLength)))
				  .catch((e) => report('range', 'error ' + e));
				const video = document.createElement('video');
				let drawn = false;
				video.crossOrigin = 'anonymous'; video.muted = true; video.autoplay = true;
				video.src = media + '/media/movie.mp4?start=2';
				video.addEventListener('timeupdate', () => {
				  if (drawn || video.currentTime < 0.5) return;
				  drawn = true;
				  const canvas = document.createElement('canvas');
				  canvas.width = 16; canvas.height = 16;
				  const context = canvas.getContext('2d');
				  context.drawImage(video, 0, 0, 16, 16);
				  try { context.getImageData(0, 0, 1, 1); report('canvas', 'readable'); }
				  catch (e) { report('canvas', 'tainted ' + e.name); }
				});
				video.addEventListener('error', () => report('canvas', 'error ' + (video.error ? video.error.code : '')));
				document.body.append(video);
				</script></body></html>
				""";
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
