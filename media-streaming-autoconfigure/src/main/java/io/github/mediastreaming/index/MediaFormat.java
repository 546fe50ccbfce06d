package io.github.mediastreaming.index;

import java.util.Locale;
import java.util.Map;

/**
 * Container formats the server knows, chosen by file extension.
 */
public enum MediaFormat {

	/** ISO base media file format: MP4, M4V, M4A, MOV. */
	MP4,

	/** Flash Video. */
	FLV,

	/** MPEG audio layer III. */
	MP3,

	/** Ogg with Vorbis, Opus or other codecs. */
	OGG,

	/** RIFF WAVE. */
	WAV,

	/** RIFF AVI. */
	AVI,

	/** Matroska and its WebM subset. */
	MATROSKA,

	/** Anything else: served, never paced. */
	UNKNOWN;

	private static final Map<String, MediaFormat> BY_EXTENSION = Map.ofEntries(Map.entry("mp4", MP4),
			Map.entry("m4v", MP4), Map.entry("m4a", MP4), Map.entry("mov", MP4), Map.entry("flv", FLV),
			Map.entry("mp3", MP3), Map.entry("ogg", OGG), Map.entry("oga", OGG), Map.entry("ogv", OGG),
			Map.entry("opus", OGG), Map.entry("wav", WAV), Map.entry("avi", AVI), Map.entry("mkv", MATROSKA),
			Map.entry("mka", MATROSKA), Map.entry("webm", MATROSKA));

	/**
	 * Return the format a file name's extension announces.
	 * @param fileName a file name or path
	 * @return the format, {@link #UNKNOWN} when the extension is not a media one
	 */
	public static MediaFormat fromFileName(String fileName) {
		int dot = fileName.lastIndexOf('.');
		if (dot < 0 || dot == fileName.length() - 1) {
			return UNKNOWN;
		}
		return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN);
	}

	/**
	 * Return the lower-case name used in metric tags and JSON.
	 * @return e.g. {@code "mp4"}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
