package io.github.mediastreaming.mp4;

import java.util.Arrays;

import io.github.mediastreaming.bytes.BigEndian;
import org.jspecify.annotations.Nullable;

/**
 * A track's chunk offsets as the file stores them: four bytes a chunk from {@code stco}, eight from
 * {@code co64}. Immutable; equal by content.
 */
final class ChunkOffsets {

	private final int @Nullable [] narrow;

	private final long @Nullable [] wide;

	private ChunkOffsets(int @Nullable [] narrow, long @Nullable [] wide) {
		this.narrow = narrow;
		this.wide = wide;
	}

	/**
	 * @param offsets unsigned 32-bit offsets, from {@code stco}; not copied
	 * @return the table
	 */
	static ChunkOffsets narrow(int[] offsets) {
		return new ChunkOffsets(offsets, null);
	}

	/**
	 * @param offsets 64-bit offsets, from {@code co64}; not copied
	 * @return the table
	 */
	static ChunkOffsets wide(long[] offsets) {
		return new ChunkOffsets(null, offsets);
	}

	/** @return the number of chunks */
	int count() {
		return (this.narrow != null) ? this.narrow.length : this.wide.length;
	}

	/**
	 * @param chunk the chunk index, from 0
	 * @return its file offset
	 */
	long offset(int chunk) {
		return (this.narrow != null) ? this.narrow[chunk] & 0xFFFFFFFFL : this.wide[chunk];
	}

	/**
	 * Write the offsets of chunks {@code [from, to)}, each moved by {@code delta}, as big-endian
	 * {@code stco} (four-byte) or {@code co64} (eight-byte) entries.
	 * @param from the first chunk
	 * @param to one past the last chunk
	 * @param delta what each offset moves by
	 * @param wide whether to write eight-byte entries
	 * @param block where to write
	 * @param at the first entry's offset in {@code block}
	 */
	void putEntries(int from, int to, long delta, boolean wide, byte[] block, int at) {
		int index = at;
		if (wide) {
			for (int chunk = from; chunk < to; chunk++, index += 8) {
				BigEndian.putLong(block, index, offset(chunk) + delta);
			}
		}
		else if (this.narrow != null) {
			for (int chunk = from; chunk < to; chunk++, index += 4) {
				BigEndian.putInt(block, index, (int) ((this.narrow[chunk] & 0xFFFFFFFFL) + delta));
			}
		}
		else {
			for (int chunk = from; chunk < to; chunk++, index += 4) {
				BigEndian.putInt(block, index, (int) (offset(chunk) + delta));
			}
		}
	}

	/** @return the heap this table holds */
	long retainedBytes() {
		return Heap.OBJECT + ((this.narrow != null) ? Heap.array(this.narrow.length, 4) : Heap.array(this.wide.length, 8));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ChunkOffsets that && Arrays.equals(this.narrow, that.narrow)
				&& Arrays.equals(this.wide, that.wide);
	}

	@Override
	public int hashCode() {
		return (count() > 0) ? Long.hashCode(offset(count() - 1)) : 0;
	}

	@Override
	public String toString() {
		return "ChunkOffsets[" + count() + "]";
	}

}
