package io.github.mediastreaming.index;

import java.util.Locale;

/**
 * Why a file could not be indexed. The file is still served, unpaced; the reason is logged and counted.
 */
public enum ProbeFailure {

	/** No reader knows the format. */
	UNKNOWN_FORMAT,

	/** The file ends before a structure it announces. */
	TRUNCATED,

	/** The bytes are not what the format requires (bad magic, impossible sizes). */
	MALFORMED,

	/** The container holds no duration or bitrate to pace by. */
	NO_BITRATE,

	/**
	 * The file's tables declare more entries than its index may hold
	 * ({@code media.streaming.cache.maximum-index-memory}); the file is served unindexed rather than let
	 * it claim the heap.
	 */
	TOO_LARGE,

	/** The file could not be read. */
	IO_ERROR;

	/**
	 * Return the lower-case name used in metric tags.
	 * @return e.g. {@code "truncated"}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
