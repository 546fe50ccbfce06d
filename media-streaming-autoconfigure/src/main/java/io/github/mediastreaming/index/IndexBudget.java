package io.github.mediastreaming.index;

import org.springframework.util.unit.DataSize;

/**
 * How much heap one file's index may take, spent by a reader as it goes: a reader reserves what a table
 * will cost <em>before</em> it allocates it, from counts it has checked against the bytes that hold the
 * table, so a file whose tables list millions of entries fails with {@link ProbeFailure#TOO_LARGE} instead
 * of exhausting the heap.
 * Example: an MP4 track whose {@code stsz} lists 3,000,000 sample sizes takes 3 MB or more of index; with
 * a bound of 2 MB the reservation fails before the array exists, and the file is served as it is,
 * unpaced.
 * <p>
 * One budget serves one read of one file; a reader may spend it from several threads (the MP4 reader
 * reads tracks side by side), so reservations are synchronized.
 */
public final class IndexBudget {

	/**
	 * Bound of {@link #ofDefault()}: about 13 million MP4 samples (a 50-hour movie) at the 4.9 bytes a
	 * sample an MP4 index takes, more than the largest {@code moov} read (64 MB) can list.
	 */
	public static final DataSize DEFAULT_MAXIMUM = DataSize.ofMegabytes(64);

	private final long maximumBytes;

	private long reservedBytes;

	private IndexBudget(long maximumBytes) {
		if (maximumBytes <= 0) {
			throw new IllegalArgumentException("The index budget must be positive, was " + maximumBytes + " bytes");
		}
		this.maximumBytes = maximumBytes;
	}

	/**
	 * Return a new budget.
	 * @param maximumBytes the most heap the index may hold
	 * @return the budget, nothing reserved yet
	 */
	public static IndexBudget of(long maximumBytes) {
		return new IndexBudget(maximumBytes);
	}

	/**
	 * Return a new budget of {@link #DEFAULT_MAXIMUM}.
	 * @return the budget
	 */
	public static IndexBudget ofDefault() {
		return new IndexBudget(DEFAULT_MAXIMUM.toBytes());
	}

	/**
	 * Reserve room for {@code count} entries of {@code bytesPerEntry} bytes each, before allocating them.
	 * @param count how many entries the file declares (untrusted, may be huge)
	 * @param bytesPerEntry what one entry costs in the index
	 * @param what what the entries are, for the message
	 * @throws MediaFormatException with {@link ProbeFailure#TOO_LARGE} if the index would exceed the budget
	 */
	public synchronized void reserve(long count, long bytesPerEntry, String what) throws MediaFormatException {
		if (count < 0 || bytesPerEntry < 0) {
			throw new IllegalArgumentException("Negative reservation: " + count + " x " + bytesPerEntry);
		}
		// Compared by division first: count * bytesPerEntry may overflow for hostile counts.
		long left = this.maximumBytes - this.reservedBytes;
		if (bytesPerEntry > 0 && count > left / bytesPerEntry) {
			throw new MediaFormatException(ProbeFailure.TOO_LARGE, "The index would exceed its bound of "
					+ this.maximumBytes + " bytes: " + count + " " + what + " (media.streaming.cache.maximum-index-memory)");
		}
		this.reservedBytes += count * bytesPerEntry;
	}

	/**
	 * Reserve room for a number of bytes.
	 * @param bytes how many
	 * @param what what they are, for the message
	 * @throws MediaFormatException with {@link ProbeFailure#TOO_LARGE} if the index would exceed the budget
	 */
	public void reserve(long bytes, String what) throws MediaFormatException {
		reserve(bytes, 1, what);
	}

	/**
	 * Return how much has been reserved.
	 * @return bytes
	 */
	public synchronized long reservedBytes() {
		return this.reservedBytes;
	}

	/**
	 * Return the bound.
	 * @return bytes
	 */
	public long maximumBytes() {
		return this.maximumBytes;
	}

}
