package io.github.mediastreaming.index;

/**
 * Unit of a format's {@code start} parameter.
 */
public enum SeekUnit {

	/** A byte offset into the file (FLV, as Flash-era players send it). */
	BYTES,

	/** Seconds of media, fractional allowed (MP4, MP3). */
	SECONDS

}
