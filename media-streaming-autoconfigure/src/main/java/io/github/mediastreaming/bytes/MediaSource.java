package io.github.mediastreaming.bytes;

import java.io.EOFException;
import java.io.IOException;

/**
 * Random-access, read-only view of a media file. Readers ask for the few bytes they need at known
 * positions, so probing a 4 GB file reads kilobytes, not gigabytes.
 *
 * <p>Implementations are not required to be thread-safe; one reader uses one source at a time.
 */
public interface MediaSource {

	/**
	 * Return the total length of the source in bytes.
	 * @return the size in bytes
	 */
	long size();

	/**
	 * Read up to {@code length} bytes starting at {@code position}. Fewer bytes are returned only at the
	 * end of the source.
	 * @param position the absolute offset to read from
	 * @param length the maximum number of bytes to read
	 * @return the bytes read, possibly shorter than {@code length} (empty at or past the end)
	 * @throws IOException if the underlying file cannot be read
	 */
	byte[] read(long position, int length) throws IOException;

	/**
	 * Read exactly {@code length} bytes starting at {@code position}.
	 * @param position the absolute offset to read from
	 * @param length the number of bytes to read
	 * @return a cursor over exactly {@code length} bytes
	 * @throws EOFException if the source ends before {@code position + length}
	 * @throws IOException if the underlying file cannot be read
	 */
	default ByteCursor readFully(long position, int length) throws IOException {
		byte[] bytes = read(position, length);
		if (bytes.length < length) {
			throw new EOFException("Wanted " + length + " bytes at offset " + position + " but the source has "
					+ size() + " bytes");
		}
		return new ByteCursor(bytes);
	}

}
