package io.github.mediastreaming.index;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Where media time lies in a file's bytes, for pacing by the media's own timeline: a monotone map from a
 * byte offset to the media time that is playable once every byte before that offset has arrived, kept as
 * a few points (about one a second, from a format's own tables: MP4 sample tables, FLV tag timestamps,
 * an MP3 seek table, Ogg granule positions, Matroska cues, WAV arithmetic) with straight lines between
 * them. Immutable; equal by content.
 * <p>
 * Example: a WAV file whose samples start at byte 44 at 16,000 bytes a second is
 * {@code MediaTimeline.linear(44, 44 + 16_000 * 60, 60_000_000)}: byte 16,044 completes the first second.
 */
public final class MediaTimeline {

	private final long[] offsets;

	private final long[] timesUs;

	private MediaTimeline(long[] offsets, long[] timesUs) {
		this.offsets = offsets;
		this.timesUs = timesUs;
	}

	/**
	 * Return a timeline through the given points.
	 * @param offsets byte offsets, ascending, at least two
	 * @param timesUs the media time complete at each offset, not decreasing, from 0
	 * @return the timeline
	 * @throws IllegalArgumentException if the points are not monotone or differ in number
	 */
	public static MediaTimeline of(long[] offsets, long[] timesUs) {
		if (offsets.length != timesUs.length || offsets.length < 2) {
			throw new IllegalArgumentException("A timeline needs two or more points, one time per offset");
		}
		for (int i = 0; i < offsets.length; i++) {
			if (offsets[i] < 0 || timesUs[i] < 0 || (i > 0 && (offsets[i] <= offsets[i - 1] || timesUs[i] < timesUs[i - 1]))) {
				throw new IllegalArgumentException("Timeline point " + i + " is not after the one before it");
			}
		}
		return new MediaTimeline(offsets.clone(), timesUs.clone());
	}

	/**
	 * Return the timeline of constant-rate media between two offsets.
	 * @param startOffset where the media starts (after the headers)
	 * @param endOffset where it ends
	 * @param durationUs its duration
	 * @return the timeline
	 */
	public static MediaTimeline linear(long startOffset, long endOffset, long durationUs) {
		return of(new long[] { startOffset, endOffset }, new long[] { 0, durationUs });
	}

	/**
	 * Return a builder that takes points as a format's tables give them and keeps a valid timeline.
	 * @param maximumPoints the most points kept; past it, every other point is dropped (so a long file
	 * keeps evenly spread points in bounded memory)
	 * @return a builder
	 */
	public static Builder builder(int maximumPoints) {
		return new Builder(maximumPoints);
	}

	/**
	 * Return the media time playable once the bytes before an offset have arrived: 0 before the first
	 * point, the last time after the last one, interpolated between.
	 * @param offset a byte offset of the file
	 * @return microseconds of media
	 */
	public long timeUsAt(long offset) {
		int last = this.offsets.length - 1;
		if (offset <= this.offsets[0]) {
			return this.timesUs[0];
		}
		if (offset >= this.offsets[last]) {
			return this.timesUs[last];
		}
		int i = Arrays.binarySearch(this.offsets, offset);
		if (i >= 0) {
			return this.timesUs[i];
		}
		int next = -i - 1;
		return interpolate(offset, this.offsets[next - 1], this.offsets[next], this.timesUs[next - 1],
				this.timesUs[next]);
	}

	/**
	 * Return the fewest bytes from the start of the file that make media up to a time playable: the
	 * inverse of {@link #timeUsAt(long)}.
	 * @param timeUs microseconds of media
	 * @return a byte offset; the last point's past the last time
	 */
	public long offsetAt(long timeUs) {
		int last = this.timesUs.length - 1;
		if (timeUs <= this.timesUs[0]) {
			return this.offsets[0];
		}
		if (timeUs > this.timesUs[last]) {
			return this.offsets[last];
		}
		// The first point at or after the time (times may repeat: take the earliest offset).
		int low = 0;
		int high = last;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (this.timesUs[middle] < timeUs) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		if (this.timesUs[low] == timeUs) {
			return this.offsets[low];
		}
		long before = this.timesUs[low - 1];
		long after = this.timesUs[low];
		long span = this.offsets[low] - this.offsets[low - 1];
		// Round up: that many bytes are needed, not one fewer.
		return this.offsets[low - 1] + (long) Math.ceil((double) (timeUs - before) * span / (after - before));
	}

	/** @return the media time complete at the last point */
	public long durationUs() {
		return this.timesUs[this.timesUs.length - 1];
	}

	/** @return how many points the timeline holds */
	public int points() {
		return this.offsets.length;
	}

	/** @return roughly the heap this timeline holds */
	public long retainedBytes() {
		return 48 + 16L * this.offsets.length;
	}

	/**
	 * Collects a timeline's points from a format's tables, which real files do not always keep in order:
	 * a point whose offset is not after the last one's raises that point's time instead of adding one, a
	 * point whose time goes back (timestamps reset by a splice) keeps the time reached, and past the
	 * maximum every other point is dropped. Not thread-safe; one per index read.
	 */
	public static final class Builder {

		private final int maximumPoints;

		private long[] offsets = new long[16];

		private long[] timesUs = new long[16];

		private int size;

		private int stride = 1;

		private int skipped;

		private Builder(int maximumPoints) {
			if (maximumPoints < 4) {
				throw new IllegalArgumentException("A timeline needs room for 4 points, not " + maximumPoints);
			}
			this.maximumPoints = maximumPoints;
		}

		/**
		 * Add a point: once the bytes before {@code offset} have arrived, media up to {@code timeUs} plays.
		 * @param offset a byte offset of the file
		 * @param timeUs microseconds of media
		 * @return this builder
		 */
		public Builder add(long offset, long timeUs) {
			if (offset < 0) {
				return this;
			}
			long time = Math.max(0, timeUs);
			if (this.size > 0) {
				long lastTime = this.timesUs[this.size - 1];
				time = Math.max(time, lastTime);
				if (offset <= this.offsets[this.size - 1]) {
					this.timesUs[this.size - 1] = time;
					return this;
				}
				if (++this.skipped < this.stride) {
					// Between kept points of a thinned timeline: dropped (it would not raise the last point's time,
					// which its earlier offset does not complete).
					return this;
				}
			}
			this.skipped = 0;
			if (this.size == this.maximumPoints) {
				thin();
			}
			if (this.size == this.offsets.length) {
				this.offsets = Arrays.copyOf(this.offsets, Math.min(this.maximumPoints, 2 * this.size));
				this.timesUs = Arrays.copyOf(this.timesUs, this.offsets.length);
			}
			this.offsets[this.size] = offset;
			this.timesUs[this.size] = time;
			this.size++;
			return this;
		}

		/** Keep every other point (the first always), and from now on every other point added. */
		private void thin() {
			int kept = 0;
			for (int i = 0; i < this.size; i += 2) {
				this.offsets[kept] = this.offsets[i];
				this.timesUs[kept] = this.timesUs[i];
				kept++;
			}
			this.size = kept;
			this.stride *= 2;
		}

		/**
		 * Return the timeline through the points added, ending with one at the given end.
		 * @param endOffset where the media ends (the file size, or before trailing tags)
		 * @param durationUs the media's duration, complete at that offset
		 * @return the timeline, or {@code null} when fewer than two points are known
		 */
		public @Nullable MediaTimeline build(long endOffset, long durationUs) {
			// The last point is always the end: drop points at or past it and points of a later time.
			while (this.size > 0 && (this.offsets[this.size - 1] >= endOffset || this.timesUs[this.size - 1] > durationUs)) {
				this.size--;
			}
			if (this.size == 0 || durationUs <= 0) {
				return null;
			}
			long[] offsets = Arrays.copyOf(this.offsets, this.size + 1);
			long[] times = Arrays.copyOf(this.timesUs, this.size + 1);
			offsets[this.size] = endOffset;
			times[this.size] = durationUs;
			return new MediaTimeline(offsets, times);
		}

		/** @return the heap the kept points will hold, for a format's index budget */
		public long retainedBytes() {
			return 48 + 16L * this.offsets.length;
		}

	}

	private static long interpolate(long x, long x0, long x1, long y0, long y1) {
		return y0 + (long) ((double) (x - x0) * (y1 - y0) / (x1 - x0));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MediaTimeline timeline && Arrays.equals(this.offsets, timeline.offsets)
				&& Arrays.equals(this.timesUs, timeline.timesUs);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.offsets) + Arrays.hashCode(this.timesUs);
	}

	@Override
	public String toString() {
		return "MediaTimeline[" + this.offsets.length + " points, " + this.durationUs() + " us]";
	}

}
