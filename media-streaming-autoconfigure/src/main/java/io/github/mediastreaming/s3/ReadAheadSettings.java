package io.github.mediastreaming.s3;

import java.time.Duration;

/**
 * How a response body is read from the store: in ranged GETs ("chunks") that each cover
 * {@code readAhead} of the stream's paced rate, within {@code [minChunkBytes, maxChunkBytes]}, with the
 * next chunk fetched while the current one is sent: a stream holds the chunk it sends and the next one,
 * and for a moment at each chunk's end the one before, whose last buffer is still being written (about
 * 2.4 chunks on average, measured). An unpaced
 * body reads maximum-size chunks.
 *
 * <p>For example, with the defaults (4 s, 64 KiB to 1 MiB) a 128 kbit/s stream paced at 17.6 KB/s reads
 * 70 KB per GET, one GET every 4 s, and holds about 170 KB; a 4 Mbit/s video (550 KB/s) reads 1 MiB
 * chunks, about one GET every 2 s.
 *
 * @param readAhead how much time at the paced rate one GET covers
 * @param minChunkBytes the smallest GET (a low-bitrate stream's), which bounds the requests per stream
 * @param maxChunkBytes the largest GET (an unpaced or high-bitrate stream's), which bounds the memory per
 * stream (about 2.4 times this)
 */
public record ReadAheadSettings(Duration readAhead, int minChunkBytes, int maxChunkBytes) {

	/** The defaults: 4 s, 64 KiB to 1 MiB. */
	public static final ReadAheadSettings DEFAULTS = new ReadAheadSettings(Duration.ofSeconds(4), 64 * 1024,
			1024 * 1024);

	public ReadAheadSettings {
		if (readAhead.isNegative() || readAhead.isZero()) {
			throw new IllegalArgumentException("The read-ahead must be positive, was " + readAhead);
		}
		if (minChunkBytes <= 0 || maxChunkBytes < minChunkBytes) {
			throw new IllegalArgumentException(
					"Chunk sizes must satisfy 0 < min <= max, were " + minChunkBytes + " and " + maxChunkBytes);
		}
	}

	/**
	 * Return the size of each GET of a body sent at the given rate.
	 * @param bytesPerSecond the paced rate, 0 or less for an unpaced body
	 * @return the chunk size in bytes
	 */
	public int chunkBytes(long bytesPerSecond) {
		if (bytesPerSecond <= 0) {
			return this.maxChunkBytes;
		}
		double bytes = bytesPerSecond * (this.readAhead.toNanos() / 1e9);
		return (int) Math.max(this.minChunkBytes, Math.min(this.maxChunkBytes, bytes));
	}

}
