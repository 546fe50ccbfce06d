package io.github.mediastreaming.mp4;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Track tables built from per-sample values, as a file with one sample a chunk would store them, for
 * tests of the arithmetic without a file.
 */
final class TestTracks {

	private TestTracks() {
	}

	/**
	 * Return a track of samples of one size and one duration, one after the other in the file from an
	 * offset.
	 */
	static TrackTable contiguous(int trackId, String handler, long timescale, long editMediaTime,
			long editEmptyDuration, int count, long firstOffset, int size, int duration, int @Nullable [] sync) {
		long[] offsets = new long[count];
		int[] sizes = new int[count];
		int[] durations = new int[count];
		for (int i = 0; i < count; i++) {
			offsets[i] = firstOffset + (long) size * i;
			sizes[i] = size;
			durations[i] = duration;
		}
		return track(trackId, handler, timescale, editMediaTime, editEmptyDuration, offsets, sizes, durations, sync);
	}

	static TrackTable track(int trackId, String handler, long timescale, long editMediaTime, long editEmptyDuration,
			long[] offsets, int[] sizes, int[] durations, int @Nullable [] sync) {
		int count = sizes.length;
		int[] runs = new int[2 * count];
		int used = 0;
		for (int i = 0; i < count; i++) {
			if (used > 0 && runs[used - 1] == durations[i]) {
				runs[used - 2]++;
			}
			else {
				runs[used++] = 1;
				runs[used++] = durations[i];
			}
		}
		long end = 0;
		for (int i = 0; i < count; i++) {
			end = Math.max(end, offsets[i] + sizes[i]);
		}
		SampleSizes sampleSizes = SampleSizes.table(4, sizes.clone());
		try {
			ChunkTable chunks = ChunkTable.of(ChunkOffsets.wide(offsets.clone()), (count > 0) ? new int[] { 0 } : new int[0],
					(count > 0) ? new int[] { 1 } : new int[0], null, sampleSizes, end);
			return new TrackTable(trackId, handler, timescale, editMediaTime, editEmptyDuration, 0, sampleSizes,
					new RunTable(Arrays.copyOf(runs, used), false), null, (sync != null) ? new SyncSamples(sync) : null,
					chunks, null, sampleSizes.sum(0, count));
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
