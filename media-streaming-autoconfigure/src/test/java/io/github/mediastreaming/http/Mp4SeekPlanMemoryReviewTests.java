package io.github.mediastreaming.http;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;

import io.github.mediastreaming.testsupport.CraftedMp4;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of what cached {@code ?start=} plans of an MP4 cost: a plan keeps its rebuilt {@code moov} as
 * segments, a few dozen objects a track, while the plan cache weighs every generated head at 4 KiB. On a
 * file with thousands of tracks (one a client may upload or craft) each distinct start keeps megabytes
 * that the cache's bound does not see, and a few hundred distinct starts exhaust the heap (measured with
 * the sample app: 99 distinct starts on a 9,000-track file kept 1 GB live). Fails on the main branch of
 * 2026-11-30 (8e13f08).
 */
@SpringBootTest(classes = Mp4SeekPlanMemoryReviewTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.cache.seek-plan-memory=1MB" })
class Mp4SeekPlanMemoryReviewTests {

	static final Path ROOT = Fixtures.root("media-plan-memory",
			(root) -> CraftedMp4.write(root.resolve("tracks.mp4"), 2_000, 100_000));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void distinctSeeksOnAFileOfManyTracksKeepNoMoreThanTheSeekPlanMemory() {
		WebTestClient client = Fixtures.client(this.port);
		// Index the file first: its tables are kept once, whatever the seeks.
		client.head().uri("/media/tracks.mp4?start=0.5").exchange().expectStatus().isOk();
		long before = liveHeap();
		for (int second = 1; second <= 40; second++) {
			client.head().uri("/media/tracks.mp4?start=" + second + ".5").exchange().expectStatus().isOk();
		}
		long kept = liveHeap() - before;
		// The cache may keep 1 MB of plans; anything else a seek leaves behind is garbage.
		assertThat(kept).as("heap kept by 40 distinct seeks with a 1 MB seek plan memory")
			.isLessThan(32L * 1024 * 1024);
	}

	private static long liveHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
