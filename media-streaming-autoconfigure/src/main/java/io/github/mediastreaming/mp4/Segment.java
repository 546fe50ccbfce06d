package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;

/**
 * A run of bytes of a generated document whose length is known before any byte is produced: copied
 * bytes, a few literal bytes, or a table whose entries are computed from the index as they are written.
 */
interface Segment {

	/** @return how many bytes the segment produces */
	long length();

	/**
	 * Write the segment's bytes from a position on, as many as the target has room for.
	 * @param from the first byte, within the segment
	 * @param target where to write
	 * @return how many bytes were written
	 */
	int write(long from, ByteBuffer target);

	/**
	 * Return roughly what the segment keeps on the heap: its object, and the bytes of a literal; a copy or
	 * a table refers to the template or the index, which are counted where they are cached.
	 * @return bytes
	 */
	default long retainedBytes() {
		return Heap.OBJECT + 16;
	}

	/** A few bytes built for one cut: a box header, a patched {@code mvhd}, an edit list. */
	final class Literal implements Segment {

		private final byte[] bytes;

		Literal(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public long length() {
			return this.bytes.length;
		}

		@Override
		public int write(long from, ByteBuffer target) {
			int count = (int) Math.min(target.remaining(), this.bytes.length - from);
			target.put(this.bytes, (int) from, count);
			return count;
		}

		@Override
		public long retainedBytes() {
			return Heap.OBJECT + Heap.array(this.bytes.length, 1);
		}

	}

	/** Bytes of the template, copied as they are. */
	final class Copy implements Segment {

		private final MoovTemplate template;

		private final long offset;

		private final long length;

		Copy(MoovTemplate template, Box box) {
			this.template = template;
			this.offset = box.offset();
			this.length = box.size();
		}

		Copy(MoovTemplate template, long offset, long length) {
			this.template = template;
			this.offset = offset;
			this.length = length;
		}

		@Override
		public long length() {
			return this.length;
		}

		@Override
		public int write(long from, ByteBuffer target) {
			int count = (int) Math.min(target.remaining(), this.length - from);
			this.template.put(this.offset + from, count, target);
			return count;
		}

	}

	/**
	 * A table of fixed-width entries, each computed when written: into a block of at most
	 * {@value #BLOCK_BYTES} bytes, copied into the target at once. A call on the target per field cost
	 * most of a seek storm's time on the event loops, and more as the targets' kinds vary (direct buffers,
	 * heap buffers). An entry split by the end of a buffer (or by a position a range starts at) is computed
	 * whole and copied in part.
	 */
	abstract class Entries implements Segment {

		static final int BLOCK_BYTES = 8192;

		private final int width;

		private final int count;

		Entries(int width, int count) {
			this.width = width;
			this.count = count;
		}

		@Override
		public final long length() {
			return (long) this.width * this.count;
		}

		/** @return the number of entries */
		final int count() {
			return this.count;
		}

		/**
		 * Write entries {@code [first, first + number)}, whole and big-endian, into a block.
		 * @param first the first entry
		 * @param number how many
		 * @param block where to write; it has room for them
		 * @param at the first entry's offset in {@code block}
		 */
		abstract void put(int first, int number, byte[] block, int at);

		@Override
		public final int write(long from, ByteBuffer target) {
			long end = Math.min(length(), from + target.remaining());
			if (from >= end) {
				return 0;
			}
			int start = target.position();
			// Room for the whole entries the target takes, and the split ones at either end.
			long needed = (end - from) / this.width + 2;
			byte[] block = new byte[(int) Math.min(Math.max(1, BLOCK_BYTES / this.width), needed) * this.width];
			long at = from;
			while (at < end) {
				int entry = (int) (at / this.width);
				int within = (int) (at % this.width);
				if (within == 0 && end - at >= this.width) {
					int whole = (int) Math.min((end - at) / this.width, block.length / this.width);
					put(entry, whole, block, 0);
					target.put(block, 0, whole * this.width);
					at += (long) whole * this.width;
				}
				else {
					put(entry, 1, block, 0);
					int part = (int) Math.min(this.width - within, end - at);
					target.put(block, within, part);
					at += part;
				}
			}
			return target.position() - start;
		}

	}

}
