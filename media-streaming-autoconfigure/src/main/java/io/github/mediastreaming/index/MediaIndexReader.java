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
	 * Index a file, allocating nothing that grows with what the file declares without reserving it in
	 * the budget first.
	 * @param source the file's bytes
	 * @param budget how much heap the index may take
	 * @return the index
	 * @throws MediaFormatException if the bytes are not a readable file of this format, or
	 * ({@link ProbeFailure#TOO_LARGE}) its index would exceed the budget
	 * @throws IOException if reading fails
	 */
	MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException;

	/**
	 * Index a file within {@link IndexBudget#ofDefault() the default budget}.
	 * @param source the file's bytes
	 * @return the index
	 * @throws MediaFormatException if the bytes are not a readable file of this format
	 * @throws IOException if reading fails
	 */
	default MediaIndex read(MediaSource source) throws MediaFormatException, IOException {
		return read(source, IndexBudget.ofDefault());
	}

}
