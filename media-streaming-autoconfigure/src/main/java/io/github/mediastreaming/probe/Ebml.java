package io.github.mediastreaming.probe;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.index.MediaFormatException;

/**
 * EBML (RFC 8794) variable-length integers and element values. A variable-length integer's first byte
 * announces its length by its leading zero bits: {@code 1xxxxxxx} is one byte, {@code 01xxxxxx} two, up
 * to {@code 00000001} for eight. Element IDs keep that marker bit ({@code 0x1A45DFA3}); sizes drop it,
 * and a size whose value bits are all ones means "unknown" (a live stream's Segment or Cluster).
 */
final class Ebml {

	/** Returned by {@link #readSize} for the reserved all-ones size. */
	static final long UNKNOWN_SIZE = -1;

	/** Longest element ID: EBMLMaxIDLength defaults to 4. */
	static final int MAX_ID_LENGTH = 4;

	/** Longest element size: EBMLMaxSizeLength defaults to 8. */
	static final int MAX_SIZE_LENGTH = 8;

	/** Longest element header: an ID and a size. */
	static final int MAX_HEADER_LENGTH = MAX_ID_LENGTH + MAX_SIZE_LENGTH;

	private Ebml() {
	}

	/**
	 * Return whether a buffer ends inside the element header it starts with: before the ID and size its
	 * first bytes announce. An invalid first byte is not a short header (reading it reports it).
	 * @param bytes the buffer
	 * @return {@code true} when more bytes are needed
	 */
	static boolean endsInsideHeader(byte[] bytes) {
		if (bytes.length == 0) {
			return true;
		}
		int idLength = length(bytes[0] & 0xFF);
		if (idLength == 0 || idLength > MAX_ID_LENGTH) {
			return false;
		}
		if (bytes.length <= idLength) {
			return true;
		}
		int sizeLength = length(bytes[idLength] & 0xFF);
		return sizeLength != 0 && bytes.length < idLength + sizeLength;
	}

	private static void need(ByteCursor cursor, int bytes, String what) throws MediaFormatException {
		if (bytes > cursor.remaining()) {
			throw ProbeReads.malformed("EBML " + what + " at " + cursor.position() + " runs past the end of its parent");
		}
	}

	/**
	 * Return the length of a variable-length integer from its first byte.
	 * @param firstByte the first byte, 0-255
	 * @return 1 to 8, or 0 for the invalid first byte {@code 0x00}
	 */
	static int length(int firstByte) {
		return (firstByte == 0) ? 0 : Integer.numberOfLeadingZeros(firstByte & 0xFF) - 23;
	}

	/**
	 * Read an element ID, marker bit included.
	 * @param cursor positioned at the ID
	 * @return the ID, e.g. {@code 0x1549A966} for Info
	 * @throws MediaFormatException if the first byte is invalid or announces more than 4 bytes, or the ID
	 * runs past the cursor's limit
	 */
	static long readId(ByteCursor cursor) throws MediaFormatException {
		need(cursor, 1, "ID");
		int first = cursor.u8();
		int length = length(first);
		if (length == 0 || length > MAX_ID_LENGTH) {
			throw ProbeReads.malformed("Invalid EBML element ID starting with 0x" + Integer.toHexString(first));
		}
		need(cursor, length - 1, "ID");
		long id = first;
		for (int i = 1; i < length; i++) {
			id = (id << 8) | cursor.u8();
		}
		return id;
	}

	/**
	 * Read an element size, marker bit removed.
	 * @param cursor positioned at the size
	 * @return the size, or {@link #UNKNOWN_SIZE} when all value bits are ones
	 * @throws MediaFormatException if the first byte is {@code 0x00}, or the size runs past the cursor's
	 * limit
	 */
	static long readSize(ByteCursor cursor) throws MediaFormatException {
		need(cursor, 1, "size");
		int first = cursor.u8();
		int length = length(first);
		if (length == 0) {
			throw ProbeReads.malformed("Invalid EBML element size starting with 0x00");
		}
		need(cursor, length - 1, "size");
		long value = first & (0xFF >>> length);
		boolean allOnes = value == (0xFF >>> length);
		for (int i = 1; i < length; i++) {
			int next = cursor.u8();
			allOnes &= next == 0xFF;
			value = (value << 8) | next;
		}
		return allOnes ? UNKNOWN_SIZE : value;
	}

	/**
	 * Read an unsigned integer element's value.
	 * @param cursor positioned at the value
	 * @param sizeBytes the element size, 0 to 8 (0 means the value 0)
	 * @return the value
	 * @throws MediaFormatException if the size is over 8 bytes
	 */
	static long readUnsigned(ByteCursor cursor, int sizeBytes) throws MediaFormatException {
		if (sizeBytes > Long.BYTES) {
			throw ProbeReads.malformed("EBML unsigned integer of " + sizeBytes + " bytes");
		}
		need(cursor, sizeBytes, "unsigned integer");
		long value = 0;
		for (int i = 0; i < sizeBytes; i++) {
			value = (value << 8) | cursor.u8();
		}
		return value;
	}

	/**
	 * Read a float element's value.
	 * @param cursor positioned at the value
	 * @param sizeBytes the element size: 0 (the value 0), 4 or 8
	 * @return the value
	 * @throws MediaFormatException for any other size
	 */
	static double readFloat(ByteCursor cursor, int sizeBytes) throws MediaFormatException {
		need(cursor, sizeBytes, "float");
		return switch (sizeBytes) {
			case 0 -> 0;
			case Float.BYTES -> Float.intBitsToFloat(cursor.s32());
			case Double.BYTES -> cursor.f64();
			default -> throw ProbeReads.malformed("EBML float of " + sizeBytes + " bytes");
		};
	}

}
