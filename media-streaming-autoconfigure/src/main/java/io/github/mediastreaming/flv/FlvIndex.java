package io.github.mediastreaming.flv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;

/**
 * The cached index of an FLV file and its seeker: a seek is pure arithmetic on these arrays.
 *
 * @param sizeBytes the file size
 * @param flags the file header's flags (0x04 audio, 0x01 video), copied into every seek's header
 * @param resentTags the tags every seek repeats before the key frame, whole (11-byte header, data,
 * PreviousTagSize): {@code onMetaData}, then the AVC and AAC sequence headers when the file has them
 * @param keyFrameOffsets file offsets of the seek points' tags, ascending: video key frames, or for an
 * audio-only file an audio tag about every half second
 * @param keyFrameTimesUs the seek points' timestamps
 * @param durationUs the media duration
 * @param changeOffsets file offsets of the sequence-header tags that change the AVC or AAC configuration
 * mid-file (two recordings joined), ascending; empty for most files
 * @param changedTags for each change, the tags a seek past it repeats instead of {@code resentTags}
 */
public record FlvIndex(long sizeBytes, int flags, byte[] resentTags, long[] keyFrameOffsets, long[] keyFrameTimesUs,
		long durationUs, long[] changeOffsets, byte[][] changedTags) implements MediaSeeker {

	/** File header length: signature, version, flags, data offset. */
	static final int HEADER_BYTES = 9;

	private static final int PREVIOUS_TAG_SIZE_BYTES = 4;

	public FlvIndex {
		if (keyFrameOffsets.length != keyFrameTimesUs.length) {
			throw new IllegalArgumentException("Key-frame offsets and times differ in length");
		}
		if (changeOffsets.length != changedTags.length) {
			throw new IllegalArgumentException("Sequence-header change offsets and tags differ in length");
		}
	}

	/**
	 * Create the index of a file whose sequence headers never change.
	 * @param sizeBytes the file size
	 * @param flags the file header's flags
	 * @param resentTags the tags every seek repeats before the key frame
	 * @param keyFrameOffsets file offsets of the seek points' tags
	 * @param keyFrameTimesUs the seek points' timestamps
	 * @param durationUs the media duration
	 */
	public FlvIndex(long sizeBytes, int flags, byte[] resentTags, long[] keyFrameOffsets, long[] keyFrameTimesUs,
			long durationUs) {
		this(sizeBytes, flags, resentTags, keyFrameOffsets, keyFrameTimesUs, durationUs, new long[0], new byte[0][]);
	}

	/**
	 * Return the tags a seek to an offset repeats: those in force there.
	 * @param offset the seek point's offset
	 * @return {@code onMetaData} and the sequence headers last set before the offset
	 */
	byte[] resentTagsAt(long offset) {
		int change = seekPointAtOrBefore(this.changeOffsets, offset - 1);
		return (change < 0) ? this.resentTags : this.changedTags[change];
	}

	@Override
	public SeekUnit unit() {
		return SeekUnit.BYTES;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * For FLV: the byte offset of the seek point the cut starts at, whether the request gave an offset or
	 * a time; 0 when it lies at or before the first one (the file itself).
	 */
	@Override
	public SeekRequest canonical(SeekRequest request) throws InvalidSeekException {
		int point = seekPoint(request);
		return new SeekRequest.ByteOffset((point <= 0) ? 0 : this.keyFrameOffsets[point]);
	}

	@Override
	public MediaBody seek(SeekRequest request) throws InvalidSeekException {
		return cutAt(seekPoint(request));
	}

	private int seekPoint(SeekRequest request) throws InvalidSeekException {
		if (request instanceof SeekRequest.ByteOffset offset) {
			long start = offset.offset();
			if (start < 0 || start >= this.sizeBytes) {
				throw new InvalidSeekException("'start' must be a byte offset within the file's " + this.sizeBytes + " bytes");
			}
			return seekPointAtOrBefore(this.keyFrameOffsets, start);
		}
		SeekRequest.TimeRange range = (SeekRequest.TimeRange) request;
		if (range.endSeconds() != null) {
			throw new InvalidSeekException("'end' is not supported for FLV files");
		}
		long timeUs = (long) (range.startSeconds() * 1_000_000);
		if (!(range.startSeconds() >= 0) || timeUs >= this.durationUs) {
			throw new InvalidSeekException("The time must be at least 0 and less than the duration, "
					+ String.format("%.3f", this.durationUs / 1e6) + " s");
		}
		return seekPointAtOrBefore(this.keyFrameTimesUs, timeUs);
	}

	/**
	 * Return the seek point a byte offset snaps to.
	 * @param offset a byte offset
	 * @return the offset of the key-frame tag at or before it, or -1 when it lies before the first one
	 */
	public long snap(long offset) {
		int point = seekPointAtOrBefore(this.keyFrameOffsets, offset);
		return (point < 0) ? -1 : this.keyFrameOffsets[point];
	}

	private MediaBody cutAt(int point) {
		// Before or at the first key frame, the file itself is the right answer.
		if (point <= 0) {
			return MediaBody.wholeFile(this.sizeBytes);
		}
		long from = this.keyFrameOffsets[point];
		byte[] header = { 'F', 'L', 'V', 1, (byte) this.flags, 0, 0, 0, HEADER_BYTES, 0, 0, 0, 0 };
		List<BodyPart> parts = new ArrayList<>();
		parts.add(new BodyPart.Bytes(header));
		parts.add(new BodyPart.Bytes(resentTagsAt(from)));
		parts.add(new BodyPart.FileRegion(from, this.sizeBytes - from));
		return new MediaBody(parts);
	}

	private static int seekPointAtOrBefore(long[] values, long value) {
		int index = Arrays.binarySearch(values, value);
		return (index >= 0) ? index : -index - 2;
	}

	/**
	 * Return the length of the header a seek starts with (file header and PreviousTagSize0).
	 * @return 13
	 */
	static int seekHeaderLength() {
		return HEADER_BYTES + PREVIOUS_TAG_SIZE_BYTES;
	}

	@Override
	public long retainedBytes() {
		long changed = 0;
		for (byte[] tags : this.changedTags) {
			changed += 24L + tags.length;
		}
		return 96L + this.resentTags.length + 16L * this.keyFrameOffsets.length + 8L * this.changeOffsets.length
				+ changed;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FlvIndex index && this.sizeBytes == index.sizeBytes && this.flags == index.flags
				&& this.durationUs == index.durationUs && Arrays.equals(this.resentTags, index.resentTags)
				&& Arrays.equals(this.keyFrameOffsets, index.keyFrameOffsets)
				&& Arrays.equals(this.keyFrameTimesUs, index.keyFrameTimesUs)
				&& Arrays.equals(this.changeOffsets, index.changeOffsets)
				&& Arrays.deepEquals(this.changedTags, index.changedTags);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.sizeBytes) * 31 + Arrays.hashCode(this.keyFrameOffsets);
	}

	@Override
	public String toString() {
		return "FlvIndex[" + this.keyFrameOffsets.length + " seek points, " + this.durationUs + " us]";
	}

}
