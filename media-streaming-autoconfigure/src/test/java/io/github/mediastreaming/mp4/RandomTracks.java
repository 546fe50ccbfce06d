package io.github.mediastreaming.mp4;

import java.util.Arrays;
import java.util.Random;

/**
 * Random but well-formed sample tables, as a file could hold them: runs of durations (some zero), sizes
 * (some zero, or all one size), chunks of zero to four samples (sometimes up to 500) in runs of
 * {@code stsc} entries, chunks holding no sample anywhere in the file, entries past the last sample, and,
 * when asked, chunks written out of sample order. For tests that compare a shortcut with the plain walk it replaces.
 */
final class RandomTracks {

	private final Random random;

	RandomTracks(long seed) {
		this.random = new Random(seed);
	}

	/** The tables of one track, with what built them. */
	record Tables(TrackTable track, int[] sizes, long[] chunkOffsets, int[] firstChunks, int[] samplesPerChunk,
			long fileSize) {

	}

	/**
	 * Make a track.
	 * @param trackId its id
	 * @param inOrder whether its chunks lie in sample order (otherwise two chunks swap places when there
	 * are two)
	 * @param timescale its media timescale
	 * @param movieTimescale the movie's, for an empty edit
	 * @return the tables
	 */
	Tables track(int trackId, boolean inOrder, long timescale, long movieTimescale) {
		return track(trackId, inOrder, timescale, movieTimescale, timescale / 10);
	}

	/**
	 * Make a track.
	 * @param trackId its id
	 * @param inOrder whether its chunks lie in sample order (otherwise two chunks swap places when there
	 * are two)
	 * @param timescale its media timescale
	 * @param movieTimescale the movie's, for an empty edit
	 * @param longestDuration the longest sample duration, in ticks
	 * @return the tables
	 */
	Tables track(int trackId, boolean inOrder, long timescale, long movieTimescale, long longestDuration) {
		int count = 1 + this.random.nextInt(3000);
		// One track in six has samples all of one size (PCM), as stsz can say with a single number.
		boolean constant = this.random.nextInt(6) == 0;
		int[] sizes = new int[count];
		int constantSize = 1 + this.random.nextInt(5000);
		for (int i = 0; i < count; i++) {
			sizes[i] = constant ? constantSize : (this.random.nextInt(10) == 0) ? 0 : this.random.nextInt(5000);
		}
		int[] runs = new int[2 * count];
		int used = 0;
		for (int covered = 0; covered < count;) {
			int length = Math.min(count - covered, 1 + this.random.nextInt(200));
			runs[used++] = length;
			runs[used++] = (this.random.nextInt(8) == 0) ? 0 : this.random.nextInt((int) longestDuration + 1);
			covered += length;
		}
		// At most two entries a sample, and two after the last: an entry of empty chunks never follows
		// another. One track in eight has chunks of up to 500 samples.
		int[] firstChunks = new int[2 * count + 3];
		int[] perChunk = new int[2 * count + 3];
		int mostPerChunk = (this.random.nextInt(8) == 0) ? 500 : 4;
		int entries = 0;
		int chunks = 0;
		for (int covered = 0; covered < count;) {
			boolean empty = (entries == 0 || perChunk[entries - 1] > 0) && this.random.nextInt(10) == 0;
			int samples = empty ? 0 : 1 + this.random.nextInt(mostPerChunk);
			int chunksInEntry = 1 + this.random.nextInt(5);
			firstChunks[entries] = chunks;
			perChunk[entries++] = samples;
			chunks += chunksInEntry;
			covered += samples * chunksInEntry;
		}
		// Sometimes entries past the last sample, as some muxers leave.
		for (int extra = this.random.nextInt(3); extra > 0; extra--) {
			firstChunks[entries] = chunks;
			perChunk[entries++] = 1 + this.random.nextInt(4);
			chunks += 1 + this.random.nextInt(3);
		}
		// Each chunk after the one before it, sometimes with a gap (another track's data); a chunk that
		// holds no sample anywhere in the file.
		long[] offsets = new long[chunks];
		boolean[] holdsNothing = new boolean[chunks];
		long position = 8 + this.random.nextInt(100);
		int sample = 0;
		for (int entry = 0, chunk = 0; entry < entries; entry++) {
			int next = (entry + 1 < entries) ? firstChunks[entry + 1] : chunks;
			for (; chunk < next; chunk++) {
				offsets[chunk] = position;
				holdsNothing[chunk] = perChunk[entry] == 0;
				for (int i = 0; i < perChunk[entry] && sample < count; i++) {
					position += sizes[sample++];
				}
				position += (this.random.nextInt(3) == 0) ? this.random.nextInt(2000) : 0;
			}
		}
		if (!inOrder && chunks > 1) {
			int a = this.random.nextInt(chunks - 1);
			long swap = offsets[a];
			offsets[a] = offsets[chunks - 1];
			offsets[chunks - 1] = swap;
		}
		// Room for a moved chunk's samples.
		long fileSize = position + mostPerChunk * 5000L;
		for (int chunk = 0; chunk < chunks; chunk++) {
			if (holdsNothing[chunk]) {
				offsets[chunk] = this.random.nextLong(fileSize + 1);
			}
		}
		int[] firsts = Arrays.copyOf(firstChunks, entries);
		int[] samplesPerChunk = Arrays.copyOf(perChunk, entries);
		SampleSizes sampleSizes = constant ? SampleSizes.constant(count, constantSize)
				: SampleSizes.table(SampleSizes.widthFor(Arrays.stream(sizes).max().getAsInt()), sizes.clone());
		long editMediaTime = (this.random.nextBoolean()) ? 0 : this.random.nextInt((int) timescale * 2);
		long editEmptyDuration = (this.random.nextBoolean()) ? 0 : this.random.nextInt((int) movieTimescale * 2);
		try {
			ChunkTable chunkTable = ChunkTable.of(ChunkOffsets.wide(offsets.clone()), firsts, samplesPerChunk, null,
					sampleSizes, fileSize);
			TrackTable track = new TrackTable(trackId, (trackId == 1) ? "vide" : "soun", timescale, editMediaTime,
					editEmptyDuration, 0, sampleSizes, new RunTable(Arrays.copyOf(runs, used), false), null, null, chunkTable,
					null, sampleSizes.sum(0, count));
			return new Tables(track, sizes, offsets, firsts, samplesPerChunk, fileSize);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return one of the timescales files use */
	long timescale() {
		long[] scales = { 600, 1000, 24_000, 44_100, 48_000, 90_000 };
		return scales[this.random.nextInt(scales.length)];
	}

}
