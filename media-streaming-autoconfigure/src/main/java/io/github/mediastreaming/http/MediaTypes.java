package io.github.mediastreaming.http;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;

/**
 * Content types of the media formats. Our own table because the JDK's and nginx's stock tables lack
 * several of them (mkv, opus, wav among others).
 */
final class MediaTypes {

	private static final Map<String, MediaType> BY_EXTENSION = Map.ofEntries(
			Map.entry("flv", MediaType.parseMediaType("video/x-flv")),
			Map.entry("mp4", MediaType.parseMediaType("video/mp4")),
			Map.entry("m4v", MediaType.parseMediaType("video/mp4")),
			Map.entry("mov", MediaType.parseMediaType("video/quicktime")),
			Map.entry("m4a", MediaType.parseMediaType("audio/mp4")),
			Map.entry("mp3", MediaType.parseMediaType("audio/mpeg")),
			Map.entry("ogg", MediaType.parseMediaType("audio/ogg")),
			Map.entry("oga", MediaType.parseMediaType("audio/ogg")),
			Map.entry("ogv", MediaType.parseMediaType("video/ogg")),
			Map.entry("opus", MediaType.parseMediaType("audio/ogg")),
			Map.entry("webm", MediaType.parseMediaType("video/webm")),
			Map.entry("mkv", MediaType.parseMediaType("video/x-matroska")),
			Map.entry("mka", MediaType.parseMediaType("audio/x-matroska")),
			Map.entry("avi", MediaType.parseMediaType("video/x-msvideo")),
			Map.entry("wav", MediaType.parseMediaType("audio/wav")));

	private MediaTypes() {
	}

	/**
	 * Return the content type of a file name.
	 * @param fileName the file name
	 * @return its media type, {@code application/octet-stream} for unknown extensions
	 */
	static MediaType forFileName(String fileName) {
		int dot = fileName.lastIndexOf('.');
		String extension = (dot < 0) ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
		return BY_EXTENSION.getOrDefault(extension, MediaType.APPLICATION_OCTET_STREAM);
	}

}
