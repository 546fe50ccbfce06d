package io.github.mediastreaming.pacing;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.PacketTimeline;
import io.github.mediastreaming.testsupport.VbrFixtures;
import io.github.mediastreaming.testsupport.VbrFixtures.Container;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lead a player gets on the media's timeline, measured as a player would see it: a client reads each
 * variable-bitrate file ({@link VbrFixtures}, every container, both orders) paced with the defaults
 * (factor 0.1, boost 5 s), and maps the bytes it has received to media time with the file's own packets
 * (ffprobe). Until the body ends, media received minus time elapsed stays between the boost less 1 s and
 * the boost plus factor x elapsed plus 1 s: the player never runs dry and is never fed far ahead. The
 * first half second, while the boost arrives, is not judged, nor the bytes after the last packet. All
 * files stream at once (about 14 s).
 */
@SpringBootTest(classes = TimelineLeadTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimelineLeadTests {

	private static final Container[] CONTAINERS = Container.values();

	private static final double BOOST_SECONDS = 5;

	private static final double FACTOR = 0.1;

	private static final double SLACK_SECONDS = 1;

	private static final double BOOST_ARRIVAL_SECONDS = 0.5;

	private static final Path ROOT = Fixtures.root("lead", (root) -> {
		if (Ffmpeg.isInstalled()) {
			for (Container container : CONTAINERS) {
				for (boolean complexFirst : new boolean[] { true, false }) {
					Files.copy(VbrFixtures.cached(container, complexFirst),
							root.resolve(VbrFixtures.name(container, complexFirst)));
				}
			}
		}
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void everyPlayerStaysBetweenTheBoostAndTheBoostPlusTheSpeedUp() throws Exception {
		Ffmpeg.assumeInstalled();
		List<String> names = new ArrayList<>();
		for (Container container : CONTAINERS) {
			names.add(VbrFixtures.name(container, true));
			names.add(VbrFixtures.name(container, false));
		}
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<List<String>>> results = new ArrayList<>();
		ExecutorService readers = Executors.newFixedThreadPool(names.size());
		try {
			for (String name : names) {
				results.add(CompletableFuture.supplyAsync(() -> violations(http, name), readers));
			}
			List<String> violations = new ArrayList<>();
			for (CompletableFuture<List<String>> result : results) {
				violations.addAll(result.join());
			}
			assertThat(violations).isEmpty();
		}
		finally {
			readers.shutdownNow();
		}
	}

	/** Read one file as a player would, and return every moment its lead left the bounds. */
	private List<String> violations(HttpClient http, String name) {
		try {
			PacketTimeline truth = new PacketTimeline(Ffmpeg.packets(ROOT.resolve(name)));
			long size = Files.size(ROOT.resolve(name));
			HttpResponse<InputStream> response = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/media/" + name)).build(),
					HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			List<String> violations = new ArrayList<>();
			double worstLow = Double.MAX_VALUE;
			double worstHigh = -Double.MAX_VALUE;
			try (InputStream body = response.body()) {
				byte[] buffer = new byte[16 * 1024];
				long received = 0;
				long start = -1;
				int read;
				while ((read = body.read(buffer)) >= 0) {
					long now = System.nanoTime();
					if (start < 0) {
						start = now;
					}
					received += read;
					double elapsed = (now - start) / 1e9;
					if (elapsed < BOOST_ARRIVAL_SECONDS || received >= truth.endOffset()) {
						continue; // the boost is arriving, or every packet has (the file may end in a tag)
					}
					double lead = truth.playableUs(received) / 1e6 - elapsed;
					double low = BOOST_SECONDS - SLACK_SECONDS;
					double high = BOOST_SECONDS + FACTOR * elapsed + SLACK_SECONDS;
					worstLow = Math.min(worstLow, lead - low);
					worstHigh = Math.max(worstHigh, lead - high);
					if (lead < low || lead > high) {
						violations.add(String.format("%s: lead %.2f s at %.2f s (bounds %.2f to %.2f)", name, lead,
								elapsed, low, high));
					}
				}
				assertThat(received).as(name).isEqualTo(size);
			}
			System.out.printf("%s: lead stayed %.2f s above its floor and %.2f s below its ceiling%n", name,
					worstLow, -worstHigh);
			return violations.subList(0, Math.min(5, violations.size()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(name, ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
