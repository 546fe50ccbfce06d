package io.github.mediastreaming.stream;

import java.util.Locale;

/**
 * What currently limits a stream's speed.
 */
public enum StreamState {

	/** Not paced: as fast as the client and the network take it. */
	UNPACED,

	/** Sending the initial boost as fast as the client takes it. */
	BOOSTING,

	/** Waiting for the pacer: the server holds back to the target rate. */
	PACED,

	/** Waiting for the client: it reads slower than the target rate. */
	CLIENT_BOUND;

	/**
	 * Return the lower-case name used in JSON.
	 * @return e.g. {@code "client_bound"}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
