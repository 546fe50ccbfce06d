package io.github.mediastreaming.mp4;

import java.util.Random;

import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The forward walks indexing uses instead of a search a lookup ({@link RunTable.Counter},
 * {@link ChunkTable.SampleEnds}) and the chunk check of {@link ChunkTable#of}, against their plain
 * definitions on random tables.
 */
class SampleTableWalksTests {

	@Test
	void countingSamplesByDecodeTimeAgreesWithTheSearchForTheFirstSampleAtThatTime() {
		RandomTracks tracks = new RandomTracks(1);
		Random random = new Random(1);
		for (int i = 0; i < 200; i++) {
			RunTable durations = tracks.track(1, true, 1000, 1000).track().durations();
			RunTable.Counter counter = durations.counter();
			assertThat(counter.countBelow(-5)).isZero();
			for (long time = 0; time <= durations.total() + 2; time += random.nextInt(40)) {
				assertThat(counter.countBelow(time)).as("samples before %d", time)
					.isEqualTo(durations.firstSampleAtOrAfter(time));
			}
			assertThat(counter.countBelow(Long.MAX_VALUE)).isEqualTo(durations.sampleCount());
		}
	}

	@Test
	void sampleEndsFoundWalkingForwardAreEachSamplesOffsetPlusItsSize() {
		RandomTracks tracks = new RandomTracks(2);
		Random random = new Random(2);
		for (int i = 0; i < 200; i++) {
			TrackTable track = tracks.track(1, i % 2 == 0, 1000, 1000).track();
			ChunkTable.SampleEnds ends = track.chunks().sampleEnds(track.sizes());
			for (int sample = random.nextInt(3); sample < track.sampleCount(); sample += random.nextInt(5)) {
				assertThat(ends.endOf(sample)).as("end of sample %d", sample).isEqualTo(track.offset(sample) + track.size(sample));
			}
		}
	}

	@Test
	void theChunkCheckFindsTheOrderAndTheChunksAChunkByChunkSumFinds() {
		RandomTracks tracks = new RandomTracks(3);
		for (int i = 0; i < 300; i++) {
			RandomTracks.Tables tables = tracks.track(1, i % 3 != 0, 1000, 1000);
			ChunkTable chunks = tables.track().chunks();
			Expected expected = Expected.of(tables);
			assertThat(chunks.ordered()).isEqualTo(expected.ordered());
			assertThat(chunks.chunkCount()).isEqualTo(expected.usedChunks());
			for (int sample = 0; sample < tables.sizes().length; sample++) {
				assertThat(tables.track().offset(sample)).isEqualTo(expected.sampleOffsets()[sample]);
			}
		}
	}

	@Test
	void aChunkThatEndsOneBytePastTheFileIsRejectedAndOneThatEndsAtItsEndIsKept() throws Exception {
		RandomTracks tracks = new RandomTracks(4);
		for (int i = 0; i < 100; i++) {
			RandomTracks.Tables tables = tracks.track(1, i % 2 == 0, 1000, 1000);
			long end = Expected.of(tables).furthestEnd();
			SampleSizes sizes = tables.track().sizes();
			assertThat(ChunkTable.of(ChunkOffsets.wide(tables.chunkOffsets()), tables.firstChunks(),
					tables.samplesPerChunk(), null, sizes, end).chunkCount()).isPositive();
			assertThatExceptionOfType(MediaFormatException.class)
				.isThrownBy(() -> ChunkTable.of(ChunkOffsets.wide(tables.chunkOffsets()), tables.firstChunks(),
						tables.samplesPerChunk(), null, sizes, end - 1))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TRUNCATED));
		}
	}

	@Test
	void chunksOfOneSampleThatOverlapAreOutOfOrderAndOnesEndToEndAreNot() throws Exception {
		SampleSizes sizes = SampleSizes.table(4, new int[] { 10, 10 });
		assertThat(ChunkTable.of(ChunkOffsets.wide(new long[] { 0, 5 }), new int[] { 0 }, new int[] { 1 }, null, sizes,
				1000).ordered()).isFalse();
		assertThat(ChunkTable.of(ChunkOffsets.wide(new long[] { 0, 10 }), new int[] { 0 }, new int[] { 1 }, null, sizes,
				1000).ordered()).isTrue();
	}

	@Test
	void chunksOfTwoSamplesAreCheckedWholeAndALastChunkOfOneByItself() throws Exception {
		// Five samples in chunks of two: the last chunk holds one, [40, 50).
		SampleSizes sizes = SampleSizes.table(4, new int[] { 10, 10, 10, 10, 10 });
		int[] first = { 0 };
		int[] two = { 2 };
		assertThat(ChunkTable.of(ChunkOffsets.wide(new long[] { 0, 20, 40 }), first, two, null, sizes, 50).ordered())
			.isTrue();
		assertThat(ChunkTable.of(ChunkOffsets.wide(new long[] { 0, 19, 40 }), first, two, null, sizes, 50).ordered())
			.isFalse();
		assertThat(ChunkTable.of(ChunkOffsets.wide(new long[] { 0, 20, 39 }), first, two, null, sizes, 50).ordered())
			.isFalse();
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> ChunkTable.of(ChunkOffsets.wide(new long[] { 0, 20, 40 }), first, two, null, sizes, 49))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TRUNCATED));
	}

	@Test
	void chunksThatHoldFewerSamplesThanTheSizesAreRejected() {
		SampleSizes sizes = SampleSizes.table(4, new int[] { 10, 10, 10, 10, 10 });
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> ChunkTable.of(ChunkOffsets.wide(new long[] { 0, 100 }), new int[] { 0 }, new int[] { 2 },
					null, sizes, 1000))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.MALFORMED));
	}

	/** What a chunk-by-chunk walk finds, written the plain way. */
	private record Expected(boolean ordered, int usedChunks, long[] sampleOffsets, long furthestEnd) {

		static Expected of(RandomTracks.Tables tables) {
			int[] sizes = tables.sizes();
			long[] sampleOffsets = new long[sizes.length];
			boolean ordered = true;
			long previousEnd = 0;
			long furthest = 0;
			int sample = 0;
			int chunk = 0;
			int entries = tables.firstChunks().length;
			for (int entry = 0; entry < entries && sample < sizes.length; entry++) {
				int next = (entry + 1 < entries) ? tables.firstChunks()[entry + 1] : tables.chunkOffsets().length;
				for (chunk = tables.firstChunks()[entry]; chunk < next && sample < sizes.length; chunk++) {
					long offset = tables.chunkOffsets()[chunk];
					furthest = Math.max(furthest, offset);
					int held = Math.min(tables.samplesPerChunk()[entry], sizes.length - sample);
					if (held > 0) {
						ordered &= offset >= previousEnd;
					}
					for (int i = 0; i < held; i++) {
						sampleOffsets[sample] = offset;
						offset += sizes[sample++];
					}
					if (held > 0) {
						previousEnd = offset;
					}
					furthest = Math.max(furthest, offset);
				}
			}
			return new Expected(ordered, chunk, sampleOffsets, furthest);
		}

	}

}
