package io.github.mediastreaming.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Byte-array helpers for tests that build or patch files by hand. */
public final class Bytes {

	private Bytes() {
	}

	/**
	 * Join parts one after the other.
	 * @param parts the parts
	 * @return their bytes in order
	 */
	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/**
	 * Find the first occurrence of a pattern, failing the test when there is none (a fixture that lacks
	 * what a test patches is a broken test, not a case to handle).
	 * @param bytes where to look
	 * @param pattern what to find
	 * @return its first index
	 */
	public static int indexOf(byte[] bytes, byte[] pattern) {
		for (int i = 0; i + pattern.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
				return i;
			}
		}
		throw new AssertionError("No " + new String(pattern, StandardCharsets.ISO_8859_1) + " in " + bytes.length
				+ " bytes");
	}

}
