package io.github.mediastreaming.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.ParanoidLeakDetection;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every way a response can end releases every buffer it held: clients that hang up in the middle of
 * paced, seeked, ranged and zero-copy bodies, and bodies that complete. Netty's leak detector runs at
 * its paranoid level (every buffer tracked) and reports a buffer that was garbage collected without
 * being released; the test fails on any report. Tagged {@code buffer-leak}, it runs in a JVM of its own
 * (see the module's POM), where no other test's leftovers can be reported during it.
 */
@Tag("buffer-leak")
@ExtendWith({ OutputCaptureExtension.class, ParanoidLeakDetection.class })
@SpringBootTest(classes = BufferLeakTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.rules[0].pattern=/media/downloads/**",
				"media.streaming.rules[0].auto-rate=false" })
class BufferLeakTests {

	static final Path ROOT = createRoot();

	@LocalServerPort
	int port;

	@Autowired
	StreamRegistry streams;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void hangUpsAndCompletedStreamsLeaveNoUnreleasedBuffer(CapturedOutput output) throws Exception {
		String[] none = {};
		for (int round = 0; round < 3; round++) {
			RawHttp.hangUpAfter(this.port, "/media/tone.mp3", none, 2000);
			RawHttp.hangUpAfter(this.port, "/media/tone.mp3?start=5", none, 2000);
			RawHttp.hangUpAfter(this.port, "/media/movie.mp4?start=3", none, 2000);
			RawHttp.hangUpAfter(this.port, "/media/moovend.mp4", none, 2000);
			RawHttp.hangUpAfter(this.port, "/media/movie.mp4", new String[] { "Range: bytes=1000-" }, 2000);
			RawHttp.hangUpAfter(this.port, "/media/downloads/big.bin", none, 2000);
			RawHttp.hangUpAfter(this.port, "/media/downloads/tone.mp3?start=2", none, 2000);
			// Complete bodies, read by plain sockets so that only the server allocates Netty buffers.
			assertThat(RawHttp.get(this.port, "/media/downloads/tone.mp3?start=3").status()).isEqualTo(200);
			assertThat(RawHttp.get(this.port, "/media/movie.mp4?start=1&end=2", "Range: bytes=0-999").status())
				.isEqualTo(206);
			assertThat(RawHttp.get(this.port, "/media/tone.mp3?start=abc").status()).isEqualTo(400);
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.streams.size()).isZero());
		// A leak is reported when a tracked buffer has been collected and another buffer is allocated.
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(100);
			assertThat(RawHttp.get(this.port, "/media/downloads/tone.mp3?start=1&end=2").status()).isEqualTo(200);
		}
		assertThat(output.getAll()).doesNotContain("LEAK:");
	}

	private static Path createRoot() {
		return Fixtures.root("media-leaks", (root) -> {
			Fixtures.copy(root, "mp3/cbr.mp3", "tone.mp3");
			Fixtures.copy(root, "mp4/bframes.mp4", "movie.mp4");
			Fixtures.copy(root, "mp4/moovend.mp4", "moovend.mp4");
			Path downloads = Files.createDirectories(root.resolve("downloads"));
			Files.copy(Fixtures.media("mp3/cbr.mp3"), downloads.resolve("tone.mp3"));
			Files.write(downloads.resolve("big.bin"), new byte[32 << 20]);
		});
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
