package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

import io.github.mediastreaming.bytes.BigEndian;
import org.jspecify.annotations.Nullable;

/**
 * A track's sample sizes ({@code stsz} or {@code stz2}) in as few bytes as they need: none when every
 * sample has the same size, otherwise one, two or four bytes a sample, whichever holds the largest. A
 * 2-hour movie's 3 KB video frames and 75-byte AAC frames take two bytes and one byte each. Immutable;
 * equal by content.
 */
final class SampleSizes {

	private final int count;

	private final int constant;

	private final byte @Nullable [] bytes;

	private final short @Nullable [] shorts;

	private final int @Nullable [] ints;

	/** The sum of every size, added up while the table is filled rather than in a pass of its own. */
	private final long total;

	private SampleSizes(int count, int constant, byte @Nullable [] bytes, short @Nullable [] shorts,
			int @Nullable [] ints, long total) {
		this.count = count;
		this.constant = constant;
		this.bytes = bytes;
		this.shorts = shorts;
		this.ints = ints;
		this.total = total;
	}

	/**
	 * Return sizes that are all the same.
	 * @param count the number of samples
	 * @param size every sample's size
	 * @return the sizes
	 */
	static SampleSizes constant(int count, int size) {
		return new SampleSizes(count, size, null, null, null, (long) count * size);
	}

	/**
	 * Return the width a table of sizes needs.
	 * @param largest the largest size
	 * @return 1, 2 or 4 bytes a sample
	 */
	static int widthFor(long largest) {
		return (largest <= 0xFF) ? 1 : (largest <= 0xFFFF) ? 2 : 4;
	}

	/**
	 * Return sizes held in a table of {@code width} bytes a sample.
	 * @param width 1, 2 or 4, from {@link #widthFor(long)} of the largest size
	 * @param sizes each sample's size; kept when the width is 4, otherwise copied into a narrower table
	 * @return the sizes
	 */
	static SampleSizes table(int width, int[] sizes) {
		int count = sizes.length;
		return switch (width) {
			case 1 -> {
				byte[] narrow = new byte[count];
				for (int i = 0; i < count; i++) {
					narrow[i] = (byte) sizes[i];
				}
				yield new SampleSizes(count, 0, narrow, null, null, sumOf(sizes));
			}
			case 2 -> {
				short[] narrow = new short[count];
				for (int i = 0; i < count; i++) {
					narrow[i] = (short) sizes[i];
				}
				yield new SampleSizes(count, 0, null, narrow, null, sumOf(sizes));
			}
			default -> new SampleSizes(count, 0, null, null, sizes, sumOf(sizes));
		};
	}

	/**
	 * Return the largest of a table of four-byte big-endian sizes, unsigned.
	 * @param data the bytes that hold the table
	 * @param offset the first entry's offset
	 * @param count the number of entries, all within {@code data}
	 * @return the largest size, from 0 to 2^32 - 1
	 */
	static long largestBigEndian(byte[] data, int offset, int count) {
		Objects.checkFromIndexSize(offset, 4L * count, data.length);
		long largest = 0;
		for (int i = 0; i < count; i++) {
			largest = Math.max(largest, BigEndian.getInt(data, offset + 4 * i) & 0xFFFFFFFFL);
		}
		return largest;
	}

	/**
	 * Return sizes read from a table of four-byte big-endian entries into a table of {@code width} bytes
	 * a sample, without a four-byte copy of the whole table first.
	 * @param width 1, 2 or 4, from {@link #widthFor(long)} of the {@link #largestBigEndian largest} entry
	 * @param data the bytes that hold the table
	 * @param offset the first entry's offset
	 * @param count the number of entries, all within {@code data}
	 * @return the sizes
	 */
	static SampleSizes ofBigEndian(int width, byte[] data, int offset, int count) {
		Objects.checkFromIndexSize(offset, 4L * count, data.length);
		return switch (width) {
			case 1 -> {
				byte[] narrow = new byte[count];
				long total = 0;
				for (int i = 0; i < count; i++) {
					// The low byte of a big-endian entry is its last.
					narrow[i] = data[offset + 4 * i + 3];
					total += narrow[i] & 0xFF;
				}
				yield new SampleSizes(count, 0, narrow, null, null, total);
			}
			case 2 -> {
				short[] narrow = new short[count];
				long total = 0;
				for (int i = 0; i < count; i++) {
					narrow[i] = (short) BigEndian.getInt(data, offset + 4 * i);
					total += narrow[i] & 0xFFFF;
				}
				yield new SampleSizes(count, 0, null, narrow, null, total);
			}
			default -> {
				int[] sizes = new int[count];
				ByteBuffer.wrap(data, offset, count * 4).asIntBuffer().get(sizes);
				yield new SampleSizes(count, 0, null, null, sizes, sumOf(sizes));
			}
		};
	}

	/**
	 * Return sizes read from a compact table ({@code stz2}) of 4-, 8- or 16-bit entries, kept at one byte
	 * a sample for the first two and two for the last.
	 * @param fieldBits 4, 8 or 16
	 * @param data the bytes that hold the table
	 * @param offset the first entry's offset
	 * @param count the number of entries, all within {@code data}
	 * @return the sizes
	 */
	static SampleSizes ofCompact(int fieldBits, byte[] data, int offset, int count) {
		Objects.checkFromIndexSize(offset, ((long) count * fieldBits + 7) / 8, data.length);
		return switch (fieldBits) {
			case 4 -> {
				byte[] sizes = new byte[count];
				long total = 0;
				for (int i = 0; i < count; i++) {
					// Two sizes a byte, the first in the high nibble.
					sizes[i] = (byte) ((data[offset + i / 2] >> ((i % 2 == 0) ? 4 : 0)) & 0xF);
					total += sizes[i];
				}
				yield new SampleSizes(count, 0, sizes, null, null, total);
			}
			case 8 -> {
				byte[] sizes = Arrays.copyOfRange(data, offset, offset + count);
				long total = 0;
				for (byte size : sizes) {
					total += size & 0xFF;
				}
				yield new SampleSizes(count, 0, sizes, null, null, total);
			}
			case 16 -> {
				short[] sizes = new short[count];
				ByteBuffer.wrap(data, offset, 2 * count).asShortBuffer().get(sizes);
				long total = 0;
				for (short size : sizes) {
					total += size & 0xFFFF;
				}
				yield new SampleSizes(count, 0, null, sizes, null, total);
			}
			default -> throw new IllegalArgumentException("stz2 field size " + fieldBits);
		};
	}

	/** @return the number of samples */
	int count() {
		return this.count;
	}

	/** @return the sum of every sample's size */
	long total() {
		return this.total;
	}

	/** @return whether every sample has the same size */
	boolean isConstant() {
		return this.bytes == null && this.shorts == null && this.ints == null;
	}

	/** @return the size every sample has, when {@link #isConstant()} */
	int constantSize() {
		return this.constant;
	}

	/**
	 * Return a sample's size.
	 * @param sample the sample index, from 0
	 * @return the size in bytes
	 */
	int size(int sample) {
		if (this.bytes != null) {
			return this.bytes[sample] & 0xFF;
		}
		if (this.shorts != null) {
			return this.shorts[sample] & 0xFFFF;
		}
		if (this.ints != null) {
			return this.ints[sample];
		}
		Objects.checkIndex(sample, this.count);
		return this.constant;
	}

	/**
	 * Return the sum of the sizes of samples {@code [from, to)}.
	 * @param from the first sample
	 * @param to one past the last sample
	 * @return the bytes
	 */
	long sum(int from, int to) {
		if (isConstant()) {
			return (long) (to - from) * this.constant;
		}
		// One loop per width: the sum runs over every sample of a file while it is indexed.
		long total = 0;
		if (this.bytes != null) {
			for (int i = from; i < to; i++) {
				total += this.bytes[i] & 0xFF;
			}
		}
		else if (this.shorts != null) {
			for (int i = from; i < to; i++) {
				total += this.shorts[i] & 0xFFFF;
			}
		}
		else if (this.ints != null) {
			for (int i = from; i < to; i++) {
				total += this.ints[i];
			}
		}
		return total;
	}

	/**
	 * Write the sizes of samples {@code [from, to)} as four-byte big-endian {@code stsz} entries. One loop
	 * per width: a cut's {@code stsz} is most of its head.
	 * @param from the first sample
	 * @param to one past the last sample
	 * @param block where to write
	 * @param at the first entry's offset in {@code block}
	 */
	void putEntries(int from, int to, byte[] block, int at) {
		Objects.checkFromToIndex(from, to, this.count);
		int index = at;
		if (this.bytes != null) {
			for (int i = from; i < to; i++, index += 4) {
				BigEndian.putInt(block, index, this.bytes[i] & 0xFF);
			}
		}
		else if (this.shorts != null) {
			for (int i = from; i < to; i++, index += 4) {
				BigEndian.putInt(block, index, this.shorts[i] & 0xFFFF);
			}
		}
		else if (this.ints != null) {
			for (int i = from; i < to; i++, index += 4) {
				BigEndian.putInt(block, index, this.ints[i]);
			}
		}
		else {
			for (int i = from; i < to; i++, index += 4) {
				BigEndian.putInt(block, index, this.constant);
			}
		}
	}

	private static long sumOf(int[] sizes) {
		long total = 0;
		for (int size : sizes) {
			total += size;
		}
		return total;
	}

	/** @return roughly the heap these sizes hold */
	long retainedBytes() {
		long table = (this.bytes != null) ? Heap.array(this.count, 1) : (this.shorts != null) ? Heap.array(this.count, 2)
				: (this.ints != null) ? Heap.array(this.count, 4) : 0;
		return Heap.OBJECT + table;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SampleSizes that && this.count == that.count && this.constant == that.constant
				&& Arrays.equals(this.bytes, that.bytes) && Arrays.equals(this.shorts, that.shorts)
				&& Arrays.equals(this.ints, that.ints);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.count, this.constant, (this.count > 0) ? size(this.count - 1) : 0);
	}

	@Override
	public String toString() {
		return "SampleSizes[" + this.count + (isConstant() ? " of " + this.constant : "") + "]";
	}

}
