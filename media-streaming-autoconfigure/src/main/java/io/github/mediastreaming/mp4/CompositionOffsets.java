package io.github.mediastreaming.mp4;

import java.util.Arrays;

/**
 * A track's composition offsets ({@code ctts}, B-frames) as runs, plus where presentation ends within each
 * block of {@value #BLOCK} samples, so that the end of the last frame shown by a range of samples (later
 * than the end of the last frame decoded) is found without reading every sample of the range.
 * Immutable; equal by content.
 */
final class CompositionOffsets {

	static final int BLOCK = 256;

	private final RunTable offsets;

	private final long[] blockEnds;

	private final boolean negative;

	private CompositionOffsets(RunTable offsets, long[] blockEnds) {
		this.offsets = offsets;
		this.blockEnds = blockEnds;
		this.negative = offsets.anyNegative();
	}

	/**
	 * Return the heap the block ends of a track take, for reserving them before they are computed.
	 * @param samples the track's samples
	 * @return bytes
	 */
	static long blockBytesFor(long samples) {
		return Heap.array((samples + BLOCK - 1) / BLOCK, 8);
	}

	/**
	 * Index a track's composition offsets.
	 * @param offsets the offsets, covering every sample
	 * @param durations the track's sample durations
	 * @return the table
	 */
	static CompositionOffsets of(RunTable offsets, RunTable durations) {
		int count = offsets.sampleCount();
		long[] ends = new long[(count + BLOCK - 1) / BLOCK];
		Arrays.fill(ends, Long.MIN_VALUE);
		RunTable.Values offset = offsets.values(0);
		RunTable.Values duration = durations.values(0);
		long decode = 0;
		for (int sample = 0; sample < count; sample++) {
			long length = duration.next();
			ends[sample / BLOCK] = Math.max(ends[sample / BLOCK], decode + offset.next() + length);
			decode += length;
		}
		return new CompositionOffsets(offsets, ends);
	}

	/** @return the runs, as {@code ctts} stores them */
	RunTable runs() {
		return this.offsets;
	}

	/** @return whether any offset is negative, so that a {@code ctts} holding them needs version 1 */
	boolean anyNegative() {
		return this.negative;
	}

	/**
	 * @param sample the sample index
	 * @return its composition offset in media ticks
	 */
	long offset(int sample) {
		return this.offsets.valueAt(sample);
	}

	/**
	 * Return where the last frame shown among samples {@code [from, to)} ends: the latest decode time plus
	 * composition offset plus duration.
	 * @param from the first sample
	 * @param to one past the last sample, after {@code from}
	 * @param durations the track's sample durations
	 * @return the end in media ticks, before any edit list
	 */
	long presentationEnd(int from, int to, RunTable durations) {
		long end = Long.MIN_VALUE;
		int sample = from;
		while (sample < to) {
			int block = sample / BLOCK;
			int blockEnd = Math.min(to, (block + 1) * BLOCK);
			if (sample == block * BLOCK && blockEnd == (block + 1) * BLOCK) {
				end = Math.max(end, this.blockEnds[block]);
			}
			else {
				end = Math.max(end, scan(sample, blockEnd, durations));
			}
			sample = blockEnd;
		}
		return end;
	}

	private long scan(int from, int to, RunTable durations) {
		RunTable.Values offset = this.offsets.values(from);
		RunTable.Values duration = durations.values(from);
		long decode = durations.sumBefore(from);
		long end = Long.MIN_VALUE;
		for (int sample = from; sample < to; sample++) {
			long length = duration.next();
			end = Math.max(end, decode + offset.next() + length);
			decode += length;
		}
		return end;
	}

	/** @return the heap this table holds */
	long retainedBytes() {
		return Heap.OBJECT + this.offsets.retainedBytes() + Heap.array(this.blockEnds.length, 8);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CompositionOffsets that && this.offsets.equals(that.offsets);
	}

	@Override
	public int hashCode() {
		return this.offsets.hashCode();
	}

	@Override
	public String toString() {
		return "CompositionOffsets[" + this.offsets + "]";
	}

}
