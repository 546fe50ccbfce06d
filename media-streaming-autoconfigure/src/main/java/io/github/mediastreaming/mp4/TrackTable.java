package io.github.mediastreaming.mp4;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One track's samples as parallel primitive arrays (index = sample number − 1), plus what the cut and
 * the rewrite need about the track. Validated on construction.
 *
 * @param trackId the track id from {@code tkhd}
 * @param handler the handler type from {@code hdlr}, such as {@code vide} or {@code soun}
 * @param timescale the media timescale (ticks per second) from {@code mdhd}
 * @param editMediaTime the media time at which the track's single (non-empty) edit starts, 0 without one
 * @param editEmptyDuration an initial empty edit's duration in movie ticks, 0 without one
 * @param trakOffset the {@code trak} box's offset within the {@code moov} bytes
 * @param trakSize the {@code trak} box's size
 * @param offsets each sample's file offset
 * @param sizes each sample's size in bytes
 * @param decodeTimes each sample's decode time in media ticks
 * @param durations each sample's duration in media ticks
 * @param compositionOffsets each sample's composition offset, {@code null} without {@code ctts}
 * @param syncSamples the sync samples' indexes (from 0), ascending; {@code null} when every sample is sync
 * @param dependencies each sample's {@code sdtp} byte, {@code null} without {@code sdtp}
 * @param descriptions each sample's sample-description index (from 1), {@code null} when every sample uses
 * the first
 */
public record TrackTable(int trackId, String handler, long timescale, long editMediaTime, long editEmptyDuration,
		int trakOffset, int trakSize, long[] offsets, int[] sizes, long[] decodeTimes, int[] durations,
		int @Nullable [] compositionOffsets, int @Nullable [] syncSamples, byte @Nullable [] dependencies,
		int @Nullable [] descriptions) {

	public TrackTable {
		int count = offsets.length;
		if (sizes.length != count || decodeTimes.length != count || durations.length != count
				|| (descriptions != null && descriptions.length != count) || (compositionOffsets != null && compositionOffsets.length != count)
				|| (dependencies != null && dependencies.length != count)) {
			throw new IllegalArgumentException("Sample arrays of track " + trackId + " differ in length");
		}
		if (timescale <= 0) {
			throw new IllegalArgumentException("Track " + trackId + " has timescale " + timescale);
		}
	}

	/** @return the number of samples */
	int sampleCount() {
		return this.offsets.length;
	}

	/**
	 * Return a sample's sample-description index.
	 * @param sample the sample index
	 * @return the index, from 1
	 */
	int description(int sample) {
		return (this.descriptions != null) ? this.descriptions[sample] : 1;
	}

	/** @return whether this is a video track */
	boolean isVideo() {
		return this.handler.equals("vide");
	}

	/**
	 * Return a sample's presentation time in media ticks, edit list applied.
	 * @param sample the sample index
	 * @return the presentation time (may be negative for samples the edit list hides)
	 */
	long presentationTime(int sample) {
		long composition = (this.compositionOffsets != null) ? this.compositionOffsets[sample] : 0;
		return this.decodeTimes[sample] + composition - this.editMediaTime;
	}

	/**
	 * Return whether a sample is a sync sample.
	 * @param sample the sample index
	 * @return whether decoding can start there
	 */
	boolean isSync(int sample) {
		return this.syncSamples == null || Arrays.binarySearch(this.syncSamples, sample) >= 0;
	}

	/** @return the media duration: the end of the last sample, in media ticks */
	long mediaDuration() {
		int last = this.offsets.length - 1;
		return (last < 0) ? 0 : this.decodeTimes[last] + this.durations[last];
	}

	/** @return roughly the heap the arrays hold */
	long retainedBytes() {
		long perSample = 8 + 4 + 8 + 4 + ((this.descriptions != null) ? 4 : 0)
				+ ((this.compositionOffsets != null) ? 4 : 0)
				+ ((this.dependencies != null) ? 1 : 0);
		long sync = (this.syncSamples != null) ? 4L * this.syncSamples.length : 0;
		return 256 + perSample * sampleCount() + sync;
	}

	/** @return the sum of the sample sizes */
	long totalBytes() {
		long total = 0;
		for (int size : this.sizes) {
			total += size;
		}
		return total;
	}

}
