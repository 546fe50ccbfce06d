package io.github.mediastreaming.probe;

import io.github.mediastreaming.bytes.ByteCursor;

/**
 * EBML variable-length integers: the count of leading zero bits of the first byte says how many bytes
 * follow (1 to 8).
 */
final class Ebml {

	private Ebml() {
	}

	/**
	 * Read an element id, keeping its length-marker bits (ids are written that way in the specification).
	 * @param cursor the cursor
	 * @return the id, or -1 for an invalid first byte
	 */
	static long id(ByteCursor cursor) {
		int first = cursor.u8();
		int length = Integer.numberOfLeadingZeros(first) - 23;
		if (first == 0 || length > 4) {
			return -1;
		}
		long value = first;
		for (int i = 1; i < length; i++) {
			value = value << 8 | cursor.u8();
		}
		return value;
	}

	/**
	 * Read an element data size, without its length marker.
	 * @param cursor the cursor
	 * @return the size, or -1 for "unknown" (all value bits set) or an invalid first byte
	 */
	static long size(ByteCursor cursor) {
		int first = cursor.u8();
		if (first == 0) {
			return -1;
		}
		int length = Integer.numberOfLeadingZeros(first) - 23;
		long value = first & (0xFF >> length);
		boolean allOnes = value == (0xFF >> length);
		for (int i = 1; i < length; i++) {
			int next = cursor.u8();
			allOnes &= next == 0xFF;
			value = value << 8 | next;
		}
		return allOnes ? -1 : value;
	}

}
