package io.github.mediastreaming.bytes;

import java.io.EOFException;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@link MediaSource} over bytes in memory: for tests and for documents built in memory.
 */
public final class ByteArrayMediaSource implements MediaSource {

	private final byte[] bytes;

	/**
	 * Create a source over the given bytes (not copied).
	 * @param bytes the content
	 */
	public ByteArrayMediaSource(byte[] bytes) {
		this.bytes = bytes;
	}

	@Override
	public long size() {
		return this.bytes.length;
	}

	@Override
	public boolean readsAreCheap() {
		return true;
	}

	@Override
	public byte[] read(long position, int length) {
		if (position < 0 || length < 0) {
			throw new IllegalArgumentException("Negative position or length: " + position + ", " + length);
		}
		if (position >= this.bytes.length) {
			return new byte[0];
		}
		int end = (int) Math.min(this.bytes.length, position + (long) length);
		return Arrays.copyOfRange(this.bytes, (int) position, end);
	}

	@Override
	public void readFully(long position, byte[] target, int length) throws EOFException {
		Objects.checkFromIndexSize(0, length, target.length);
		if (position < 0 || position + length > this.bytes.length) {
			throw new EOFException("Wanted " + length + " bytes at offset " + position + " but the source has "
					+ this.bytes.length + " bytes");
		}
		System.arraycopy(this.bytes, (int) position, target, 0, length);
	}

}
