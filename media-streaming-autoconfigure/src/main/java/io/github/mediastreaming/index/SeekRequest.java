package io.github.mediastreaming.index;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@code ?start=} request wants the media to begin.
 */
public sealed interface SeekRequest permits SeekRequest.ByteOffset, SeekRequest.TimeRange {

	/**
	 * Start at a byte offset of the file (FLV {@code ?start=N}).
	 *
	 * @param offset the requested offset, untrusted: readers snap it to a real key frame
	 */
	record ByteOffset(long offset) implements SeekRequest {

	}

	/**
	 * Start (and optionally end) at a time.
	 *
	 * @param startSeconds the start, {@code >= 0}
	 * @param endSeconds the end, {@code null} for the end of the media
	 * @param exactStart whether the output should hide frames between the key frame and the requested
	 * start (an MP4 edit list), rather than start playback at the key frame
	 */
	record TimeRange(double startSeconds, @Nullable Double endSeconds, boolean exactStart) implements SeekRequest {

	}

}
