package io.github.mediastreaming.probe;

/**
 * The Ogg page checksum: CRC-32 with polynomial {@code 0x04C11DB7}, initial value 0, no bit reflection
 * and no final XOR, computed with the checksum field taken as zero.
 */
final class OggCrc {

	private static final int POLYNOMIAL = 0x04C11DB7;

	private static final int CHECKSUM_SIZE = 4;

	private static final int[] TABLE = table();

	private OggCrc() {
	}

	/**
	 * Compute the checksum of a page.
	 * @param data the buffer
	 * @param offset the page's first byte
	 * @param length the page's size
	 * @param checksumOffset where the 4-byte checksum field is (read as zeros)
	 * @return the CRC as an unsigned 32-bit value
	 */
	static long of(byte[] data, int offset, int length, int checksumOffset) {
		int crc = 0;
		for (int i = offset; i < offset + length; i++) {
			int value = (i >= checksumOffset && i < checksumOffset + CHECKSUM_SIZE) ? 0 : (data[i] & 0xFF);
			crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ value) & 0xFF];
		}
		return crc & 0xFFFFFFFFL;
	}

	private static int[] table() {
		int[] table = new int[256];
		for (int i = 0; i < table.length; i++) {
			int r = i << 24;
			for (int bit = 0; bit < 8; bit++) {
				r = ((r & 0x80000000) != 0) ? (r << 1) ^ POLYNOMIAL : r << 1;
			}
			table[i] = r;
		}
		return table;
	}

}
