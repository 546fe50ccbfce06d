package io.github.mediastreaming.flv;

import java.io.IOException;
import java.util.Arrays;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import org.jspecify.annotations.Nullable;

import static io.github.mediastreaming.flv.TagHeader.AUDIO;
import static io.github.mediastreaming.flv.TagHeader.PREVIOUS_TAG_SIZE_BYTES;
import static io.github.mediastreaming.flv.TagHeader.VIDEO;
import static io.github.mediastreaming.flv.TagPayload.isAudioSequenceHeader;
import static io.github.mediastreaming.flv.TagPayload.isKeyFrame;
import static io.github.mediastreaming.flv.TagPayload.isVideoSequenceHeader;

/**
 * Checks the key frames an FLV's {@code onMetaData} lists against the real tags, so that a file yamdi,
 * flvtool2 or ffmpeg indexed can be read a few thousand tags at a time instead of every tag: a list
 * written before media was appended, positions that are not tag starts, or a change of sequence headers
 * the list hides all make the reader walk every tag instead.
 */
final class DeclaredKeyFrames {

	/** Tags looked at, at most, before a listed key frame for a change of sequence headers. */
	private static final int LOOK_BACK_TAGS = 8;

	/** Bytes read at once before a listed key frame: in most files, the tags back to the previous video frame. */
	private static final int LOOK_BACK_BYTES = 1024;

	private DeclaredKeyFrames() {
	}

	/**
	 * Take the key frames {@code onMetaData} declares, if the list checks out against the real tags: the
	 * key frames of the head are exactly the listed ones there; every listed position past the head is a
	 * video key-frame tag whose PreviousTagSize leads back to a valid tag header (so it is a real tag
	 * start, not bytes inside a payload); and a walk of the tags after the last listed one (about one
	 * key-frame interval) finds no other key frame, so the list was not written before media was
	 * appended. That walk also gives the duration. A 1-hour file costs a few thousand small reads
	 * instead of a quarter of a million; a list that fails any check makes the caller walk every tag.
	 * @param headEnd where the head scan stopped
	 */
	static boolean take(MediaSource source, long size, TagScan scan, long headEnd)
			throws IOException, MediaFormatException {
		long[] declared = scan.declaredKeyFrames;
		if (declared == null || declared.length == 0 || (scan.avcFrames && scan.videoSequenceHeader == null)
				|| (scan.aacFrames && scan.audioSequenceHeader == null)) {
			return false;
		}
		int inHead = 0;
		while (inHead < declared.length && declared[inHead] < headEnd) {
			inHead++;
		}
		long[] headKeyFrames = scan.videoOffsets.toArray();
		if (!Arrays.equals(Arrays.copyOf(declared, inHead), headKeyFrames)) {
			return false;
		}
		scan.budget.reserve(declared.length, 2 * Long.BYTES, "declared key frames");
		long[] times = new long[declared.length];
		System.arraycopy(scan.videoTimes.toArray(), 0, times, 0, inHead);
		for (int i = inHead; i < declared.length; i++) {
			long timeUs = verifiedKeyFrameTimeUs(source, size, declared[i], (i > 0) ? declared[i - 1] : headEnd - 1,
					scan);
			if (timeUs < 0) {
				return false;
			}
			times[i] = timeUs;
		}
		TagScan tail = new TagScan(IndexBudget.of(scan.budget.maximumBytes()));
		tail.walk(source, declared[declared.length - 1], size, Integer.MAX_VALUE);
		if (tail.videoOffsets.size() != 1 || (tail.aacFrames && scan.audioSequenceHeader == null)
				|| (tail.avcFrames && scan.videoSequenceHeader == null) || changes(scan.currentVideoHeader, tail.videoSequenceHeader)
				|| changes(scan.currentAudioHeader, tail.audioSequenceHeader) || !tail.changeOffsets.isEmpty()) {
			return false;
		}
		scan.videoOffsets.replaceWith(declared);
		scan.videoTimes.replaceWith(times);
		scan.lastTimeUs = Math.max(scan.lastTimeUs, tail.lastTimeUs);
		return true;
	}

	/** Whether a sequence header found after the head differs from the one in force there. */
	private static boolean changes(byte @Nullable [] current, byte @Nullable [] found) {
		return found != null && (current == null || !TagScan.samePayload(found, current));
	}

	/**
	 * Return the timestamp of the video key-frame tag at an offset, or -1 when there is none: the tag must
	 * lie after the previous key frame and within the file, and the PreviousTagSize before it must lead
	 * back to a valid tag header. The tags before it, back to the previous video frame (at most
	 * {@link #LOOK_BACK_TAGS}), must hold no sequence header other than the one in force after the head: a
	 * change of configuration, found only by walking the tags, is announced just before a key frame,
	 * sometimes with an audio frame between (live muxers repeat the same one there, which changes
	 * nothing). One read of the {@link #LOOK_BACK_BYTES} before the key frame holds those tags in most
	 * files.
	 */
	private static long verifiedKeyFrameTimeUs(MediaSource source, long size, long offset, long after, TagScan scan)
			throws IOException {
		if (offset <= after || offset < FlvIndex.HEADER_BYTES + PREVIOUS_TAG_SIZE_BYTES
				|| offset + TagHeader.PROBE_BYTES > size) {
			return -1;
		}
		long windowStart = Math.max(0, offset - LOOK_BACK_BYTES);
		byte[] window = source.read(windowStart, (int) (offset + TagHeader.PROBE_BYTES - windowStart));
		if (window.length < offset + TagHeader.PROBE_BYTES - windowStart) {
			return -1;
		}
		ByteCursor tag = new ByteCursor(window, (int) (offset - PREVIOUS_TAG_SIZE_BYTES - windowStart), window.length);
		long previousSize = tag.u32();
		TagHeader header = TagHeader.read(tag);
		if (header.type() != VIDEO || !isKeyFrame(tag.u8(), tag.u8()) || header.next(offset) > size) {
			return -1;
		}
		long end = offset;
		for (int looked = 0; looked < LOOK_BACK_TAGS; looked++) {
			long start = end - PREVIOUS_TAG_SIZE_BYTES - previousSize;
			if (previousSize < TagHeader.BYTES || start < FlvIndex.HEADER_BYTES + PREVIOUS_TAG_SIZE_BYTES) {
				return -1;
			}
			// The tag's own PreviousTagSize and header, from the window when they are in it.
			ByteCursor bytes = (start - PREVIOUS_TAG_SIZE_BYTES >= windowStart)
					? new ByteCursor(window, (int) (start - PREVIOUS_TAG_SIZE_BYTES - windowStart), window.length)
					: new ByteCursor(source.read(start - PREVIOUS_TAG_SIZE_BYTES, PREVIOUS_TAG_SIZE_BYTES + TagHeader.PROBE_BYTES));
			if (bytes.remaining() < PREVIOUS_TAG_SIZE_BYTES + TagHeader.BYTES) {
				return -1;
			}
			long sizeBefore = bytes.u32();
			TagHeader previous = TagHeader.read(bytes);
			if (!previous.knownType() || previous.dataSize() + TagHeader.BYTES != previousSize) {
				return -1;
			}
			int first = (previous.dataSize() >= 1 && bytes.remaining() >= 1) ? bytes.u8() : -1;
			int second = (previous.dataSize() >= 2 && bytes.remaining() >= 1) ? bytes.u8() : -1;
			if (changesHeader(source, start, end, previous, first, second, scan, window, windowStart)) {
				return -1;
			}
			if (start <= after || (previous.type() == VIDEO && first >= 0 && !isVideoSequenceHeader(first, second))) {
				break; // the previous key frame or video frame: headers before it are not this key frame's
			}
			end = start;
			previousSize = sizeBefore;
		}
		return header.timestampMs() * 1000;
	}

	/**
	 * Whether a tag is a sequence header other than the one in force after the head: a change of
	 * configuration, or a stream's first header (one not kept whole is taken as a change).
	 * @param end where the tag ends (the next tag's start)
	 * @param window bytes of the file already read, from {@code windowStart}
	 */
	private static boolean changesHeader(MediaSource source, long position, long end, TagHeader tag, int first,
			int second, TagScan scan, byte[] window, long windowStart) throws IOException {
		byte @Nullable [] current;
		if (tag.type() == VIDEO && isVideoSequenceHeader(first, second)) {
			current = scan.currentVideoHeader;
		}
		else if (tag.type() == AUDIO && isAudioSequenceHeader(first, second)) {
			current = scan.currentAudioHeader;
		}
		else {
			return false;
		}
		if (current == null || current.length != TagHeader.BYTES + tag.dataSize() + PREVIOUS_TAG_SIZE_BYTES) {
			return true; // a header of another length differs without being read
		}
		// A whole tag in the bytes already read needs no read of its own.
		byte @Nullable [] found = (position >= windowStart)
				? Arrays.copyOfRange(window, (int) (position - windowStart), (int) (end - windowStart))
				: TagScan.wholeTag(source, position, tag.dataSize());
		return found == null || changes(current, found);
	}

}
