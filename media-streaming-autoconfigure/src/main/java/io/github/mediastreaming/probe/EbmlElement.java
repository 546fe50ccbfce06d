package io.github.mediastreaming.probe;

import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.MediaFormatException;

/**
 * The header of one EBML element in a file: its ID and where its data lies.
 *
 * @param id the element ID, marker bit included
 * @param dataOffsetBytes the file offset of the element's data
 * @param dataSizeBytes the declared data size, {@link Ebml#UNKNOWN_SIZE} when unknown
 */
record EbmlElement(long id, long dataOffsetBytes, long dataSizeBytes) {

	/**
	 * Read the element header at {@code position}.
	 * @param source the file
	 * @param position the header's offset
	 * @return the element
	 * @throws MediaFormatException if the header is invalid or the file ends inside it
	 * @throws IOException if reading fails
	 */
	static EbmlElement read(MediaSource source, long position) throws MediaFormatException, IOException {
		byte[] bytes = source.read(position, Ebml.MAX_HEADER_LENGTH);
		if (Ebml.endsInsideHeader(bytes)) {
			throw ProbeReads.truncated("an EBML element header", position);
		}
		ByteCursor cursor = new ByteCursor(bytes);
		long id = Ebml.readId(cursor);
		long size = Ebml.readSize(cursor);
		return new EbmlElement(id, position + cursor.position(), size);
	}


	/** @return whether the size is unknown */
	boolean hasUnknownSize() {
		return this.dataSizeBytes == Ebml.UNKNOWN_SIZE;
	}

	/** @return the offset after the element's data (only for a known size) */
	long endOffsetBytes() {
		return this.dataOffsetBytes + this.dataSizeBytes;
	}

	/**
	 * Read the element's whole data, for small elements.
	 * @param source the file
	 * @param maxSizeBytes the largest size accepted
	 * @param name the element's name, for messages
	 * @return a cursor over the data
	 * @throws MediaFormatException if the size is unknown, over the limit, or past the end of the file
	 * @throws IOException if reading fails
	 */
	ByteCursor readData(MediaSource source, int maxSizeBytes, String name) throws MediaFormatException, IOException {
		if (hasUnknownSize() || this.dataSizeBytes > maxSizeBytes) {
			throw ProbeReads.malformed("EBML " + name + " element of size "
					+ (hasUnknownSize() ? "unknown" : this.dataSizeBytes) + " (at most " + maxSizeBytes + " expected)");
		}
		return ProbeReads.readFully(source, this.dataOffsetBytes, (int) this.dataSizeBytes, "the EBML " + name);
	}

}
