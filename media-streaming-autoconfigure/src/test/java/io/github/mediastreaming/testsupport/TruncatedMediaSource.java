package io.github.mediastreaming.testsupport;

import java.util.Arrays;

import io.github.mediastreaming.bytes.MediaSource;

/**
 * A file that lost its tail after its size was taken, as {@code FileMediaSource} sees a file truncated
 * while it is indexed: {@link #size()} claims more bytes than reads return.
 */
public final class TruncatedMediaSource implements MediaSource {

	private final byte[] bytes;

	private final long claimedSize;

	/**
	 * Create a source.
	 * @param bytes what reads return (not copied)
	 * @param claimedSize what {@link #size()} says, at least {@code bytes.length}
	 */
	public TruncatedMediaSource(byte[] bytes, long claimedSize) {
		if (claimedSize < bytes.length) {
			throw new IllegalArgumentException("Claimed size " + claimedSize + " below " + bytes.length);
		}
		this.bytes = bytes;
		this.claimedSize = claimedSize;
	}

	@Override
	public long size() {
		return this.claimedSize;
	}

	@Override
	public byte[] read(long position, int length) {
		if (position < 0 || length < 0) {
			throw new IllegalArgumentException("Negative position or length: " + position + ", " + length);
		}
		if (position >= this.bytes.length) {
			return new byte[0];
		}
		return Arrays.copyOfRange(this.bytes, (int) position, (int) Math.min(this.bytes.length, position + (long) length));
	}

}
