package io.github.mediastreaming.mp4;

import java.util.Arrays;

/**
 * A run-length table as {@code stts} and {@code ctts} store it: (sample count, value) runs, eight bytes a
 * run, plus a checkpoint every {@value #RUNS_PER_CHECKPOINT} runs (its first sample and the sum of the
 * values before it) so that a sample's run and time are found by a binary search and a short walk.
 * A constant-frame-rate track is one run whatever its length. Immutable; equal by content.
 */
final class RunTable {

	static final int RUNS_PER_CHECKPOINT = 16;

	private final int[] runs;

	private final boolean signed;

	private final int sampleCount;

	private final int[] checkpointSamples;

	private final long[] checkpointSums;

	/**
	 * Create a table.
	 * @param runs (count, value) pairs, every count positive, the counts summing to at most
	 * {@link Integer#MAX_VALUE}; not copied
	 * @param signed whether values are signed 32-bit ({@code ctts} version 1) rather than unsigned
	 */
	RunTable(int[] runs, boolean signed) {
		if (runs.length % 2 != 0) {
			throw new IllegalArgumentException("Runs come in (count, value) pairs");
		}
		this.runs = runs;
		this.signed = signed;
		int checkpoints = (runCount() + RUNS_PER_CHECKPOINT - 1) / RUNS_PER_CHECKPOINT;
		this.checkpointSamples = new int[checkpoints];
		this.checkpointSums = new long[checkpoints];
		long samples = 0;
		long sum = 0;
		for (int run = 0; run < runCount(); run++) {
			if (runLength(run) <= 0) {
				throw new IllegalArgumentException("Run " + run + " is empty");
			}
			if (run % RUNS_PER_CHECKPOINT == 0) {
				this.checkpointSamples[run / RUNS_PER_CHECKPOINT] = (int) samples;
				this.checkpointSums[run / RUNS_PER_CHECKPOINT] = sum;
			}
			samples += runLength(run);
			sum += runLength(run) * runValue(run);
		}
		if (samples > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("Runs of " + samples + " samples");
		}
		this.sampleCount = (int) samples;
	}

	/**
	 * Return the heap a table of some runs takes, for reserving it before it is read.
	 * @param runs the number of runs
	 * @return bytes
	 */
	static long bytesFor(long runs) {
		long checkpoints = (runs + RUNS_PER_CHECKPOINT - 1) / RUNS_PER_CHECKPOINT;
		return Heap.OBJECT + Heap.array(2 * runs, 4) + Heap.array(checkpoints, 4) + Heap.array(checkpoints, 8);
	}

	/** @return the number of samples the runs cover */
	int sampleCount() {
		return this.sampleCount;
	}

	/** @return the number of runs */
	int runCount() {
		return this.runs.length / 2;
	}

	/**
	 * @param run the run index
	 * @return how many samples the run covers
	 */
	int runLength(int run) {
		return this.runs[2 * run];
	}

	/**
	 * @param run the run index
	 * @return the run's value: a duration, or a composition offset
	 */
	long runValue(int run) {
		int value = this.runs[2 * run + 1];
		return this.signed ? value : value & 0xFFFFFFFFL;
	}

	/**
	 * Return the run a sample lies in.
	 * @param sample the sample, from 0 to {@link #sampleCount()} - 1
	 * @return the run index
	 */
	int runOf(int sample) {
		int checkpoint = checkpointOf(sample);
		int run = checkpoint * RUNS_PER_CHECKPOINT;
		long first = this.checkpointSamples[checkpoint];
		while (sample >= first + runLength(run)) {
			first += runLength(run);
			run++;
		}
		return run;
	}

	/**
	 * Return the first sample of a run.
	 * @param run the run index
	 * @return the sample index
	 */
	int runStart(int run) {
		int checkpoint = run / RUNS_PER_CHECKPOINT;
		int first = this.checkpointSamples[checkpoint];
		for (int r = checkpoint * RUNS_PER_CHECKPOINT; r < run; r++) {
			first += runLength(r);
		}
		return first;
	}

	/**
	 * Return a sample's value.
	 * @param sample the sample
	 * @return the value of its run
	 */
	long valueAt(int sample) {
		return runValue(runOf(sample));
	}

	/**
	 * Return the sum of the values of the samples before one: with {@code stts}, the sample's decode time.
	 * @param sample the sample, from 0 to {@link #sampleCount()}
	 * @return the sum
	 */
	long sumBefore(int sample) {
		if (sample >= this.sampleCount) {
			return total();
		}
		int checkpoint = checkpointOf(sample);
		int run = checkpoint * RUNS_PER_CHECKPOINT;
		long first = this.checkpointSamples[checkpoint];
		long sum = this.checkpointSums[checkpoint];
		while (sample >= first + runLength(run)) {
			first += runLength(run);
			sum += runLength(run) * runValue(run);
			run++;
		}
		return sum + (sample - first) * runValue(run);
	}

	/** @return the sum of every sample's value: with {@code stts}, the track's media duration */
	long total() {
		int last = this.checkpointSums.length - 1;
		if (last < 0) {
			return 0;
		}
		long sum = this.checkpointSums[last];
		for (int run = last * RUNS_PER_CHECKPOINT; run < runCount(); run++) {
			sum += runLength(run) * runValue(run);
		}
		return sum;
	}

	/**
	 * Return the last sample whose {@link #sumBefore(int)} is at or before a value (values must not be
	 * negative).
	 * @param sum the value, a decode time with {@code stts}
	 * @return the sample, -1 when none
	 */
	int lastSampleAtOrBefore(long sum) {
		int low = 0;
		int high = this.sampleCount - 1;
		int found = -1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			if (sumBefore(middle) <= sum) {
				found = middle;
				low = middle + 1;
			}
			else {
				high = middle - 1;
			}
		}
		return found;
	}

	/**
	 * Return the first sample whose {@link #sumBefore(int)} is at or after a value (values must not be
	 * negative).
	 * @param sum the value, a decode time with {@code stts}
	 * @return the sample, {@link #sampleCount()} when none
	 */
	int firstSampleAtOrAfter(long sum) {
		int low = 0;
		int high = this.sampleCount - 1;
		int found = this.sampleCount;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			if (sumBefore(middle) >= sum) {
				found = middle;
				high = middle - 1;
			}
			else {
				low = middle + 1;
			}
		}
		return found;
	}

	/** @return whether any value is negative (a {@code ctts} that needs version 1) */
	boolean anyNegative() {
		for (int run = 0; run < runCount(); run++) {
			if (runValue(run) < 0) {
				return true;
			}
		}
		return false;
	}

	/** @return the heap this table holds */
	long retainedBytes() {
		return Heap.OBJECT + Heap.array(this.runs.length, 4) + Heap.array(this.checkpointSamples.length, 4)
				+ Heap.array(this.checkpointSums.length, 8);
	}

	/**
	 * Return a reader of the values sample after sample, from a sample on.
	 * @param sample the first sample
	 * @return the reader
	 */
	Values values(int sample) {
		return new Values(sample);
	}

	/**
	 * Return a counter of the samples whose {@link #sumBefore(int)} is below values asked in ascending
	 * order: with {@code stts}, the samples that start before a decode time. For a table of non-negative
	 * values (durations), whose sums only grow.
	 * @return the counter
	 */
	Counter counter() {
		return new Counter();
	}

	private int checkpointOf(int sample) {
		int index = Arrays.binarySearch(this.checkpointSamples, sample);
		if (index < 0) {
			return -index - 2;
		}
		// Equal first samples cannot happen (runs are never empty), so this is the run's own checkpoint.
		return index;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RunTable that && this.signed == that.signed && Arrays.equals(this.runs, that.runs);
	}

	@Override
	public int hashCode() {
		return 31 * this.sampleCount + runCount();
	}

	@Override
	public String toString() {
		return "RunTable[" + runCount() + " runs, " + this.sampleCount + " samples]";
	}

	/**
	 * Reads a table's values in sample order without a search per sample, and without reading the table
	 * within a run: indexing walks every sample of a file through one.
	 */
	final class Values {

		private int run;

		private int left;

		/** The current run's value. */
		private long value;

		private Values(int sample) {
			if (sample < RunTable.this.sampleCount) {
				this.run = runOf(sample);
				this.left = runLength(this.run) - (sample - runStart(this.run));
				this.value = runValue(this.run);
			}
			else {
				this.run = runCount();
			}
		}

		/** @return the next sample's value */
		long next() {
			if (this.left == 0) {
				this.run++;
				this.left = runLength(this.run);
				this.value = runValue(this.run);
			}
			this.left--;
			return this.value;
		}

	}

	/**
	 * Counts the samples whose {@link #sumBefore(int)} is below a value, for values asked in ascending
	 * order: one forward walk over the runs whatever the number of values, and arithmetic within a run.
	 */
	final class Counter {

		private int run;

		private long firstSample;

		private long firstSum;

		private Counter() {
		}

		/**
		 * Count the samples whose {@link #sumBefore(int)} is below a value.
		 * @param sum the value, not less than the one asked before
		 * @return the number of samples, from 0 to {@link #sampleCount()}
		 */
		int countBelow(long sum) {
			int runs = runCount();
			// Pass the runs whose every sample is below the value.
			while (this.run < runs
					&& this.firstSum + (runLength(this.run) - 1) * runValue(this.run) < sum) {
				this.firstSample += runLength(this.run);
				this.firstSum += runLength(this.run) * runValue(this.run);
				this.run++;
			}
			if (this.run == runs) {
				return RunTable.this.sampleCount;
			}
			if (sum <= this.firstSum) {
				return (int) this.firstSample;
			}
			// Here the run's value is positive: its first sample is below the value, its last is not.
			long value = runValue(this.run);
			return (int) (this.firstSample + (sum - this.firstSum + value - 1) / value);
		}

	}

}
