package io.github.mediastreaming.delivery;

import java.time.Duration;

/**
 * How response bodies are sent.
 *
 * @param pacingInterval how much time at its paced rate a paced stream sends at once (each send is then
 * between 16 KiB and 1 MiB): one second gives a 128 kbit/s stream one 17.6 KB send a second, as nginx's
 * {@code limit_rate} does; players buffer seconds ahead, so larger sends cost nothing in smoothness and
 * save wake-ups
 * @param sendTimeout how long a client may take no bytes of a body before the connection is closed; a
 * paced stream waiting on its own schedule is not counted
 * @param smallBodyBytes bodies up to this size that need no pacing are read into one buffer and sent
 * with the headers in a single write
 */
public record DeliverySettings(Duration pacingInterval, Duration sendTimeout, int smallBodyBytes) {

	/** The defaults: 1 s sends, a 60 s send timeout (as nginx's {@code send_timeout}), 32 KiB small bodies. */
	public static final DeliverySettings DEFAULTS = new DeliverySettings(Duration.ofSeconds(1), Duration.ofSeconds(60),
			32 * 1024);

	static final long MIN_CHUNK_BYTES = 16 * 1024;

	static final long MAX_CHUNK_BYTES = 1024 * 1024;

	public DeliverySettings {
		if (pacingInterval.isNegative() || pacingInterval.isZero()) {
			throw new IllegalArgumentException("The pacing interval must be positive, was " + pacingInterval);
		}
		if (sendTimeout.isNegative() || sendTimeout.isZero()) {
			throw new IllegalArgumentException("The send timeout must be positive, was " + sendTimeout);
		}
		if (smallBodyBytes < 0) {
			throw new IllegalArgumentException("The small-body size must not be negative, was " + smallBodyBytes);
		}
	}

	/**
	 * Return the size of one paced send at a limit: one pacing interval's worth, within 16 KiB to 1 MiB.
	 * @param limitBytesPerSecond the paced rate
	 * @return the chunk size in bytes
	 */
	long chunkBytes(long limitBytesPerSecond) {
		double seconds = this.pacingInterval.toNanos() / 1e9;
		long bytes = (long) Math.min(Long.MAX_VALUE, limitBytesPerSecond * seconds);
		return Math.max(MIN_CHUNK_BYTES, Math.min(MAX_CHUNK_BYTES, bytes));
	}

}
