package io.github.mediastreaming.index;

/**
 * A file's bytes are not a readable instance of its format.
 */
public class MediaFormatException extends Exception {

	private final ProbeFailure reason;

	/**
	 * Create an exception.
	 * @param reason the category, for metrics
	 * @param message what was wrong, for logs
	 */
	public MediaFormatException(ProbeFailure reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Create an exception with a cause.
	 * @param reason the category, for metrics
	 * @param message what was wrong, for logs
	 * @param cause the underlying error
	 */
	public MediaFormatException(ProbeFailure reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/**
	 * Return why the file could not be indexed.
	 * @return the reason
	 */
	public ProbeFailure reason() {
		return this.reason;
	}

}
