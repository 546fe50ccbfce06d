package io.github.mediastreaming.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view in a real browser while paced streams run: headless Chromium loads a probe page that
 * shows {@code /streams.html} in a frame, reads what the frame displays once streams and a few chart
 * points are there (the lead the server reports included), then makes the frame's {@code fetch} set the
 * {@code lead} of every stream to a known value and reads again, to prove how it is shown; it posts both
 * readings back. The live view itself has no
 * test hook.
 */
@SpringBootTest(classes = { SampleApplication.class, LiveViewBrowserTests.ProbeRoutes.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveViewBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final BlockingQueue<String> REPORTS = new LinkedBlockingQueue<>();

	@LocalServerPort
	int port;

	@Test
	@SuppressWarnings("unchecked")
	void liveViewShowsTheRunningStreamsTheirLeadWhenReportedAndAnEgressChart() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed");
		List<Thread> viewers = new ArrayList<>();
		for (String target : new String[] { "/media/demo.mp4", "/media/demo.mp3?start=2" }) {
			Thread viewer = new Thread(() -> watchRepeatedly(target), "viewer " + target);
			viewer.setDaemon(true);
			viewer.start();
			viewers.add(viewer);
		}
		Process browser = null;
		String report;
		try {
			browser = chromium("http://127.0.0.1:" + this.port + "/live-view-probe");
			report = REPORTS.poll(90, TimeUnit.SECONDS);
		}
		finally {
			if (browser != null) {
				browser.destroyForcibly();
			}
			viewers.forEach(Thread::interrupt);
		}
		assertThat(report).as("the probe page's report").isNotNull();
		Map<String, Object> readings = JsonMapper.builder().build().readValue(report, Map.class);
		Map<String, Object> before = (Map<String, Object>) readings.get("before");
		List<Map<String, String>> rows = (List<Map<String, String>>) before.get("rows");
		assertThat(rows).isNotEmpty().allSatisfy((row) -> {
			assertThat(row.get("path")).matches("/media/demo\\.(mp4|mp3 \\(start 2\\))");
			assertThat(row.get("client")).isEqualTo("127.0.0.1");
			assertThat(row.get("state")).isIn("boosting", "paced", "client_bound");
			assertThat(row.get("rate")).matches("\\d+(\\.\\d)? kbit/s");
			assertThat(row.get("bytes")).matches("\\d+(\\.\\d)? [kM]?B of \\d+(\\.\\d)? kB");
			// The server reports each paced stream's lead: the boost ahead of the player, and more.
			assertThat(row.get("lead")).matches("-?\\d+\\.\\d s");
		});
		assertThat((Integer) before.get("chartPoints")).isGreaterThanOrEqualTo(3);
		assertThat((String) before.get("egressNow")).matches("\\d+(\\.\\d)? [kMG]?bit/s");
		assertThat((String) before.get("egressPeak")).matches("\\d+(\\.\\d)? [kMG]bit/s");
		List<Map<String, String>> withLead = (List<Map<String, String>>) ((Map<String, Object>) readings.get("after"))
			.get("rows");
		assertThat(withLead).isNotEmpty().allSatisfy((row) -> assertThat(row.get("lead")).isEqualTo("12.3 s"));
	}

	/** Request a file, read it to the end as the server paces it, and again, until interrupted. */
	private void watchRepeatedly(String target) {
		byte[] buffer = new byte[16384];
		while (!Thread.currentThread().isInterrupted()) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
				socket.setSoTimeout(30_000);
				socket.getOutputStream()
					.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
				InputStream in = socket.getInputStream();
				while (!Thread.currentThread().isInterrupted() && in.read(buffer) >= 0) {
					// The server sets the pace; the viewer only keeps taking.
				}
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private static Process chromium(String url) throws IOException {
		Path profile = Files.createTempDirectory("chromium-profile");
		// Flags as this machine needs them: root (no sandbox), no GPU, no network beyond loopback.
		return new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, url))
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

	/**
	 * The probe page: {@code /streams.html} in a frame, read from outside. First reading once it shows
	 * streams and three chart points; then every stream gets {@code lead: 12.34} through the frame's
	 * {@code fetch}, and the second reading waits for that lead on screen.
	 */
	static final String PROBE = """
			<!doctype html><html><body><iframe id="view" src="/streams.html" width="1200" height="800"></iframe>
			<script>
			const frame = document.getElementById('view');
			const read = () => {
			  const doc = frame.contentDocument;
			  const rows = [...doc.querySelectorAll('#streams tbody tr')].map((tr) =>
			    Object.fromEntries([...tr.children].map((td) => [td.dataset.field, td.textContent])));
			  const points = doc.querySelector('#egress-chart polyline').getAttribute('points').trim();
			  return { rows, chartPoints: points ? points.split(/\\s+/).length : 0,
			    egressNow: doc.getElementById('egress-now').textContent,
			    egressPeak: doc.getElementById('egress-peak').textContent };
			};
			let before = null;
			const check = () => {
			  const doc = frame.contentDocument;
			  if (doc && doc.querySelector('#streams tbody')) {
			    const now = read();
			    if (before === null && now.rows.length > 0 && now.chartPoints >= 3) {
			      before = now;
			      const realFetch = frame.contentWindow.fetch.bind(frame.contentWindow);
			      frame.contentWindow.fetch = (...args) => realFetch(...args).then((r) => r.json()).then((json) => {
			        json.streams.forEach((s) => { s.lead = 12.34; });
			        return new Response(JSON.stringify(json), { status: 200 });
			      });
			    }
			    else if (before !== null && now.rows.length > 0 && now.rows.every((r) => r.lead === '12.3 s')) {
			      fetch('/live-view-report', { method: 'POST', body: JSON.stringify({ before, after: now }) });
			      return;
			    }
			  }
			  setTimeout(check, 250);
			};
			check();
			</script></body></html>
			""";

	@Configuration(proxyBeanMethods = false)
	static class ProbeRoutes {

		@Bean
		RouterFunction<ServerResponse> liveViewProbe() {
			return RouterFunctions.route()
				.GET("/live-view-probe",
						(request) -> ServerResponse.ok()
					.contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
					.bodyValue(PROBE))
				.POST("/live-view-report", (request) -> request.bodyToMono(String.class)
					.doOnNext(REPORTS::add)
					.then(ServerResponse.noContent().build()))
				.build();
		}

	}

}
