package io.github.mediastreaming.index;

import java.io.IOException;

import io.github.mediastreaming.bytes.MediaSource;

/**
 * Reads one container format's headers and indexes into a {@link MediaIndex}. Implementations read only
 * what they need (headers, sample tables, a tail for trailing tags), never the media payload, and are
 * stateless so one instance serves every file.
 */
@FunctionalInterface
public interface MediaIndexReader {

	/**
	 * Index a file.
	 * @param source the file's bytes
	 * @return the index
	 * @throws MediaFormatException if the bytes are not a readable file of this format
	 * @throws IOException if reading fails
	 */
	MediaIndex read(MediaSource source) throws MediaFormatException, IOException;

}
