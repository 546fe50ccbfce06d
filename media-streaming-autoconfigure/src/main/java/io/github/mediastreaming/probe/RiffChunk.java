package io.github.mediastreaming.probe;

import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.MediaFormatException;

/**
 * One RIFF chunk header (little-endian): a four-character code and a 32-bit data size, followed by the
 * data and a pad byte when the size is odd. {@code RIFF} and {@code LIST} chunks start their data with
 * a four-character list type, followed by child chunks.
 *
 * @param id the four-character code, e.g. {@code fmt }
 * @param dataOffsetBytes the file offset of the chunk's data
 * @param dataSizeBytes the declared data size, not checked against the file
 */
record RiffChunk(String id, long dataOffsetBytes, long dataSizeBytes) {

	/** Size of a chunk header: code and size. */
	static final int HEADER_SIZE = 8;

	/** Size of a four-character code. */
	static final int FOURCC_SIZE = 4;

	/** Code of the outer chunk of a RIFF file. */
	static final String RIFF = "RIFF";

	/** Code of a list chunk. */
	static final String LIST = "LIST";

	/** Largest declared size: streamed files write it when the size is not known. */
	static final long SIZE_UNKNOWN = 0xFFFFFFFFL;

	/**
	 * Read the chunk header at {@code position}.
	 * @param source the file
	 * @param position the header's offset
	 * @return the chunk
	 * @throws MediaFormatException if the file ends inside the header
	 * @throws IOException if reading fails
	 */
	static RiffChunk read(MediaSource source, long position) throws MediaFormatException, IOException {
		ByteCursor cursor = ProbeReads.readFully(source, position, HEADER_SIZE, "a RIFF chunk header");
		String id = cursor.ascii(FOURCC_SIZE); // chunk code
		long size = cursor.u32le(); // data size, without the pad byte
		return new RiffChunk(id, position + HEADER_SIZE, size);
	}

	/**
	 * Read the list type of a {@code RIFF} or {@code LIST} chunk.
	 * @param source the file
	 * @return the list type, e.g. {@code WAVE} or {@code hdrl}
	 * @throws MediaFormatException if the file ends first
	 * @throws IOException if reading fails
	 */
	String listType(MediaSource source) throws MediaFormatException, IOException {
		return ProbeReads.readFully(source, this.dataOffsetBytes, FOURCC_SIZE, "a RIFF list type").ascii(FOURCC_SIZE);
	}

	/** @return the offset of the first child chunk of a {@code RIFF} or {@code LIST} chunk */
	long childrenOffsetBytes() {
		return this.dataOffsetBytes + FOURCC_SIZE;
	}

	/** @return the offset of the next sibling: after the data and its pad byte */
	long nextOffsetBytes() {
		return this.dataOffsetBytes + this.dataSizeBytes + (this.dataSizeBytes & 1);
	}

	/** @return whether this is a list chunk with the given type */
	boolean isList() {
		return LIST.equals(this.id);
	}

}
