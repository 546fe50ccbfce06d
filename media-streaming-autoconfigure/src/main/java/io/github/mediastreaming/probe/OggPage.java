package io.github.mediastreaming.probe;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.index.MediaFormatException;
import org.jspecify.annotations.Nullable;

/**
 * The header of one Ogg page (RFC 3533): where it sits in a buffer, how long it is, and its granule
 * position and stream serial number.
 *
 * @param offsetBytes where the page starts in the buffer it was parsed from
 * @param headerType the header type flags ({@link #FLAG_CONTINUED}, {@link #FLAG_BEGIN_OF_STREAM},
 * {@link #FLAG_END_OF_STREAM})
 * @param granulePosition the codec-defined position of the last packet completed on this page,
 * {@link #NO_GRANULE} when no packet completes here
 * @param serialNumber the logical stream this page belongs to
 * @param sequenceNumber the page's index in its logical stream
 * @param checksum the stored CRC-32
 * @param headerSizeBytes the header size including the segment table
 * @param bodySizeBytes the sum of the segment table's lacing values
 * @param firstPacketSizeBytes the size of the first packet that starts on this page, counted up to the
 * page's end if it continues on the next page
 */
record OggPage(int offsetBytes, int headerType, long granulePosition, long serialNumber, long sequenceNumber,
		long checksum, int headerSizeBytes, int bodySizeBytes, int firstPacketSizeBytes) {

	/** The capture pattern {@code OggS}. */
	static final int CAPTURE_PATTERN = 0x4F676753;

	/** Size of the fixed header fields before the segment table. */
	static final int FIXED_HEADER_SIZE = 27;

	/** Largest possible header: fixed fields and 255 lacing values. */
	static final int MAX_HEADER_SIZE = FIXED_HEADER_SIZE + 255;

	/** Largest possible page: header and 255 segments of 255 bytes. */
	static final int MAX_PAGE_SIZE = MAX_HEADER_SIZE + 255 * 255;

	/** Offset of the CRC field within the header. */
	static final int CHECKSUM_OFFSET = 22;

	/** The only defined stream structure version. */
	static final int VERSION = 0;

	/** Header type flag: the page continues a packet from the previous page. */
	static final int FLAG_CONTINUED = 0x01;

	/** Header type flag: first page of a logical stream. */
	static final int FLAG_BEGIN_OF_STREAM = 0x02;

	/** Header type flag: last page of a logical stream. */
	static final int FLAG_END_OF_STREAM = 0x04;

	/** Granule position of a page on which no packet ends. */
	static final long NO_GRANULE = -1;

	private static final int LACING_CONTINUES = 255;

	/**
	 * Parse the page header at {@code offset}.
	 * @param data a buffer holding at least the header
	 * @param offset where the capture pattern should be
	 * @return the header, or {@code null} when the buffer holds no complete header with a valid capture
	 * pattern and version at that offset
	 */
	static @Nullable OggPage parse(byte[] data, int offset) {
		if (offset < 0 || data.length - offset < FIXED_HEADER_SIZE) {
			return null;
		}
		ByteCursor cursor = new ByteCursor(data, offset, data.length);
		if (cursor.u32() != CAPTURE_PATTERN || cursor.u8() != VERSION) {
			return null;
		}
		int headerType = cursor.u8(); // flags
		long granule = cursor.u64le(); // granule position, signed
		long serial = cursor.u32le(); // stream serial number
		long sequence = cursor.u32le(); // page sequence number
		long checksum = cursor.u32le(); // CRC-32 of the page with this field zeroed
		int segments = cursor.u8(); // number of lacing values
		if (cursor.remaining() < segments) {
			return null;
		}
		int bodySize = 0;
		int firstPacketSize = -1;
		for (int i = 0; i < segments; i++) {
			int lacing = cursor.u8();
			bodySize += lacing;
			if (firstPacketSize < 0 && lacing < LACING_CONTINUES) {
				firstPacketSize = bodySize;
			}
		}
		return new OggPage(offset, headerType, granule, serial, sequence, checksum, FIXED_HEADER_SIZE + segments,
				bodySize, (firstPacketSize < 0) ? bodySize : firstPacketSize);
	}

	/**
	 * Parse the page header at {@code offset}, failing when there is none.
	 * @param data a buffer holding at least the header
	 * @param offset where the capture pattern should be
	 * @param fileOffset the buffer's position in the file, for the message
	 * @return the header
	 * @throws MediaFormatException if there is no valid page header at that offset
	 */
	static OggPage require(byte[] data, int offset, long fileOffset) throws MediaFormatException {
		OggPage page = parse(data, offset);
		if (page == null) {
			throw ProbeReads.malformed("No Ogg page (OggS, version 0) at offset " + (fileOffset + offset));
		}
		return page;
	}

	/** @return the header and body size */
	int sizeBytes() {
		return this.headerSizeBytes + this.bodySizeBytes;
	}

	/** @return the offset of the page's body in the buffer */
	int bodyOffsetBytes() {
		return this.offsetBytes + this.headerSizeBytes;
	}

	/** @return whether this page starts a logical stream */
	boolean beginsStream() {
		return (this.headerType & FLAG_BEGIN_OF_STREAM) != 0;
	}

	/** @return whether a packet completes on this page */
	boolean hasGranule() {
		return this.granulePosition != NO_GRANULE;
	}

	/**
	 * Return whether the whole page lies in {@code data} and its CRC matches.
	 * @param data the buffer the page was parsed from
	 * @return {@code true} for a complete, intact page
	 */
	boolean isIntactIn(byte[] data) {
		return data.length - this.offsetBytes >= sizeBytes()
				&& OggCrc.of(data, this.offsetBytes, sizeBytes(), this.offsetBytes + CHECKSUM_OFFSET) == this.checksum;
	}

}
