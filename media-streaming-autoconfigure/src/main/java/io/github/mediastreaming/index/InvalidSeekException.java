package io.github.mediastreaming.index;

/**
 * A {@code ?start=} request this file cannot serve: out of range, or a layout that cannot be cut. The
 * message is shown to the client in a problem detail, so it must say what was wrong and must not leak
 * server paths.
 */
public class InvalidSeekException extends Exception {

	/**
	 * Create an exception.
	 * @param message what was wrong with the request, for the client
	 */
	public InvalidSeekException(String message) {
		super(message);
	}

}
