package io.github.mediastreaming.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * The formats the server knows, and the one place that maps a file name onto its format and content
 * type. Formats come in order (the beans' {@code @Order}); when two claim the same id or extension, the
 * first wins, so a user's bean ordered first replaces a built-in one. A file whose extension no format
 * claims is {@link MediaFormat#UNKNOWN}, with Spring's {@link MediaTypeFactory} content type.
 */
public final class MediaFormats {

	private final List<MediaFormat> formats;

	private final Map<String, MediaFormat> byExtension;

	private final Map<String, MediaFormat> byId;

	/**
	 * Create the registry.
	 * @param formats the formats, first wins
	 */
	public MediaFormats(Collection<MediaFormat> formats) {
		Map<String, MediaFormat> ids = new LinkedHashMap<>();
		Map<String, MediaFormat> extensions = new HashMap<>();
		for (MediaFormat format : formats) {
			if (ids.putIfAbsent(format.id(), format) != null) {
				continue;
			}
			for (String extension : format.extensions().keySet()) {
				extensions.putIfAbsent(extension, format);
			}
		}
		this.formats = List.copyOf(ids.values());
		this.byExtension = Map.copyOf(extensions);
		this.byId = Map.copyOf(ids);
	}

	/**
	 * Return the format a file name's extension announces.
	 * @param fileName a file name or path
	 * @return the format, {@link MediaFormat#UNKNOWN} when no format claims the extension
	 */
	public MediaFormat forFileName(String fileName) {
		String extension = extension(fileName);
		return (extension != null) ? this.byExtension.getOrDefault(extension, MediaFormat.UNKNOWN)
				: MediaFormat.UNKNOWN;
	}

	/**
	 * Return the content type of a file.
	 * @param fileName a file name or path
	 * @return the type its format declares for the extension, else Spring's, else
	 * {@code application/octet-stream}
	 */
	public MediaType contentType(String fileName) {
		String extension = extension(fileName);
		MediaFormat format = (extension != null) ? this.byExtension.get(extension) : null;
		if (format != null) {
			return format.extensions().get(extension);
		}
		return MediaTypeFactory.getMediaType(fileName).orElse(MediaType.APPLICATION_OCTET_STREAM);
	}

	/**
	 * Return a format by id.
	 * @param id the id, any case
	 * @return the format, empty when none has that id
	 */
	public Optional<MediaFormat> byId(String id) {
		return Optional.ofNullable(this.byId.get(id.toLowerCase(Locale.ROOT)));
	}

	/** @return the formats, in order, one per id */
	public List<MediaFormat> all() {
		return new ArrayList<>(this.formats);
	}

	private static String extension(String fileName) {
		int slash = fileName.lastIndexOf('/');
		int dot = fileName.lastIndexOf('.');
		if (dot <= slash + 1 || dot == fileName.length() - 1) {
			return null;
		}
		return fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

}
