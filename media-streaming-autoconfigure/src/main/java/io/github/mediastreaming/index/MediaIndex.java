package io.github.mediastreaming.index;

import org.jspecify.annotations.Nullable;

/**
 * What the server knows about one version of a media file.
 *
 * @param sizeBytes the file size the index was built from
 * @param durationUs the media duration in microseconds, 0 when unknown
 * @param declaredBitrate the bitrate the container declares (bits/s), 0 when it declares none
 * @param seeker how to serve {@code ?start=} requests, {@code null} when the format cannot seek
 * @param timeline where media time lies in the file's bytes, for pacing by the media's own timeline;
 * {@code null} when the format's tables give none (the file is then paced at its average rate)
 */
public record MediaIndex(long sizeBytes, long durationUs, long declaredBitrate, @Nullable MediaSeeker seeker,
		@Nullable MediaTimeline timeline) {

	/**
	 * Create an index without a timeline.
	 * @param sizeBytes the file size the index was built from
	 * @param durationUs the media duration in microseconds, 0 when unknown
	 * @param declaredBitrate the bitrate the container declares (bits/s), 0 when it declares none
	 * @param seeker how to serve {@code ?start=} requests, {@code null} when the format cannot seek
	 */
	public MediaIndex(long sizeBytes, long durationUs, long declaredBitrate, @Nullable MediaSeeker seeker) {
		this(sizeBytes, durationUs, declaredBitrate, seeker, null);
	}

	public MediaIndex {
		if (sizeBytes < 0 || durationUs < 0 || declaredBitrate < 0) {
			throw new IllegalArgumentException(
					"Negative size, duration or bitrate: " + sizeBytes + ", " + durationUs + ", " + declaredBitrate);
		}
	}

	/**
	 * Return the bitrate to pace at, in bits/s: the larger of the declared bitrate and the average
	 * {@code size / duration}, as the original handler did (a declared bitrate can be low for files with
	 * large headers or variable rates; the average never under-serves the whole file).
	 * @return bits per second, 0 when neither is known
	 */
	public long bitrate() {
		if (this.durationUs <= 0) {
			return this.declaredBitrate;
		}
		long average = (long) (this.sizeBytes * 8.0 * 1_000_000 / this.durationUs);
		return Math.max(this.declaredBitrate, average);
	}

	/**
	 * Return the duration in seconds.
	 * @return seconds, 0 when unknown
	 */
	public double durationSeconds() {
		return this.durationUs / 1_000_000.0;
	}

	/**
	 * Return roughly how much heap this index holds, for a cache bounded by memory.
	 * @return an estimate in bytes
	 */
	public long retainedBytes() {
		return 96 + ((this.seeker != null) ? this.seeker.retainedBytes() : 0)
				+ ((this.timeline != null) ? this.timeline.retainedBytes() : 0);
	}

	/**
	 * Return whether {@code ?start=} is supported for this file.
	 * @return {@code true} when a seeker is present
	 */
	public boolean seekable() {
		return this.seeker != null;
	}

}
