package io.github.mediastreaming.flv;

import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.ProbeFailure;

/**
 * Indexes an FLV file from its tag headers: one positioned read of 13 bytes a tag (the 11-byte header
 * and the first two payload bytes), payloads skipped, except {@code onMetaData} and the AVC/AAC sequence
 * headers, which are kept whole to be sent again before a seek. When {@code onMetaData} lists the key
 * frames and the list checks out, only the head (up to the first tag of each stream the header declares,
 * so a late stream's sequence header is kept), those tags and the tags after the last one are read;
 * otherwise every tag is.
 * A truncated last tag ends the walk (a file still being recorded); a tag of unknown type after valid
 * ones ends it too. The walk is {@link TagScan}'s; the check of the declared key frames is
 * {@link DeclaredKeyFrames}'.
 */
public final class FlvIndexReader implements MediaIndexReader {

	/** Tags read one by one before the metadata's key frames are considered: the metadata and sequence headers come first. */
	private static final int HEAD_TAGS = 64;

	/**
	 * Tags read one by one at most to find the first tag of each stream the header's flags declare before
	 * the metadata's key frames are considered (40 s of 25 fps video): a stream not found by then makes
	 * the reader walk every tag. A stream that {@code onMetaData} says the file lacks is not looked for:
	 * nginx-rtmp's recorder flags audio and video on every file.
	 */
	private static final int LATE_STREAM_TAGS = 1024;

	@Override
	public MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException {
		long size = source.size();
		byte[] headerBytes = source.read(0, FlvIndex.HEADER_BYTES);
		if (headerBytes.length < FlvIndex.HEADER_BYTES) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED, "FLV file shorter than its header");
		}
		ByteCursor header = new ByteCursor(headerBytes);
		if (!header.ascii(3).equals("FLV") || header.u8() != 1) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Not an FLV version 1 file");
		}
		int flags = header.u8();
		long dataOffset = header.u32();
		if (dataOffset < FlvIndex.HEADER_BYTES || dataOffset + TagHeader.PREVIOUS_TAG_SIZE_BYTES > size) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "FLV data offset " + dataOffset + " is impossible");
		}
		TagScan scan = new TagScan(budget);
		long position = dataOffset + TagHeader.PREVIOUS_TAG_SIZE_BYTES;
		// The head: onMetaData and the sequence headers come before the first frames.
		position = scan.walk(source, position, size, HEAD_TAGS);
		if (scan.tags == 0) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED, "FLV file without a complete tag");
		}
		// A stream that starts late (audio after a few seconds of video) has its sequence header there.
		while (TagScan.hasTagAt(position, size) && scan.tags < LATE_STREAM_TAGS && scan.missing(flags)) {
			position = scan.scanTag(source, position, size);
		}
		if (TagScan.hasTagAt(position, size) && (scan.missing(flags) || !DeclaredKeyFrames.take(source, size, scan, position))) {
			// A declared stream not found yet (its header may come later) or no trustworthy keyframes
			// object: walk the rest of the tags.
			scan.walk(source, position, size, Integer.MAX_VALUE);
		}
		return scan.index(size, flags);
	}

}
