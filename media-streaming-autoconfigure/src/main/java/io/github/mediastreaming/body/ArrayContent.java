package io.github.mediastreaming.body;

import java.util.Arrays;

/**
 * Content held in an array that is never modified, so that a slice of a {@link BodyPart.Bytes} part (a
 * {@code Range} inside a rebuilt FLV header, say) is a view of the same array rather than a copy per
 * request. Equal by content.
 */
final class ArrayContent implements GeneratedContent {

	private final byte[] bytes;

	ArrayContent(byte[] bytes) {
		this.bytes = bytes;
	}

	@Override
	public long length() {
		return this.bytes.length;
	}

	@Override
	public long retainedBytes() {
		return 48 + this.bytes.length;
	}

	@Override
	public ContentCursor open(long position) {
		if (position < 0 || position > this.bytes.length) {
			throw new IllegalArgumentException("Position " + position + " outside " + this.bytes.length + " bytes");
		}
		int[] next = { (int) position };
		return (target) -> {
			int count = Math.min(target.remaining(), this.bytes.length - next[0]);
			target.put(this.bytes, next[0], count);
			next[0] += count;
			return count;
		};
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ArrayContent content && Arrays.equals(this.bytes, content.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return "ArrayContent[" + this.bytes.length + "]";
	}

}
