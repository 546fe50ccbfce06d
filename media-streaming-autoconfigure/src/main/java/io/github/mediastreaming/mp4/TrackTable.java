package io.github.mediastreaming.mp4;

import org.jspecify.annotations.Nullable;

/**
 * One track's sample tables, kept close to their form in the file (about 4.9 bytes a sample for a
 * typical H.264/AAC movie, against 28 when every sample's offset, size, time and duration were
 * expanded), with what the cut and the rewrite need to know about the track. Every lookup is a binary
 * search and a short walk. Immutable; equal by content.
 *
 * @param trackId the track id from {@code tkhd}
 * @param handler the handler type from {@code hdlr}, such as {@code vide} or {@code soun}
 * @param timescale the media timescale (ticks per second) from {@code mdhd}
 * @param editMediaTime the media time at which the track's single (non-empty) edit starts, 0 without one
 * @param editEmptyDuration an initial empty edit's duration in movie ticks, 0 without one
 * @param editDuration the duration of the track's edit in movie ticks when it is the last of the edit list
 * (the track is shown only that long: a trimmed export), 0 to show the media to its end
 * @param sizes the sample sizes
 * @param durations the sample durations ({@code stts})
 * @param compositions the composition offsets ({@code ctts}), {@code null} without B-frames
 * @param sync the sync samples ({@code stss}), {@code null} when every sample is one
 * @param chunks where the samples lie ({@code stsc}, {@code stco}/{@code co64})
 * @param dependencies the {@code sdtp} flags, {@code null} without {@code sdtp}
 * @param totalBytes the sum of the sample sizes
 */
record TrackTable(int trackId, String handler, long timescale, long editMediaTime, long editEmptyDuration,
		long editDuration,
		SampleSizes sizes, RunTable durations, @Nullable CompositionOffsets compositions, @Nullable SyncSamples sync,
		ChunkTable chunks, @Nullable DependencyFlags dependencies, long totalBytes) {

	public TrackTable {
		int count = sizes.count();
		if (durations.sampleCount() != count || (compositions != null && compositions.runs().sampleCount() != count)) {
			throw new IllegalArgumentException("Sample tables of track " + trackId + " differ in length");
		}
		if (timescale <= 0) {
			throw new IllegalArgumentException("Track " + trackId + " has timescale " + timescale);
		}
	}

	/** @return the number of samples */
	int sampleCount() {
		return this.sizes.count();
	}

	/** @return whether this is a video track */
	boolean isVideo() {
		return this.handler.equals("vide");
	}

	/**
	 * @param sample the sample index, from 0
	 * @return its size in bytes
	 */
	int size(int sample) {
		return this.sizes.size(sample);
	}

	/**
	 * @param sample the sample index
	 * @return its file offset
	 */
	long offset(int sample) {
		return this.chunks.sampleOffset(sample, this.sizes);
	}

	/**
	 * @param sample the sample index, up to {@link #sampleCount()}
	 * @return its decode time in media ticks (the end of the last sample for {@link #sampleCount()})
	 */
	long decodeTime(int sample) {
		return this.durations.sumBefore(sample);
	}

	/**
	 * @param sample the sample index
	 * @return its duration in media ticks
	 */
	long duration(int sample) {
		return this.durations.valueAt(sample);
	}

	/**
	 * Return a sample's presentation time in media ticks, edit list applied.
	 * @param sample the sample index
	 * @return the presentation time (may be negative for samples the edit list hides)
	 */
	long presentationTime(int sample) {
		long composition = (this.compositions != null) ? this.compositions.offset(sample) : 0;
		return decodeTime(sample) + composition - this.editMediaTime;
	}

	/**
	 * Return whether a sample is a sync sample.
	 * @param sample the sample index
	 * @return whether decoding can start there
	 */
	boolean isSync(int sample) {
		return this.sync == null || this.sync.contains(sample);
	}

	/** @return the media duration: the end of the last sample, in media ticks */
	long mediaDuration() {
		return this.durations.total();
	}

	/**
	 * Return where the last frame shown among samples {@code [from, to)} ends, in media ticks before the
	 * edit list: with B-frames, later than the end of the last frame decoded.
	 * @param from the first sample
	 * @param to one past the last sample, after {@code from}
	 * @return the end
	 */
	long presentationEnd(int from, int to) {
		long decodeEnd = decodeTime(to);
		return (this.compositions != null) ? Math.max(decodeEnd, this.compositions.presentationEnd(from, to, this.durations))
				: decodeEnd;
	}

	/**
	 * Return the file bytes samples {@code [from, to)} span: from the first byte of any of them to one past
	 * the last.
	 * @param from the first sample
	 * @param to one past the last sample, after {@code from}
	 * @return {first, end}
	 */
	long[] span(int from, int to) {
		if (this.chunks.ordered()) {
			return new long[] { offset(from), offset(to - 1) + size(to - 1) };
		}
		long first = Long.MAX_VALUE;
		long end = 0;
		int chunk = this.chunks.chunkOf(from);
		int sample = from;
		long offset = offset(from);
		while (sample < to) {
			int chunkEnd = Math.min(to, this.chunks.firstSampleOfChunk(chunk) + this.chunks.samplesIn(chunk));
			long bytes = this.sizes.sum(sample, chunkEnd);
			if (bytes > 0) {
				first = Math.min(first, offset);
				end = Math.max(end, offset + bytes);
			}
			sample = chunkEnd;
			chunk++;
			offset = (chunk < this.chunks.chunkCount()) ? this.chunks.chunkOffset(chunk) : 0;
		}
		return new long[] { Math.min(first, end), end };
	}

	/** @return the heap these tables hold */
	long retainedBytes() {
		return 2 * Heap.OBJECT + this.sizes.retainedBytes() + this.durations.retainedBytes()
				+ ((this.compositions != null) ? this.compositions.retainedBytes() : 0)
				+ ((this.sync != null) ? this.sync.retainedBytes() : 0) + this.chunks.retainedBytes()
				+ ((this.dependencies != null) ? this.dependencies.retainedBytes() : 0);
	}

}
