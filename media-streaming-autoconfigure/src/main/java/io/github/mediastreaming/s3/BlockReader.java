package io.github.mediastreaming.s3;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;

import org.jspecify.annotations.Nullable;

/**
 * The random reads of index readers and cutters, served from a few recently fetched blocks, so that
 * sequential small reads (an FLV tag walk, MP4 box headers, a RIFF chunk list) do not cost a request each.
 * A read that misses fetches at least {@code blockBytes} from its position; a miss that continues where
 * the last fetch ended doubles the next fetch, up to {@code maxAheadBytes}, as a file system's read-ahead
 * does, so walking a whole file costs a few dozen requests, not thousands. Blocks are kept, newest first,
 * up to {@code maxCachedBytes}.
 *
 * <p>For example, indexing an MP4 whose {@code moov} is at the end costs three GETs: 64 KiB at 0 (the
 * {@code ftyp} and {@code mdat} headers), 64 KiB at the {@code moov} header, then the rest of the
 * {@code moov} from there, one tail range. Not thread-safe, like the source it serves.
 */
final class BlockReader {

	private final long size;

	private final RangeReader fetcher;

	private final int blockBytes;

	private final int maxAheadBytes;

	private final long maxCachedBytes;

	private final Deque<Block> blocks = new ArrayDeque<>();

	private long cachedBytes;

	private int aheadBytes;

	private long fetches;

	/**
	 * Create a reader.
	 * @param size the object's size
	 * @param fetcher reads exactly the bytes asked for, within the object
	 * @param blockBytes the smallest fetch
	 * @param maxAheadBytes the largest fetch a sequential reader grows to
	 * @param maxCachedBytes how many fetched bytes to keep (the newest block is always kept)
	 */
	BlockReader(long size, RangeReader fetcher, int blockBytes, int maxAheadBytes, long maxCachedBytes) {
		if (blockBytes <= 0 || maxAheadBytes < blockBytes) {
			throw new IllegalArgumentException("Need 0 < block <= ahead, were " + blockBytes + ", " + maxAheadBytes);
		}
		this.size = size;
		this.fetcher = fetcher;
		this.blockBytes = blockBytes;
		this.maxAheadBytes = maxAheadBytes;
		this.maxCachedBytes = maxCachedBytes;
		this.aheadBytes = blockBytes;
	}

	/**
	 * Read up to {@code length} bytes at {@code position}, fewer only at the end of the object.
	 * @param position the first byte
	 * @param length the most bytes to read
	 * @return the bytes, empty at or past the end
	 * @throws IOException if the store cannot be read
	 */
	byte[] read(long position, int length) throws IOException {
		if (position < 0 || length < 0) {
			throw new IllegalArgumentException("Negative position or length: " + position + ", " + length);
		}
		if (position >= this.size || length == 0) {
			return new byte[0];
		}
		int wanted = (int) Math.min(length, this.size - position);
		Block hit = find(position, wanted);
		if (hit != null) {
			int from = (int) (position - hit.start);
			return Arrays.copyOfRange(hit.bytes, from, from + wanted);
		}
		Block last = this.blocks.peekFirst();
		boolean sequential = last != null && position >= last.start && position <= last.end() + this.blockBytes;
		this.aheadBytes = sequential ? Math.min(this.maxAheadBytes, this.aheadBytes * 2) : this.blockBytes;
		int fetchLength = (int) Math.min(this.size - position, Math.max(wanted, this.aheadBytes));
		byte[] bytes = this.fetcher.read(position, fetchLength);
		this.fetches++;
		keep(new Block(position, bytes));
		return (bytes.length == wanted) ? Arrays.copyOf(bytes, wanted) : Arrays.copyOfRange(bytes, 0, wanted);
	}

	/** @return how many fetches the reads cost so far */
	long fetches() {
		return this.fetches;
	}

	/** Drop every block. */
	void clear() {
		this.blocks.clear();
		this.cachedBytes = 0;
	}

	private @Nullable Block find(long position, int length) {
		for (Block block : this.blocks) {
			if (position >= block.start && position + length <= block.end()) {
				return block;
			}
		}
		return null;
	}

	private void keep(Block block) {
		this.blocks.addFirst(block);
		this.cachedBytes += block.bytes.length;
		Iterator<Block> oldest = this.blocks.descendingIterator();
		while (this.cachedBytes > this.maxCachedBytes && this.blocks.size() > 1) {
			Block dropped = oldest.next();
			oldest.remove();
			this.cachedBytes -= dropped.bytes.length;
		}
	}

	/** Reads exactly the bytes asked for; they lie within the object. */
	@FunctionalInterface
	interface RangeReader {

		/**
		 * Read bytes.
		 * @param position the first byte
		 * @param length how many
		 * @return exactly {@code length} bytes
		 * @throws IOException if they cannot be read
		 */
		byte[] read(long position, int length) throws IOException;

	}

	private record Block(long start, byte[] bytes) {

		long end() {
			return this.start + this.bytes.length;
		}

	}

}
