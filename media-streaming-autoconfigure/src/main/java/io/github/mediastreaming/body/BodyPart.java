package io.github.mediastreaming.body;

import java.util.Arrays;

/**
 * One piece of a {@link MediaBody}: bytes held in memory, or a region of the media file.
 */
public sealed interface BodyPart permits BodyPart.Bytes, BodyPart.FileRegion {

	/**
	 * Return the number of bytes this part contributes.
	 * @return the length in bytes
	 */
	long length();

	/**
	 * Return the sub-range {@code [from, from + length)} of this part.
	 * @param from offset within this part
	 * @param length number of bytes
	 * @return the slice
	 */
	BodyPart slice(long from, long length);

	/**
	 * Bytes built in memory, such as a rewritten FLV header or a rebuilt MP4 {@code moov}.
	 *
	 * @param content the bytes (treated as immutable; not copied)
	 */
	record Bytes(byte[] content) implements BodyPart {

		@Override
		public long length() {
			return this.content.length;
		}

		@Override
		public BodyPart slice(long from, long length) {
			if (from == 0 && length == this.content.length) {
				return this;
			}
			return new Bytes(Arrays.copyOfRange(this.content, (int) from, (int) (from + length)));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Bytes bytes && Arrays.equals(this.content, bytes.content);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.content);
		}

		@Override
		public String toString() {
			return "Bytes[" + this.content.length + "]";
		}

	}

	/**
	 * A region of the media file.
	 *
	 * @param offset the first byte's offset in the file
	 * @param length number of bytes
	 */
	record FileRegion(long offset, long length) implements BodyPart {

		public FileRegion {
			if (offset < 0 || length < 0) {
				throw new IllegalArgumentException("Negative region " + offset + "+" + length);
			}
		}

		@Override
		public BodyPart slice(long from, long length) {
			return new FileRegion(this.offset + from, length);
		}

	}

}
