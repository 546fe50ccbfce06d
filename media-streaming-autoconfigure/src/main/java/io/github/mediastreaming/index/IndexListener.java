package io.github.mediastreaming.index;

/**
 * Observes indexing, for metrics. Methods are called on the indexing thread and must be cheap.
 */
public interface IndexListener {

	/** A listener that ignores everything. */
	IndexListener NONE = new IndexListener() {
	};

	/**
	 * A file was indexed.
	 * @param format the format
	 * @param nanos how long reading the headers took
	 */
	default void indexed(MediaFormat format, long nanos) {
	}

	/**
	 * A file could not be indexed.
	 * @param format the format its name announces
	 * @param reason why
	 * @param nanos how long the attempt took
	 */
	default void failed(MediaFormat format, ProbeFailure reason, long nanos) {
	}

}
