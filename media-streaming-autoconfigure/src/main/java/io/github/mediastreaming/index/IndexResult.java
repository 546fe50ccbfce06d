package io.github.mediastreaming.index;

/**
 * Outcome of indexing one file version: an index, or the reason there is none. Both are cached, so a
 * file that cannot be probed is not probed again on every request (a bug of the original handler).
 */
public sealed interface IndexResult permits IndexResult.Indexed, IndexResult.Unindexed {

	/**
	 * The file was indexed.
	 *
	 * @param index the index
	 */
	record Indexed(MediaIndex index) implements IndexResult {

	}

	/**
	 * The file could not be indexed; it is served as it is, unpaced.
	 *
	 * @param reason the category of failure
	 * @param message what went wrong, for logs and the actuator endpoint
	 */
	record Unindexed(ProbeFailure reason, String message) implements IndexResult {

	}

}
