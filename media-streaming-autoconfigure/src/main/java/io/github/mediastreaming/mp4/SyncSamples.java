package io.github.mediastreaming.mp4;

import java.util.Arrays;

/**
 * A track's sync samples ({@code stss}): the samples decoding can start at, ascending, from 0. Immutable;
 * equal by content.
 */
final class SyncSamples {

	private final int[] samples;

	/**
	 * Create the list.
	 * @param samples sample indexes, strictly ascending; not copied
	 */
	SyncSamples(int[] samples) {
		for (int i = 1; i < samples.length; i++) {
			if (samples[i] <= samples[i - 1]) {
				throw new IllegalArgumentException("Sync samples must ascend");
			}
		}
		this.samples = samples;
	}

	/** @return how many sync samples */
	int count() {
		return this.samples.length;
	}

	/**
	 * @param index the position in the list
	 * @return the sample index
	 */
	int sample(int index) {
		return this.samples[index];
	}

	/**
	 * @param sample a sample index
	 * @return whether it is a sync sample
	 */
	boolean contains(int sample) {
		return Arrays.binarySearch(this.samples, sample) >= 0;
	}

	/**
	 * @param sample a sample index
	 * @return the position of the first sync sample at or after it, {@link #count()} when none
	 */
	int indexAtOrAfter(int sample) {
		int index = Arrays.binarySearch(this.samples, sample);
		return (index >= 0) ? index : -index - 1;
	}

	/** @return the heap this list holds */
	long retainedBytes() {
		return Heap.OBJECT + Heap.array(this.samples.length, 4);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SyncSamples that && Arrays.equals(this.samples, that.samples);
	}

	@Override
	public int hashCode() {
		return this.samples.length;
	}

	@Override
	public String toString() {
		return "SyncSamples[" + this.samples.length + "]";
	}

}
