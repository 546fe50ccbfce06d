package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import org.jspecify.annotations.Nullable;

/**
 * What a cut copies from the source besides its samples: the {@code ftyp} box and a {@code moov} without
 * its sample tables (each {@code stbl} keeps only its {@code stsd}; edit lists and {@code mvex} are left
 * out, since every cut writes its own). For a 2-hour movie this is about a kilobyte, where the whole
 * {@code moov} is 4 MB. Immutable; equal by content.
 */
final class MoovTemplate {

	private final byte[] bytes;

	private final int ftypLength;

	private MoovTemplate(byte[] bytes, int ftypLength) {
		this.bytes = bytes;
		this.ftypLength = ftypLength;
	}

	/**
	 * Build the template of a file, reserving its bytes first.
	 * @param ftyp the source {@code ftyp} box, empty when the file has none
	 * @param moov an array that holds the source {@code moov} box from its index 0
	 * @param moovLength the box's length (the array may be longer)
	 * @param budget where the template's bytes are reserved
	 * @return the template
	 * @throws MediaFormatException if a box in the {@code moov} is malformed, or the template exceeds the
	 * budget
	 */
	static MoovTemplate of(byte[] ftyp, byte[] moov, int moovLength, IndexBudget budget) throws MediaFormatException {
		Box root = new Box("moov", 0, moovLength, 8);
		long length = ftyp.length + write(null, moov, root);
		budget.reserve(Heap.OBJECT + Heap.array(length, 1), "bytes of ftyp and moov without sample tables");
		BoxWriter out = new BoxWriter((int) length);
		out.copy(ftyp, 0, ftyp.length);
		write(out, moov, root);
		// Measured exactly: the writer's array is the template, no copy needed.
		return new MoovTemplate((out.bytes().length == length) ? out.bytes() : out.toByteArray(), ftyp.length);
	}

	/**
	 * Write what the template keeps of a box, or only measure it without a writer: containers down to
	 * {@code stbl} are rebuilt, edit lists and {@code mvex} dropped, an {@code stbl} reduced to its
	 * {@code stsd}, any other box copied.
	 * @return the length kept
	 */
	private static long write(@Nullable BoxWriter out, byte[] moov, Box box) throws MediaFormatException {
		boolean container = switch (box.type()) {
			case "moov", "trak", "mdia", "minf", "stbl" -> true;
			default -> false;
		};
		if (!container) {
			if (out != null) {
				out.copy(moov, box.offset(), box.size());
			}
			return box.size();
		}
		int start = (out != null) ? out.start(box.type()) : 0;
		long length = 8;
		for (Box child : Box.children(moov, (int) box.dataOffset(), (int) box.end())) {
			if (kept(box.type(), child.type())) {
				length += write(out, moov, child);
			}
		}
		if (out != null) {
			out.end(start);
		}
		return length;
	}

	private static boolean kept(String container, String child) {
		return switch (container) {
			case "moov" -> !child.equals("mvex");
			case "trak" -> !child.equals("edts");
			case "stbl" -> child.equals("stsd");
			default -> true;
		};
	}

	/** @return the length of the {@code ftyp} box, 0 without one */
	int ftypLength() {
		return this.ftypLength;
	}

	/** @return the {@code moov} box */
	Box moov() {
		return new Box("moov", this.ftypLength, this.bytes.length - this.ftypLength, 8);
	}

	/**
	 * @param box a container box of this template
	 * @return its children
	 */
	List<Box> children(Box box) {
		try {
			return Box.children(this.bytes, (int) box.dataOffset(), (int) box.end());
		}
		catch (MediaFormatException ex) {
			// Every box was written by our own walk over checked boxes.
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param box a full box of this template
	 * @return its version
	 */
	int version(Box box) {
		return this.bytes[(int) box.dataOffset()] & 0xFF;
	}

	/**
	 * @param box a (small) box of this template
	 * @return a copy of its bytes, to patch
	 */
	byte[] copyOf(Box box) {
		return Arrays.copyOfRange(this.bytes, (int) box.offset(), (int) box.end());
	}

	/**
	 * Copy bytes of this template into a buffer.
	 * @param offset the first byte
	 * @param length how many bytes, at most what the target has room for
	 * @param target where to put them
	 */
	void put(long offset, int length, ByteBuffer target) {
		target.put(this.bytes, (int) offset, length);
	}

	/** @return the heap this template holds */
	long retainedBytes() {
		return Heap.OBJECT + Heap.array(this.bytes.length, 1);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MoovTemplate that && this.ftypLength == that.ftypLength
				&& Arrays.equals(this.bytes, that.bytes);
	}

	@Override
	public int hashCode() {
		return 31 * this.ftypLength + this.bytes.length;
	}

	@Override
	public String toString() {
		return "MoovTemplate[" + this.bytes.length + " bytes]";
	}

}
