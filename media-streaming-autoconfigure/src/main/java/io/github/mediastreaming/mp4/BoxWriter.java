package io.github.mediastreaming.mp4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer that writes boxes: {@link #start(String)} reserves the header and
 * {@link #end(int)} fills in the size once the payload is written.
 */
final class BoxWriter {

	private byte[] bytes;

	private int length;

	BoxWriter(int capacity) {
		this.bytes = new byte[Math.max(64, capacity)];
	}

	int length() {
		return this.length;
	}

	/** @return the backing array (valid up to {@link #length()}) */
	byte[] bytes() {
		return this.bytes;
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.length);
	}

	/** Start a box and return where it starts, for {@link #end(int)}. */
	int start(String type) {
		int at = this.length;
		u32(0);
		ascii(type);
		return at;
	}

	/** Start a full box (version and flags). */
	int startFull(String type, int version, int flags) {
		int at = start(type);
		u8(version);
		u24(flags);
		return at;
	}

	void end(int start) {
		putU32(start, this.length - start);
	}

	void copy(byte[] source, long offset, long length) {
		ensure((int) length);
		System.arraycopy(source, (int) offset, this.bytes, this.length, (int) length);
		this.length += (int) length;
	}

	void u8(int value) {
		ensure(1);
		this.bytes[this.length++] = (byte) value;
	}

	void u24(int value) {
		u8(value >>> 16);
		u8(value >>> 8);
		u8(value);
	}

	void u32(long value) {
		ensure(4);
		putU32(this.length, value);
		this.length += 4;
	}

	void u64(long value) {
		u32(value >>> 32);
		u32(value);
	}

	void ascii(String text) {
		byte[] encoded = text.getBytes(StandardCharsets.ISO_8859_1);
		ensure(encoded.length);
		System.arraycopy(encoded, 0, this.bytes, this.length, encoded.length);
		this.length += encoded.length;
	}

	void putU32(int at, long value) {
		this.bytes[at] = (byte) (value >>> 24);
		this.bytes[at + 1] = (byte) (value >>> 16);
		this.bytes[at + 2] = (byte) (value >>> 8);
		this.bytes[at + 3] = (byte) value;
	}

	void putU64(int at, long value) {
		putU32(at, value >>> 32);
		putU32(at + 4, value);
	}

	private void ensure(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

}
