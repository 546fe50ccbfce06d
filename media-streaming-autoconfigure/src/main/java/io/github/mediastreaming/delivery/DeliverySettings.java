package io.github.mediastreaming.delivery;

import java.time.Duration;

import io.github.mediastreaming.pacing.PacingPlan;

/**
 * How response bodies are sent.
 *
 * @param pacingInterval how much of its schedule a paced stream sends at once (each send is then between
 * 2 KiB and 1 MiB, and leaves when its middle byte is due): one second gives a 128 kbit/s stream one
 * 17.6 KB send a second, as nginx's {@code limit_rate} does, and keeps every stream within half a second
 * of its schedule; players buffer seconds ahead, so larger sends cost nothing in smoothness and save
 * wake-ups
 * @param sendTimeout how long a client may take no bytes of a body before the connection is closed; a
 * paced stream waiting on its own schedule is not counted
 * @param smallBodyBytes bodies up to this size that need no pacing are read into one buffer and sent
 * with the headers in a single write, where file regions cannot be sent (TLS, HTTP/2)
 */
public record DeliverySettings(Duration pacingInterval, Duration sendTimeout, int smallBodyBytes) {

	/** The defaults: 1 s sends, a 60 s send timeout (as nginx's {@code send_timeout}), 32 KiB small bodies. */
	public static final DeliverySettings DEFAULTS = new DeliverySettings(Duration.ofSeconds(1), Duration.ofSeconds(60),
			32 * 1024);

	/** The smallest paced send: below this a send costs more in wake-ups than it saves in lead. */
	static final long MIN_SEND_BYTES = 2 * 1024;

	/** The largest paced send, so one send of a fast stream does not hold a region of the file for long. */
	static final long MAX_SEND_BYTES = 1024 * 1024;

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
	 * Return the length of one paced send from an offset: one pacing interval of the plan's schedule
	 * ({@link PacingPlan#sendEnd}), within {@link #MIN_SEND_BYTES} and {@link #MAX_SEND_BYTES}.
	 * @param plan the stream's plan
	 * @param fromBytes the send's first byte
	 * @return the send's length in bytes
	 */
	long sendBytes(PacingPlan plan, long fromBytes) {
		long bytes = plan.sendEnd(fromBytes, this.pacingInterval.toNanos()) - fromBytes;
		return Math.max(MIN_SEND_BYTES, Math.min(MAX_SEND_BYTES, bytes));
	}

}
