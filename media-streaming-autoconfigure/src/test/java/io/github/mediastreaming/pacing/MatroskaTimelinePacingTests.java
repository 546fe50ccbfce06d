package io.github.mediastreaming.pacing;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.PacketTimeline;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Matroska file as ffmpeg writes it with its defaults, 10 s of H.264 (one key frame, so one CuePoint)
 * and 30 s of AAC, streamed with the defaults (5 s boost, factor 0.1) and read as a player would: the
 * media it has received, by the file's own packets, never falls behind the time elapsed.
 */
@SpringBootTest(classes = MatroskaTimelinePacingTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MatroskaTimelinePacingTests {

	private static final double BOOST_ARRIVAL_SECONDS = 0.5;

	private static final Path ROOT = Fixtures.root("matroska-lead", (root) -> {
		if (Ffmpeg.isInstalled()) {
			Ffmpeg.write(root.resolve("short-video.mkv"), "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=10",
					"-f", "lavfi", "-i", "sine=d=30", "-c:v", "libx264", "-c:a", "aac");
		}
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aPlayerOfAMatroskaFileWhoseAudioOutlastsItsOnlyKeyFrameNeverRunsDry() throws Exception {
		Ffmpeg.assumeInstalled();
		PacketTimeline truth = new PacketTimeline(Ffmpeg.packets(ROOT.resolve("short-video.mkv")));
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/media/short-video.mkv"))
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		double lowestLead = Double.MAX_VALUE;
		try (InputStream body = response.body()) {
			byte[] buffer = new byte[16 * 1024];
			long received = 0;
			long start = System.nanoTime();
			int read;
			// The timeline's straight line from the first Cluster to the end put most of the video's bytes at
			// 20 s and more: the player ran 9 s dry (lowest lead measured on main: -9.0 s).
			while ((read = body.read(buffer)) >= 0) {
				received += read;
				double elapsed = (System.nanoTime() - start) / 1e9;
				if (elapsed < BOOST_ARRIVAL_SECONDS || received >= truth.endOffset()) {
					continue; // the boost is arriving, or every packet has
				}
				lowestLead = Math.min(lowestLead, truth.playableUs(received) / 1e6 - elapsed);
			}
		}
		assertThat(lowestLead).as("lowest lead of the player (s)").isGreaterThanOrEqualTo(0);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
