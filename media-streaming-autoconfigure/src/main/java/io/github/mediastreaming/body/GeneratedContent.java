package io.github.mediastreaming.body;

/**
 * Bytes produced on demand rather than held whole in memory, such as the rebuilt {@code moov} of an MP4
 * cut, written from the cached sample tables as the response goes out. Immutable and safe to share
 * between requests: each reader opens its own {@link ContentCursor}.
 * <p>
 * Example: a 2-hour movie cut at one hour has a 2 MB {@code moov}; its content object holds the cut's
 * plan (a few hundred bytes), and a response that sends it fills its buffers (256 KiB) one after the other
 * through a cursor, so no request ever holds the 2 MB.
 */
public interface GeneratedContent {

	/**
	 * Return the exact number of bytes this content produces.
	 * @return the length in bytes
	 */
	long length();

	/**
	 * Open a cursor that produces this content's bytes from a position on.
	 * @param position the first byte to produce, from 0 to {@link #length()}
	 * @return a new cursor
	 * @throws IllegalArgumentException if the position is outside the content
	 */
	ContentCursor open(long position);

	/**
	 * Return roughly what this content keeps on the heap, so that a cache of plans bounded by memory weighs
	 * it by what it really holds (a cut of a file with thousands of tracks holds megabytes of segments).
	 * The default, 4 KiB, suits a plan of a few dozen small parts.
	 * @return bytes
	 */
	default long retainedBytes() {
		return 4096;
	}

}
