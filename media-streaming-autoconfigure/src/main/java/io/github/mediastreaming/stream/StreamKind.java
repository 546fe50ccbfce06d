package io.github.mediastreaming.stream;

import java.util.Locale;

/**
 * What a request asked for.
 */
public enum StreamKind {

	/** The whole file (or its faststart reordering). */
	PLAIN,

	/** A byte range of the file. */
	RANGE,

	/** A {@code ?start=} document (possibly with a range of it). */
	SEEK;

	/**
	 * Return the lower-case name used in metric tags and JSON.
	 * @return e.g. {@code "seek"}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
