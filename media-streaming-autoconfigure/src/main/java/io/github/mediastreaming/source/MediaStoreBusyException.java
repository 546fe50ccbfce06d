package io.github.mediastreaming.source;

import java.time.Duration;

import io.github.mediastreaming.bytes.MediaStoreException;

/**
 * A store asked us to slow down (an object store's throttling). The client gets a 503 problem detail with
 * {@code Retry-After}.
 */
public class MediaStoreBusyException extends MediaStoreException {

	private final Duration retryAfter;

	/**
	 * Create an exception.
	 * @param message what failed, for the log
	 * @param cause the store client's error
	 * @param retryAfter how long the client should wait before it retries, at least a second
	 */
	public MediaStoreBusyException(String message, Throwable cause, Duration retryAfter) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** @return how long the client should wait before it retries */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
