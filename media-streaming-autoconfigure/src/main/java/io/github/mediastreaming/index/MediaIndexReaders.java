package io.github.mediastreaming.index;

import java.util.EnumMap;
import java.util.Map;

/**
 * The built-in reader of each format.
 */
public final class MediaIndexReaders {

	private MediaIndexReaders() {
	}

	/**
	 * Return a reader for every format this library knows.
	 * @return a new mutable map, so callers can replace or add readers
	 */
	public static Map<MediaFormat, MediaIndexReader> defaults() {
		Map<MediaFormat, MediaIndexReader> readers = new EnumMap<>(MediaFormat.class);
		return readers;
	}

}
