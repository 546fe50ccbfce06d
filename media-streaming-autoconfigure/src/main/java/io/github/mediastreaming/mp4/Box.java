package io.github.mediastreaming.mp4;

import java.util.ArrayList;
import java.util.List;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

/**
 * A box header: where the box is, how big, of which type.
 *
 * @param type the four-character type
 * @param offset the box's first byte
 * @param size the whole box, header included
 * @param headerSize 8, or 16 with a 64-bit size
 */
record Box(String type, long offset, long size, int headerSize) {

	/** @return the offset of the box's payload */
	long dataOffset() {
		return this.offset + this.headerSize;
	}

	/** @return one past the box's last byte */
	long end() {
		return this.offset + this.size;
	}

	/**
	 * Read a box header from a cursor positioned at it.
	 * @param cursor the cursor
	 * @param offset the absolute offset the cursor position stands for
	 * @param limit where the enclosing box (or file) ends; a size of 0 means "up to the limit"
	 * @return the header
	 * @throws MediaFormatException for a header cut short by the cursor's end, a size smaller than its
	 * header or past the limit
	 */
	static Box read(ByteCursor cursor, long offset, long limit) throws MediaFormatException {
		if (cursor.remaining() < 8) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED, "Box header at " + offset + " cut short");
		}
		long size = cursor.u32();
		String type = cursor.ascii(4);
		int headerSize = 8;
		if (size == 1) {
			if (cursor.remaining() < 8) {
				throw new MediaFormatException(ProbeFailure.TRUNCATED,
						"64-bit size of box '" + printable(type) + "' at " + offset + " cut short");
			}
			size = cursor.u64();
			headerSize = 16;
		}
		else if (size == 0) {
			size = limit - offset;
		}
		if (size < headerSize) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Box '" + printable(type) + "' has size " + size);
		}
		if (size > limit - offset) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED,
					"Box '" + printable(type) + "' at " + offset + " runs past the end of its container");
		}
		return new Box(type, offset, size, headerSize);
	}

	/**
	 * Most children one container may have: real containers have a few dozen (a {@code moov}'s tracks, an
	 * {@code stbl}'s tables), while a {@code moov} of 8-byte boxes would otherwise become millions of
	 * objects.
	 */
	static final int MAX_CHILDREN = 10_000;

	/**
	 * Return the child boxes of a container held in memory.
	 * @param bytes the bytes
	 * @param from the first child's index
	 * @param to one past the last byte of the container's payload
	 * @return the children, with offsets relative to {@code bytes}
	 * @throws MediaFormatException for a malformed child, or more than {@link #MAX_CHILDREN}
	 */
	static List<Box> children(byte[] bytes, int from, int to) throws MediaFormatException {
		List<Box> children = new ArrayList<>();
		int position = from;
		while (position + 8 <= to) {
			if (children.size() == MAX_CHILDREN) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "A box with more than " + MAX_CHILDREN + " children");
			}
			Box child = read(new ByteCursor(bytes, position, to), position, to);
			children.add(child);
			position = (int) child.end();
		}
		return children;
	}

	/**
	 * Return the first child of a type.
	 * @param children the children
	 * @param type the type
	 * @return the child or {@code null}
	 */
	static @Nullable Box find(List<Box> children, String type) {
		for (Box child : children) {
			if (child.type().equals(type)) {
				return child;
			}
		}
		return null;
	}

	private static String printable(String type) {
		return type.replaceAll("[^\\x20-\\x7e]", "?");
	}

}
