package io.github.mediastreaming.body;

import java.util.Arrays;

/**
 * One piece of a {@link MediaBody}: bytes held in memory, a region of the media file, or a range of
 * content produced on demand.
 */
public sealed interface BodyPart permits BodyPart.Bytes, BodyPart.FileRegion, BodyPart.Generated {

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

		/**
		 * Return a part of these bytes: the same part when whole, otherwise a {@link Generated} view of the
		 * same array, so that a {@code Range} request copies nothing.
		 */
		@Override
		public BodyPart slice(long from, long length) {
			if (from == 0 && length == this.content.length) {
				return this;
			}
			return new Generated(new ArrayContent(this.content), from, length);
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

	/**
	 * A range of content produced on demand ({@link GeneratedContent}): a writer opens a cursor at
	 * {@code offset} and reads {@code length} bytes from it, a buffer at a time.
	 *
	 * @param content what produces the bytes, shared between requests
	 * @param offset the first byte's position in the content
	 * @param length number of bytes
	 */
	record Generated(GeneratedContent content, long offset, long length) implements BodyPart {

		public Generated {
			if (offset < 0 || length < 0 || offset > content.length() - length) {
				throw new IllegalArgumentException(
						"Range " + offset + "+" + length + " outside content of " + content.length() + " bytes");
			}
		}

		/**
		 * Return all of a content.
		 * @param content the content
		 * @return a part from its first to its last byte
		 */
		public static Generated of(GeneratedContent content) {
			return new Generated(content, 0, content.length());
		}

		@Override
		public BodyPart slice(long from, long length) {
			return new Generated(this.content, this.offset + from, length);
		}

	}

}
