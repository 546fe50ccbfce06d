package io.github.mediastreaming.mp4;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.github.mediastreaming.bytes.FileMediaSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An MP4 reader that offers further tracks' tables to an executor builds the same index as one that reads
 * them all itself, whether the executor runs them, never starts them or refuses them.
 */
class Mp4TracksSideBySideTests {

	private static final String[] FIXTURES = { "twoaudio.mp4", "faststart.mp4", "moovend.mp4", "bframes.mp4",
			"delayed.mp4", "audio.m4a" };

	@Test
	void tracksReadByAPoolGiveTheIndexOneThreadGives() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			assertSameIndexes(new Mp4IndexReader(pool));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void tracksAnExecutorNeverStartsAreReadByTheIndexingThread() throws Exception {
		List<Runnable> queued = new ArrayList<>();
		assertSameIndexes(new Mp4IndexReader(queued::add));
		assertThat(queued).isNotEmpty();
	}

	@Test
	void tracksAnExecutorRefusesAreReadByTheIndexingThread() throws Exception {
		Executor refusing = (work) -> {
			throw new RejectedExecutionException("saturated");
		};
		assertSameIndexes(new Mp4IndexReader(refusing));
	}

	private static void assertSameIndexes(Mp4IndexReader reader) throws Exception {
		for (String name : FIXTURES) {
			for (int i = 0; i < 3; i++) {
				assertThat(read(reader, name)).as(name).isEqualTo(read(new Mp4IndexReader(), name));
			}
		}
	}

	private static Mp4Index read(Mp4IndexReader reader, String name) throws Exception {
		try (FileMediaSource source = FileMediaSource.open(Mp4FixturesTests.fixture(name))) {
			return (Mp4Index) reader.read(source).seeker();
		}
	}

}
