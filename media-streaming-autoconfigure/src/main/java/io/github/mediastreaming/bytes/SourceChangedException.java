package io.github.mediastreaming.bytes;

import java.io.IOException;

/**
 * A file ended before a region a response had promised: it was truncated or replaced while being sent.
 * The response has declared its length, so it must break off visibly rather than end short as if
 * complete.
 */
public class SourceChangedException extends IOException {

	/**
	 * Create an exception.
	 * @param read how many bytes of the region were there
	 * @param expected the region's length
	 */
	public SourceChangedException(long read, long expected) {
		super("The file ended after " + read + " of " + expected + " bytes of a region; it changed while being sent");
	}

}
