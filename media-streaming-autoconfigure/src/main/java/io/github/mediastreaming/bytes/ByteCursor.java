package io.github.mediastreaming.bytes;

import java.nio.charset.StandardCharsets;

/**
 * Cursor over a byte array that reads big-endian (and a few little-endian) integers, in the spirit of
 * Media3's {@code ParsableByteArray}. Readers check {@link #remaining()} before they read what a file
 * declares and report a short structure as a format error themselves; a read past the limit throws
 * {@link IndexOutOfBoundsException}, which is a bug in the reader, never a verdict on the file.
 */
public final class ByteCursor {

	private final byte[] data;

	private final int limit;

	private int position;

	/**
	 * Create a cursor over the whole array.
	 * @param data the bytes (not copied)
	 */
	public ByteCursor(byte[] data) {
		this(data, 0, data.length);
	}

	/**
	 * Create a cursor over {@code data[offset, limit)}, positioned at {@code offset}.
	 * @param data the bytes (not copied)
	 * @param offset the first readable index
	 * @param limit one past the last readable index
	 */
	public ByteCursor(byte[] data, int offset, int limit) {
		if (offset < 0 || limit > data.length || offset > limit) {
			throw new IndexOutOfBoundsException("Bad bounds " + offset + ".." + limit + " of " + data.length);
		}
		this.data = data;
		this.position = offset;
		this.limit = limit;
	}

	/** @return the backing array */
	public byte[] data() {
		return this.data;
	}

	/** @return the index of the next byte to read */
	public int position() {
		return this.position;
	}

	/** @return one past the last readable index */
	public int limit() {
		return this.limit;
	}

	/** @return how many bytes remain before the limit */
	public int remaining() {
		return this.limit - this.position;
	}

	/**
	 * Move to an absolute index.
	 * @param position the new index, between 0 and the limit
	 * @return this cursor
	 */
	public ByteCursor seek(int position) {
		if (position < 0 || position > this.limit) {
			throw new IndexOutOfBoundsException("Position " + position + " outside 0.." + this.limit);
		}
		this.position = position;
		return this;
	}

	/**
	 * Skip bytes.
	 * @param count how many bytes to skip
	 * @return this cursor
	 */
	public ByteCursor skip(int count) {
		return seek(this.position + count);
	}

	private int index(int width) {
		if (width > remaining()) {
			throw new IndexOutOfBoundsException(
					"Need " + width + " bytes at " + this.position + " but only " + remaining() + " remain");
		}
		int at = this.position;
		this.position += width;
		return at;
	}

	/** @return the next unsigned byte */
	public int u8() {
		return this.data[index(1)] & 0xFF;
	}

	/** @return the next big-endian unsigned 16-bit integer */
	public int u16() {
		int at = index(2);
		return (this.data[at] & 0xFF) << 8 | (this.data[at + 1] & 0xFF);
	}

	/** @return the next big-endian unsigned 24-bit integer */
	public int u24() {
		int at = index(3);
		return (this.data[at] & 0xFF) << 16 | (this.data[at + 1] & 0xFF) << 8 | (this.data[at + 2] & 0xFF);
	}

	/** @return the next big-endian unsigned 32-bit integer */
	public long u32() {
		return s32() & 0xFFFFFFFFL;
	}

	/** @return the next big-endian signed 32-bit integer */
	public int s32() {
		return BigEndian.getInt(this.data, index(4));
	}

	/** @return the next big-endian 64-bit integer */
	public long u64() {
		return u32() << 32 | u32();
	}

	/** @return the next little-endian unsigned 16-bit integer */
	public int u16le() {
		int at = index(2);
		return (this.data[at] & 0xFF) | (this.data[at + 1] & 0xFF) << 8;
	}

	/** @return the next little-endian unsigned 32-bit integer */
	public long u32le() {
		int at = index(4);
		return (this.data[at] & 0xFF) | (this.data[at + 1] & 0xFF) << 8 | (this.data[at + 2] & 0xFF) << 16
				| ((long) (this.data[at + 3] & 0xFF) << 24);
	}

	/** @return the next little-endian 64-bit integer */
	public long u64le() {
		return u32le() | u32le() << 32;
	}

	/** @return the next 4 bytes as a syncsafe integer (7 bits per byte, as in ID3v2) */
	public int syncsafe32() {
		int at = index(4);
		return (this.data[at] & 0x7F) << 21 | (this.data[at + 1] & 0x7F) << 14 | (this.data[at + 2] & 0x7F) << 7
				| (this.data[at + 3] & 0x7F);
	}

	/** @return the next big-endian IEEE 754 double */
	public double f64() {
		return Double.longBitsToDouble(u64());
	}

	/**
	 * Read bytes as ISO-8859-1 text (four-character codes, tags).
	 * @param length how many bytes
	 * @return the text
	 */
	public String ascii(int length) {
		int at = index(length);
		return new String(this.data, at, length, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Read bytes as UTF-8 text.
	 * @param length how many bytes
	 * @return the text
	 */
	public String utf8(int length) {
		int at = index(length);
		return new String(this.data, at, length, StandardCharsets.UTF_8);
	}

	/**
	 * Copy the next bytes out.
	 * @param length how many bytes
	 * @return a new array
	 */
	public byte[] bytes(int length) {
		int at = index(length);
		byte[] copy = new byte[length];
		System.arraycopy(this.data, at, copy, 0, length);
		return copy;
	}

}
