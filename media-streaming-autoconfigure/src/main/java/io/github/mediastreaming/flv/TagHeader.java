package io.github.mediastreaming.flv;

import io.github.mediastreaming.bytes.ByteCursor;

/**
 * The 11-byte header of an FLV tag, and the framing around every tag: the header, the payload, then a
 * 4-byte PreviousTagSize that repeats the tag's length (which is what lets a reader check, from a
 * position it was told about, that a real tag ends there).
 *
 * @param type the tag type (8 audio, 9 video, 18 script data), filter and reserved bits removed
 * @param dataSize the payload length
 * @param timestampMs the timestamp, extended to 32 bits
 */
record TagHeader(int type, long dataSize, long timestampMs) {

	static final int BYTES = 11;

	static final int PREVIOUS_TAG_SIZE_BYTES = 4;

	/** The header and the first two payload bytes: one read of these says what a tag is. */
	static final int PROBE_BYTES = BYTES + 2;

	static final int AUDIO = 8;

	static final int VIDEO = 9;

	static final int SCRIPT = 18;

	/** Read a header, leaving the cursor at the payload. */
	static TagHeader read(ByteCursor cursor) {
		int type = cursor.u8() & 0x1F;
		long dataSize = cursor.u24();
		long timestampMs = cursor.u24() | ((long) cursor.u8() << 24);
		cursor.skip(3); // stream id
		return new TagHeader(type, dataSize, timestampMs);
	}

	boolean knownType() {
		return this.type == AUDIO || this.type == VIDEO || this.type == SCRIPT;
	}

	/** Where the next tag starts, after this one's payload and PreviousTagSize. */
	long next(long position) {
		return position + BYTES + this.dataSize + PREVIOUS_TAG_SIZE_BYTES;
	}

}
