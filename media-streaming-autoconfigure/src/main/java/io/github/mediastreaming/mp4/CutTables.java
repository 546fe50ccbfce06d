package io.github.mediastreaming.mp4;

import io.github.mediastreaming.bytes.BigEndian;

/**
 * The sample tables of a track's kept samples {@code [from, to)}, as segments computed straight from the
 * index while they are written, the way nginx's mp4 module cuts: runs of {@code stts} and {@code ctts}
 * clipped at both ends, renumbered {@code stss}, the source chunks kept (the first and last ones
 * shortened) with their {@code stsc} runs clipped, {@code stsz}, {@code stco}/{@code co64} and
 * {@code sdtp}. Each table's length is known from a few binary searches; no table is ever held whole.
 */
final class CutTables {

	private CutTables() {
	}

	/**
	 * {@code stts} or {@code ctts} entries: the runs that cover {@code [from, to)}, the first and last
	 * clipped.
	 */
	static final class Runs extends Segment.Entries {

		private final RunTable table;

		private final int from;

		private final int to;

		private final int firstRun;

		Runs(RunTable table, int from, int to) {
			super(8, table.runOf(to - 1) - table.runOf(from) + 1);
			this.table = table;
			this.from = from;
			this.to = to;
			this.firstRun = table.runOf(from);
		}

		@Override
		void put(int first, int number, byte[] block, int at) {
			int run = this.firstRun + first;
			long start = this.table.runStart(run);
			for (int i = 0, index = at; i < number; i++, run++, index += 8) {
				long end = start + this.table.runLength(run);
				BigEndian.putInt(block, index, (int) (Math.min(end, this.to) - Math.max(start, this.from)));
				BigEndian.putInt(block, index + 4, (int) this.table.runValue(run));
				start = end;
			}
		}

	}

	/** {@code stss} entries: the sync samples within {@code [from, to)}, numbered from the first kept one. */
	static final class Sync extends Segment.Entries {

		private final SyncSamples sync;

		private final int from;

		private final int firstIndex;

		Sync(SyncSamples sync, int from, int to) {
			super(4, sync.indexAtOrAfter(to) - sync.indexAtOrAfter(from));
			this.sync = sync;
			this.from = from;
			this.firstIndex = sync.indexAtOrAfter(from);
		}

		@Override
		void put(int first, int number, byte[] block, int at) {
			for (int i = first, index = at; i < first + number; i++, index += 4) {
				BigEndian.putInt(block, index, this.sync.sample(this.firstIndex + i) - this.from + 1);
			}
		}

	}

	/**
	 * {@code stsc} entries for the source chunks that hold {@code [from, to)}: the first chunk (shortened
	 * when the cut starts inside it), the source runs of the chunks in between, renumbered, and the last
	 * chunk (shortened when the cut ends inside it).
	 */
	static final class ChunkRuns extends Segment.Entries {

		private final ChunkTable chunks;

		private final int firstChunk;

		private final int lastChunk;

		private final int firstCount;

		private final int lastCount;

		private final int firstMiddleEntry;

		ChunkRuns(ChunkTable chunks, int from, int to) {
			this(chunks, chunks.chunkOf(from), chunks.chunkOf(to - 1), from, to);
		}

		private ChunkRuns(ChunkTable chunks, int firstChunk, int lastChunk, int from, int to) {
			super(12, 1 + middleEntries(chunks, firstChunk, lastChunk) + ((lastChunk > firstChunk) ? 1 : 0));
			this.chunks = chunks;
			this.firstChunk = firstChunk;
			this.lastChunk = lastChunk;
			int firstChunkEnd = chunks.firstSampleOfChunk(firstChunk) + chunks.samplesIn(firstChunk);
			this.firstCount = Math.min(to, firstChunkEnd) - from;
			this.lastCount = to - chunks.firstSampleOfChunk(lastChunk);
			this.firstMiddleEntry = (lastChunk - firstChunk > 1) ? chunks.entryOfChunk(firstChunk + 1) : 0;
		}

		private static int middleEntries(ChunkTable chunks, int firstChunk, int lastChunk) {
			if (lastChunk - firstChunk < 2) {
				return 0;
			}
			return chunks.entryOfChunk(lastChunk - 1) - chunks.entryOfChunk(firstChunk + 1) + 1;
		}

		@Override
		void put(int first, int number, byte[] block, int at) {
			for (int i = first, index = at; i < first + number; i++, index += 12) {
				if (i == 0) {
					entry(block, index, 0, this.firstCount, this.chunks.entryOfChunk(this.firstChunk));
				}
				else if (i == count() - 1 && this.lastChunk > this.firstChunk) {
					entry(block, index, this.lastChunk - this.firstChunk, this.lastCount,
							this.chunks.entryOfChunk(this.lastChunk));
				}
				else {
					int entry = this.firstMiddleEntry + i - 1;
					int chunk = Math.max(this.chunks.entryFirstChunk(entry), this.firstChunk + 1);
					entry(block, index, chunk - this.firstChunk, this.chunks.entrySamplesPerChunk(entry), entry);
				}
			}
		}

		private void entry(byte[] block, int index, int chunk, int samples, int entry) {
			BigEndian.putInt(block, index, chunk + 1);
			BigEndian.putInt(block, index + 4, samples);
			BigEndian.putInt(block, index + 8, this.chunks.entryDescription(entry));
		}

	}

	/** {@code stsz} entries: the kept samples' sizes. */
	static final class Sizes extends Segment.Entries {

		private final SampleSizes sizes;

		private final int from;

		Sizes(SampleSizes sizes, int from, int to) {
			super(4, to - from);
			this.sizes = sizes;
			this.from = from;
		}

		@Override
		void put(int first, int number, byte[] block, int at) {
			this.sizes.putEntries(this.from + first, this.from + first + number, block, at);
		}

	}

	/**
	 * {@code stco} or {@code co64} entries: the source chunks that hold {@code [from, to)}, moved by what
	 * the cut moves the media; the first one starts at the first kept sample.
	 */
	static final class Offsets extends Segment.Entries {

		private final ChunkTable chunks;

		private final int firstChunk;

		private final long firstOffset;

		private final long delta;

		private final boolean wide;

		Offsets(TrackTable table, int from, int to, long delta, boolean wide) {
			super(wide ? 8 : 4, table.chunks().chunkOf(to - 1) - table.chunks().chunkOf(from) + 1);
			this.chunks = table.chunks();
			this.firstChunk = this.chunks.chunkOf(from);
			this.firstOffset = table.offset(from);
			this.delta = delta;
			this.wide = wide;
		}

		@Override
		void put(int first, int number, byte[] block, int at) {
			int rest = first;
			int index = at;
			if (first == 0 && number > 0) {
				// The first chunk starts at the first kept sample, not at its own offset.
				long offset = this.firstOffset + this.delta;
				if (this.wide) {
					BigEndian.putLong(block, index, offset);
				}
				else {
					BigEndian.putInt(block, index, (int) offset);
				}
				rest = 1;
				index += this.wide ? 8 : 4;
			}
			this.chunks.putOffsets(this.firstChunk + rest, this.firstChunk + first + number, this.delta, this.wide, block,
					index);
		}

	}

	/** {@code sdtp} entries: the kept samples' dependency flags. */
	static final class Flags extends Segment.Entries {

		private final DependencyFlags flags;

		private final int from;

		Flags(DependencyFlags flags, int from, int to) {
			super(1, to - from);
			this.flags = flags;
			this.from = from;
		}

		@Override
		void put(int first, int number, byte[] block, int at) {
			for (int i = this.from + first, index = at; i < this.from + first + number; i++, index++) {
				block[index] = (byte) this.flags.flags(i);
			}
		}

	}

}
