package io.github.mediastreaming.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds small inline test inputs field by field.
 */
final class TestBytes {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	static TestBytes of() {
		return new TestBytes();
	}

	/** Append raw byte values (each 0-255). */
	TestBytes u8(int... values) {
		for (int value : values) {
			this.out.write(value);
		}
		return this;
	}

	TestBytes ascii(String text) {
		this.out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
		return this;
	}

	TestBytes u16le(int value) {
		return u8(value & 0xFF, (value >>> 8) & 0xFF);
	}

	TestBytes u32le(long value) {
		return u16le((int) (value & 0xFFFF)).u16le((int) ((value >>> 16) & 0xFFFF));
	}

	TestBytes u64le(long value) {
		return u32le(value & 0xFFFFFFFFL).u32le(value >>> 32);
	}

	TestBytes bytes(byte[] bytes) {
		this.out.writeBytes(bytes);
		return this;
	}

	TestBytes zeros(int count) {
		this.out.writeBytes(new byte[count]);
		return this;
	}

	int size() {
		return this.out.size();
	}

	byte[] build() {
		return this.out.toByteArray();
	}

}
