package io.github.mediastreaming.mp4;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.ProbeFailure;
import io.github.mediastreaming.testsupport.CraftedMp4;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * MP4 files whose tables declare far more samples than an index may hold: the reader refuses them
 * before allocating, within a heap far smaller than what they ask for (the test JVM's heap is 1 GB; the
 * first file would need over half of it).
 */
class HostileMp4Tests {

	@TempDir
	Path folder;

	@Test
	void twentyMillionOneByteSamplesAreRefusedBeforeAnyAllocation() throws Exception {
		assertTooLarge(crafted(1, 20_000_000), IndexBudget.ofDefault());
	}

	@Test
	void fourTracksOfFiveMillionSamplesInFiveMegabytesAreRefused() throws Exception {
		assertTooLarge(crafted(4, 5_000_000), IndexBudget.ofDefault());
	}

	@Test
	void sixMillionSamplesInSixMegabytesAreRefused() throws Exception {
		assertTooLarge(crafted(1, 6_000_000), IndexBudget.ofDefault());
	}

	@Test
	void theBudgetCountsEveryTrackTogether() throws Exception {
		// Each track's samples cost 28 MB: room for three tracks is not room for four.
		Path file = crafted(4, 1_000_000);
		assertThat(read(file, IndexBudget.of(4 * 28_000_000L + 1_000_000)).durationUs()).isPositive();
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> read(file, IndexBudget.of(3 * 28_000_000L + 1_000_000)))
			.withMessageContaining("samples in track 4");
	}

	@Test
	void aCraftedFileWithinTheBudgetIsIndexed() throws Exception {
		MediaIndex index = read(crafted(1, 100_000), IndexBudget.ofDefault());
		assertThat(index.durationUs()).isEqualTo(100_000_000);
		assertThat(index.seekable()).isTrue();
	}

	@Test
	void aRealMovieFitsItsOwnEstimate() throws Exception {
		Path movie = Fixtures.media("mp4/faststart.mp4");
		MediaIndex index = read(movie, IndexBudget.ofDefault());
		IndexBudget tight = IndexBudget.of(index.retainedBytes() * 2);
		assertThat(read(movie, tight).durationUs()).isEqualTo(index.durationUs());
	}

	private Path crafted(int tracks, long samples) throws Exception {
		Path file = this.folder.resolve("crafted-" + tracks + "x" + samples + ".mp4");
		CraftedMp4.write(file, tracks, samples);
		assertThat(Files.size(file)).isGreaterThan(samples);
		return file;
	}

	private static MediaIndex read(Path file, IndexBudget budget) throws Exception {
		try (FileMediaSource source = FileMediaSource.open(file)) {
			return new Mp4IndexReader().read(source, budget);
		}
	}

	private static void assertTooLarge(Path file, IndexBudget budget) {
		assertThatExceptionOfType(MediaFormatException.class).isThrownBy(() -> read(file, budget))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TOO_LARGE))
			.withMessageContaining("samples in track");
	}

}
