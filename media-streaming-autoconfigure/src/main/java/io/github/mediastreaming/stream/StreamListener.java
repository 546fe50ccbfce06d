package io.github.mediastreaming.stream;

/**
 * Observes streams, for metrics and tracing: once when a request is answered, once when its stream opens,
 * once at its first body byte and once when it closes (never per buffer; a stream's waits and bytes are
 * totals on {@link ActiveStream}). Methods run on the streaming threads and must be cheap and must not throw.
 */
public interface StreamListener {

	/** A listener that ignores everything. */
	StreamListener NONE = new StreamListener() {
	};

	/**
	 * A request was answered.
	 * @param kind what it asked for
	 * @param format the file's format, {@link io.github.mediastreaming.format.MediaFormat#UNKNOWN} when no file
	 * @param status the HTTP status
	 */
	default void answered(StreamKind kind, io.github.mediastreaming.format.MediaFormat format, int status) {
	}

	/**
	 * A stream started sending.
	 * @param stream the stream
	 */
	default void opened(ActiveStream stream) {
	}

	/**
	 * A stream handed its first body bytes to the connection ({@link ActiveStream#timeToFirstByte()} is
	 * known): a paced film's, hours before it ends.
	 * @param stream the stream
	 */
	default void firstByte(ActiveStream stream) {
	}

	/**
	 * A stream ended.
	 * @param stream the stream, with its final byte count
	 * @param outcome how it ended
	 * @param nanoTime the current {@link System#nanoTime()}
	 */
	default void closed(ActiveStream stream, StreamOutcome outcome, long nanoTime) {
	}

}
