package io.github.mediastreaming.stream;

import java.util.Locale;

/**
 * How a stream ended.
 */
public enum StreamOutcome {

	/** Every byte was handed to the connection. */
	COMPLETED,

	/** The client went away first (hang-up, or a player that stopped). */
	CANCELLED,

	/** Reading the file or writing the connection failed. */
	FAILED,

	/**
	 * The client took no bytes for {@code media.streaming.send-timeout} and the server closed the
	 * connection (a stalled player or a half-open connection).
	 */
	TIMED_OUT;

	/**
	 * Return the lower-case name used in metric tags.
	 * @return e.g. {@code "cancelled"}
	 */
	public String id() {
		return (this == TIMED_OUT) ? "timed_out" : name().toLowerCase(Locale.ROOT);
	}

}
