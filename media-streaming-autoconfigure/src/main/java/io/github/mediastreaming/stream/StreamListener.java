package io.github.mediastreaming.stream;

/**
 * Observes streams, for metrics and tracing. Methods run on the streaming threads and must be cheap and
 * must not throw.
 */
public interface StreamListener {

	/** A listener that ignores everything. */
	StreamListener NONE = new StreamListener() {
	};

	/**
	 * A request was answered.
	 * @param kind what it asked for
	 * @param format the file's format, {@link io.github.mediastreaming.index.MediaFormat#UNKNOWN} when no file
	 * @param status the HTTP status
	 */
	default void answered(StreamKind kind, io.github.mediastreaming.index.MediaFormat format, int status) {
	}

	/**
	 * A stream started sending.
	 * @param stream the stream
	 */
	default void opened(ActiveStream stream) {
	}

	/**
	 * The pacer held a stream back, or the client did.
	 * @param stream the stream
	 * @param pacerNanos time spent waiting for the pacer's schedule
	 * @param clientNanos time spent waiting for the client's demand
	 */
	default void waited(ActiveStream stream, long pacerNanos, long clientNanos) {
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
