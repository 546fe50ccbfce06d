package io.github.mediastreaming.mp4;

import java.util.Arrays;

import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Where a track's samples lie, as the file stores it: one offset a chunk ({@code stco}, four bytes, or
 * {@code co64}, eight) and the {@code stsc} runs of chunks with the same number of samples, plus a
 * checkpoint every {@value #ENTRIES_PER_CHECKPOINT} runs (its first sample). A sample's offset is its
 * chunk's plus the sizes of the samples before it in that chunk. Built only by
 * {@link #of(ChunkOffsets, int[], int[], int[], SampleSizes, long)}, which checks that every sample lies
 * within the file. Immutable; equal by content.
 */
final class ChunkTable {

	static final int ENTRIES_PER_CHECKPOINT = 16;

	private final ChunkOffsets offsets;

	private final int[] firstChunks;

	private final int[] samplesPerChunk;

	private final int @Nullable [] descriptions;

	private final int[] checkpointSamples;

	private final int sampleCount;

	private final int usedChunks;

	private final boolean ordered;

	private ChunkTable(ChunkOffsets offsets, int[] firstChunks, int[] samplesPerChunk, int @Nullable [] descriptions,
			int[] checkpointSamples, int sampleCount, int usedChunks, boolean ordered) {
		this.offsets = offsets;
		this.firstChunks = firstChunks;
		this.samplesPerChunk = samplesPerChunk;
		this.descriptions = descriptions;
		this.checkpointSamples = checkpointSamples;
		this.sampleCount = sampleCount;
		this.usedChunks = usedChunks;
		this.ordered = ordered;
	}

	/**
	 * Return the heap the {@code stsc} entries of a table take while they are read (first chunks, samples
	 * per chunk, descriptions) and kept (checkpoints), for reserving them first.
	 * @param entries the {@code stsc} entries a file declares
	 * @return bytes
	 */
	static long entryBytesFor(long entries) {
		long checkpoints = (entries + ENTRIES_PER_CHECKPOINT - 1) / ENTRIES_PER_CHECKPOINT;
		return Heap.OBJECT + 3 * Heap.array(entries, 4) + Heap.array(checkpoints, 4);
	}

	/**
	 * Build and check a track's chunk table: walk the chunks that hold samples once, check that each lies
	 * within the file, and note whether the samples lie in sample order without overlapping (what every
	 * muxer writes, and what finding a sample by its byte offset needs).
	 * @param offsets the chunk offsets
	 * @param firstChunks each {@code stsc} entry's first chunk, from 0, strictly ascending, the first 0,
	 * each before the last chunk
	 * @param samplesPerChunk each entry's samples per chunk
	 * @param descriptions each entry's sample-description index, {@code null} when all are 1
	 * @param sizes the track's sample sizes
	 * @param fileSize the file size
	 * @return the table
	 * @throws MediaFormatException if the chunks hold fewer samples than the sizes, or a sample lies
	 * outside the file
	 */
	static ChunkTable of(ChunkOffsets offsets, int[] firstChunks, int[] samplesPerChunk, int @Nullable [] descriptions,
			SampleSizes sizes, long fileSize) throws MediaFormatException {
		if (firstChunks.length != samplesPerChunk.length || (descriptions != null && descriptions.length != firstChunks.length)
				|| (firstChunks.length > 0 && firstChunks[0] != 0)) {
			throw new IllegalArgumentException("Inconsistent sample-to-chunk entries");
		}
		int count = sizes.count();
		// Each checkpoint is its entry's first sample; entries past the last sample start at the end.
		int[] checkpoints = new int[(firstChunks.length + ENTRIES_PER_CHECKPOINT - 1) / ENTRIES_PER_CHECKPOINT];
		Arrays.fill(checkpoints, count);
		boolean ordered = true;
		long previousEnd = 0;
		int sample = 0;
		int chunk = 0;
		for (int entry = 0; entry < firstChunks.length && sample < count; entry++) {
			int next = (entry + 1 < firstChunks.length) ? firstChunks[entry + 1] : offsets.count();
			if (next <= firstChunks[entry] || next > offsets.count()) {
				throw new IllegalArgumentException("Sample-to-chunk entries must ascend within the chunks");
			}
			if (entry % ENTRIES_PER_CHECKPOINT == 0) {
				checkpoints[entry / ENTRIES_PER_CHECKPOINT] = sample;
			}
			int perChunk = samplesPerChunk[entry];
			if (perChunk == 0) {
				// Chunks that hold no sample: only their offsets to check.
				for (chunk = firstChunks[entry]; chunk < next; chunk++) {
					checkWithin(chunk, offsets.offset(chunk), offsets.offset(chunk), fileSize);
				}
				continue;
			}
			chunk = firstChunks[entry];
			int entryEnd = (int) Math.min(count, sample + (long) (next - chunk) * perChunk);
			if (perChunk == 1) {
				// One sample a chunk (most video): the chunk ends where its sample does.
				for (; sample < entryEnd; chunk++, sample++) {
					long offset = offsets.offset(chunk);
					long end = offset + sizes.size(sample);
					checkWithin(chunk, offset, end, fileSize);
					ordered &= offset >= previousEnd;
					previousEnd = end;
				}
				continue;
			}
			if (sizes.isConstant()) {
				// A chunk at a time (PCM can hold thousands of samples a chunk).
				for (; sample < entryEnd; chunk++) {
					int held = Math.min(perChunk, entryEnd - sample);
					long offset = offsets.offset(chunk);
					long end = offset + (long) held * sizes.constantSize();
					checkWithin(chunk, offset, end, fileSize);
					ordered &= offset >= previousEnd;
					previousEnd = end;
					sample += held;
				}
				continue;
			}
			if (perChunk == 2) {
				// Two samples a chunk (interleaved AAC): a chunk at a time, the last one perhaps short.
				for (; sample + 1 < entryEnd; chunk++, sample += 2) {
					long offset = offsets.offset(chunk);
					long end = offset + sizes.size(sample) + sizes.size(sample + 1);
					checkWithin(chunk, offset, end, fileSize);
					ordered &= offset >= previousEnd;
					previousEnd = end;
				}
				if (sample < entryEnd) {
					long offset = offsets.offset(chunk);
					long end = offset + sizes.size(sample);
					checkWithin(chunk, offset, end, fileSize);
					ordered &= offset >= previousEnd;
					previousEnd = end;
					chunk++;
					sample++;
				}
				continue;
			}
			// Otherwise sample by sample rather than a sum a chunk: most chunks hold a few samples, and a loop
			// set up for each costs more than the sizes it adds.
			long offset = offsets.offset(chunk);
			long end = offset;
			int left = perChunk;
			for (; sample < entryEnd; sample++) {
				end += sizes.size(sample);
				if (--left == 0 || sample + 1 == entryEnd) {
					checkWithin(chunk, offset, end, fileSize);
					ordered &= offset >= previousEnd;
					previousEnd = end;
					chunk++;
					left = perChunk;
					if (sample + 1 < entryEnd) {
						offset = offsets.offset(chunk);
						end = offset;
					}
				}
			}
		}
		if (sample < count) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Chunks hold " + sample + " of " + count + " samples");
		}
		return new ChunkTable(offsets, firstChunks, samplesPerChunk, descriptions, checkpoints, count,
				(count > 0) ? chunk : 0, ordered);
	}

	private static void checkWithin(int chunk, long offset, long end, long fileSize) throws MediaFormatException {
		if (offset < 0 || end < offset || end > fileSize) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED,
					"Chunk " + (chunk + 1) + " lies past the end of the file");
		}
	}

	/** @return the number of chunks that hold samples */
	int chunkCount() {
		return this.usedChunks;
	}

	/**
	 * @param chunk the chunk index, from 0
	 * @return its file offset
	 */
	long chunkOffset(int chunk) {
		return this.offsets.offset(chunk);
	}

	/**
	 * Write the offsets of chunks {@code [from, to)}, each moved by {@code delta}, as {@code stco} or
	 * {@code co64} entries.
	 * @param from the first chunk
	 * @param to one past the last chunk
	 * @param delta what each offset moves by
	 * @param wide whether to write eight-byte entries
	 * @param block where to write
	 * @param at the first entry's offset in {@code block}
	 */
	void putOffsets(int from, int to, long delta, boolean wide, byte[] block, int at) {
		this.offsets.putEntries(from, to, delta, wide, block, at);
	}

	/** @return whether the samples lie in the file in sample order, without overlapping */
	boolean ordered() {
		return this.ordered;
	}

	/** @return the number of {@code stsc} entries */
	int entryCount() {
		return this.firstChunks.length;
	}

	/**
	 * @param entry the entry index
	 * @return its first chunk, from 0
	 */
	int entryFirstChunk(int entry) {
		return this.firstChunks[entry];
	}

	/**
	 * @param entry the entry index
	 * @return its samples per chunk
	 */
	int entrySamplesPerChunk(int entry) {
		return this.samplesPerChunk[entry];
	}

	/**
	 * @param entry the entry index
	 * @return its sample-description index, from 1
	 */
	int entryDescription(int entry) {
		return (this.descriptions != null) ? this.descriptions[entry] : 1;
	}

	/**
	 * @param chunk a chunk index
	 * @return the {@code stsc} entry it belongs to
	 */
	int entryOfChunk(int chunk) {
		int index = Arrays.binarySearch(this.firstChunks, chunk);
		return (index >= 0) ? index : -index - 2;
	}

	/**
	 * @param chunk a chunk that holds samples
	 * @return its first sample
	 */
	int firstSampleOfChunk(int chunk) {
		int entry = entryOfChunk(chunk);
		return (int) Math.min(this.sampleCount,
				entryFirstSample(entry) + (long) (chunk - this.firstChunks[entry]) * this.samplesPerChunk[entry]);
	}

	/**
	 * @param chunk a chunk that holds samples
	 * @return how many of the track's samples it holds
	 */
	int samplesIn(int chunk) {
		return (int) Math.min(this.samplesPerChunk[entryOfChunk(chunk)],
				(long) this.sampleCount - firstSampleOfChunk(chunk));
	}

	/**
	 * @param sample a sample index
	 * @return the chunk that holds it
	 */
	int chunkOf(int sample) {
		int checkpoint = Arrays.binarySearch(this.checkpointSamples, sample);
		checkpoint = (checkpoint >= 0) ? checkpoint : -checkpoint - 2;
		int entry = checkpoint * ENTRIES_PER_CHECKPOINT;
		long first = this.checkpointSamples[checkpoint];
		while (entry + 1 < this.firstChunks.length) {
			long next = first + (long) chunksIn(entry) * this.samplesPerChunk[entry];
			if (next > sample) {
				break;
			}
			first = next;
			entry++;
		}
		return this.firstChunks[entry] + (int) ((sample - first) / this.samplesPerChunk[entry]);
	}

	/**
	 * Return a sample's file offset.
	 * @param sample the sample index
	 * @param sizes the track's sample sizes
	 * @return the offset
	 */
	long sampleOffset(int sample, SampleSizes sizes) {
		int chunk = chunkOf(sample);
		return chunkOffset(chunk) + sizes.sum(firstSampleOfChunk(chunk), sample);
	}

	/**
	 * Return a reader of where samples end, for samples asked in ascending order.
	 * @param sizes the track's sample sizes
	 * @return the reader
	 */
	SampleEnds sampleEnds(SampleSizes sizes) {
		return new SampleEnds(sizes);
	}

	/**
	 * Return the last chunk that starts at or before a file offset, for a table that is
	 * {@link #ordered()}.
	 * @param offset a file offset
	 * @return the chunk, -1 when every chunk starts after it
	 */
	int lastChunkAtOrBefore(long offset) {
		int low = 0;
		int high = this.usedChunks - 1;
		int found = -1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			if (chunkOffset(middle) <= offset) {
				found = middle;
				low = middle + 1;
			}
			else {
				high = middle - 1;
			}
		}
		return found;
	}

	private long entryFirstSample(int entry) {
		int checkpoint = entry / ENTRIES_PER_CHECKPOINT;
		long first = this.checkpointSamples[checkpoint];
		for (int e = checkpoint * ENTRIES_PER_CHECKPOINT; e < entry; e++) {
			first = Math.min(this.sampleCount, first + (long) chunksIn(e) * this.samplesPerChunk[e]);
		}
		return first;
	}

	private int chunksIn(int entry) {
		int next = (entry + 1 < this.firstChunks.length) ? this.firstChunks[entry + 1] : this.offsets.count();
		return next - this.firstChunks[entry];
	}

	/** @return the heap this table holds */
	long retainedBytes() {
		return Heap.OBJECT + this.offsets.retainedBytes() + Heap.array(this.firstChunks.length, 4)
				+ Heap.array(this.samplesPerChunk.length, 4)
				+ ((this.descriptions != null) ? Heap.array(this.descriptions.length, 4) : 0)
				+ Heap.array(this.checkpointSamples.length, 4);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ChunkTable that && this.sampleCount == that.sampleCount
				&& this.offsets.equals(that.offsets) && Arrays.equals(this.firstChunks, that.firstChunks)
				&& Arrays.equals(this.samplesPerChunk, that.samplesPerChunk)
				&& Arrays.equals(this.descriptions, that.descriptions);
	}

	@Override
	public int hashCode() {
		return 31 * this.offsets.hashCode() + this.firstChunks.length;
	}

	@Override
	public String toString() {
		return "ChunkTable[" + this.usedChunks + " chunks, " + this.firstChunks.length + " runs]";
	}

	/**
	 * Finds where samples end (their chunk's offset plus the sizes up to and including them), for samples
	 * asked in ascending order: one forward walk over the sample-to-chunk entries, and within a chunk over
	 * its sizes, whatever the number of samples asked, rather than a search for each. (A crafted file can
	 * put millions of samples in one chunk: summing each from the chunk's start would cost millions a
	 * sample asked.)
	 */
	final class SampleEnds {

		private final SampleSizes sizes;

		private int entry;

		private long entryFirstSample;

		/** The chunk of the last sample asked, -1 before the first. */
		private int chunk = -1;

		/** One past the last sample asked. */
		private int summedTo;

		/** Where the last sample asked ends. */
		private long end;

		private SampleEnds(SampleSizes sizes) {
			this.sizes = sizes;
		}

		/**
		 * Return where a sample ends.
		 * @param sample a sample of the table, not before the one asked before
		 * @return the file offset one past its last byte
		 */
		long endOf(int sample) {
			int[] firsts = ChunkTable.this.firstChunks;
			int[] perChunk = ChunkTable.this.samplesPerChunk;
			while (this.entry + 1 < firsts.length) {
				long next = this.entryFirstSample + (long) chunksIn(this.entry) * perChunk[this.entry];
				if (next > sample) {
					break;
				}
				this.entryFirstSample = next;
				this.entry++;
			}
			int chunk = firsts[this.entry] + (int) ((sample - this.entryFirstSample) / perChunk[this.entry]);
			if (chunk == this.chunk) {
				this.end += this.sizes.sum(this.summedTo, sample + 1);
			}
			else {
				long chunkFirstSample = this.entryFirstSample + (long) (chunk - firsts[this.entry]) * perChunk[this.entry];
				this.chunk = chunk;
				this.end = chunkOffset(chunk) + this.sizes.sum((int) chunkFirstSample, sample + 1);
			}
			this.summedTo = sample + 1;
			return this.end;
		}

	}

}
