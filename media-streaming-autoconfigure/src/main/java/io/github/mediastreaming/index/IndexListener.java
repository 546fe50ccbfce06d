package io.github.mediastreaming.index;

import java.util.List;

/**
 * Observes indexing, for metrics. Methods are called on the indexing thread and must be cheap.
 */
public interface IndexListener {

	/** A listener that ignores everything. */
	IndexListener NONE = new IndexListener() {
	};

	/**
	 * A file was indexed.
	 * @param format the format's id, such as {@code mp4}
	 * @param nanos how long reading the headers took
	 */
	default void indexed(String format, long nanos) {
	}

	/**
	 * A file could not be indexed.
	 * @param format the id of the format its name announces
	 * @param reason why
	 * @param nanos how long the attempt took
	 */
	default void failed(String format, ProbeFailure reason, long nanos) {
	}

	/**
	 * Return a listener that forwards to each of the given listeners in order.
	 * @param listeners the listeners
	 * @return a single listener
	 */
	static IndexListener composite(List<? extends IndexListener> listeners) {
		List<IndexListener> copy = List.copyOf(listeners);
		if (copy.isEmpty()) {
			return NONE;
		}
		return (copy.size() == 1) ? copy.get(0) : new IndexListener() {

			@Override
			public void indexed(String format, long nanos) {
				copy.forEach((listener) -> listener.indexed(format, nanos));
			}

			@Override
			public void failed(String format, ProbeFailure reason, long nanos) {
				copy.forEach((listener) -> listener.failed(format, reason, nanos));
			}

		};
	}

}
