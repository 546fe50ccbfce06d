package io.github.mediastreaming.source;

import java.util.List;
import java.util.Locale;

/**
 * Observer of the requests a remote {@link MediaStore} makes (an object store's HEAD and ranged GETs),
 * for metrics: what each request was, how it ended and how long the store took to answer, and the bytes
 * read. Called on the store client's threads, so implementations must be quick and thread-safe.
 */
public interface MediaStoreListener {

	/** A listener that ignores everything. */
	MediaStoreListener NONE = new MediaStoreListener() {
	};

	/**
	 * A request to the store ended.
	 * @param operation what it was, such as {@code head}, {@code read} (a reader's ranged read) or
	 * {@code stream} (a ranged read for a response body)
	 * @param outcome how it ended
	 * @param nanos the time from sending it until the store's answer (its headers) or its failure
	 */
	default void requested(String operation, Outcome outcome, long nanos) {
	}

	/**
	 * Bytes arrived from the store.
	 * @param bytes how many
	 */
	default void bytesRead(long bytes) {
	}

	/**
	 * Return a listener that forwards to each of the given ones, in order.
	 * @param listeners the listeners
	 * @return the composite, {@link #NONE} when empty
	 */
	static MediaStoreListener composite(List<? extends MediaStoreListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<MediaStoreListener> all = List.copyOf(listeners);
		return new MediaStoreListener() {

			@Override
			public void requested(String operation, Outcome outcome, long nanos) {
				all.forEach((listener) -> listener.requested(operation, outcome, nanos));
			}

			@Override
			public void bytesRead(long bytes) {
				all.forEach((listener) -> listener.bytesRead(bytes));
			}

		};
	}

	/** How a request to the store ended. */
	enum Outcome {

		/** The store answered with the object or its metadata. */
		SUCCESS,

		/** No such object. */
		NOT_FOUND,

		/** The object changed since it was found (its ETag no longer matches). */
		CHANGED,

		/** The store refused the request (access denied, bad credentials). */
		DENIED,

		/** The store asked us to slow down. */
		THROTTLED,

		/** The store could not be reached or failed (network error, timeout, 5xx). */
		ERROR,

		/** We cancelled it: the client that needed it went away. */
		CANCELLED;

		/**
		 * Return the tag value of this outcome.
		 * @return the lower-case name, such as {@code not_found}
		 */
		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
