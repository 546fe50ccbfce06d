package io.github.mediastreaming.bytes;

/**
 * The store that holds a file's bytes could not answer: access denied, a network failure, an outage. The client gets a 502 problem
 * detail that names no cause; the cause is logged.
 */
public class MediaStoreException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what failed, for the log
	 * @param cause the store client's error
	 */
	public MediaStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
