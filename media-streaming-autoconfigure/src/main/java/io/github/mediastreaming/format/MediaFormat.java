package io.github.mediastreaming.format;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.SeekUnit;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * A container format the server knows: its file extensions and their content types, the reader that
 * indexes its files (for pacing and seeking) and the unit of its {@code ?start=} parameter. Every format
 * is a bean; the built-in ones can be replaced one by one and new ones added, for example:
 * <pre class="code">
 * &#64;Bean
 * MediaFormat toyMediaFormat() {
 *     return MediaFormat.named("toy")
 *         .extension("toy", MediaType.parseMediaType("video/x-toy"))
 *         .reader(new ToyIndexReader())
 *         .seekUnit(SeekUnit.SECONDS)
 *         .build();
 * }
 * </pre>
 * A format without a reader is served with its content type but never paced or seeked; a format
 * without a seek unit is paced but answers {@code ?start=} with a 400.
 */
public final class MediaFormat {

	/** Files whose extension no format claims: served as they are, never paced or seeked. */
	public static final MediaFormat UNKNOWN = new MediaFormat("unknown", Map.of(), null, null, false);

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private final String id;

	private final Map<String, MediaType> extensions;

	private final @Nullable MediaIndexReader reader;

	private final @Nullable SeekUnit seekUnit;

	private final boolean reorders;

	private MediaFormat(String id, Map<String, MediaType> extensions, @Nullable MediaIndexReader reader,
			@Nullable SeekUnit seekUnit, boolean reorders) {
		this.id = id;
		this.extensions = Map.copyOf(extensions);
		this.reader = reader;
		this.seekUnit = seekUnit;
		this.reorders = reorders;
	}

	/**
	 * Start building a format.
	 * @param id the lower-case name used in metric tags, rules and JSON, such as {@code mp4}
	 * @return a builder
	 */
	public static Builder named(String id) {
		return new Builder(id);
	}

	/** @return the lower-case name used in metric tags, rules and JSON, such as {@code mp4} */
	public String id() {
		return this.id;
	}

	/** @return the lower-case extensions (without the dot) and the content type of each */
	public Map<String, MediaType> extensions() {
		return this.extensions;
	}

	/** @return the reader that indexes this format's files, {@code null} when they are never indexed */
	public @Nullable MediaIndexReader reader() {
		return this.reader;
	}

	/** @return the unit of {@code ?start=}, {@code null} when the format cannot seek */
	public @Nullable SeekUnit seekUnit() {
		return this.seekUnit;
	}

	/**
	 * Return whether a plain request may get a file of this format reordered for progressive playback
	 * (the seeker's {@code progressiveBody()}: an MP4 whose {@code moov} follows its media), so that even
	 * a {@code HEAD} needs the file's index to know the length.
	 * @return whether files may be reordered
	 */
	public boolean reorders() {
		return this.reorders;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MediaFormat format && this.id.equals(format.id);
	}

	@Override
	public int hashCode() {
		return this.id.hashCode();
	}

	@Override
	public String toString() {
		return "MediaFormat[" + this.id + " " + this.extensions.keySet() + "]";
	}

	/** Builds a {@link MediaFormat}. */
	public static final class Builder {

		private final String id;

		private final Map<String, MediaType> extensions = new LinkedHashMap<>();

		private @Nullable MediaIndexReader reader;

		private @Nullable SeekUnit seekUnit;

		private boolean reorders;

		private Builder(String id) {
			if (!ID.matcher(id).matches()) {
				throw new IllegalArgumentException("A format id is lower-case letters, digits and '-', was '" + id + "'");
			}
			this.id = id;
		}

		/**
		 * Claim a file extension.
		 * @param extension the extension without the dot, any case
		 * @param contentType the content type of files with it
		 * @return this builder
		 */
		public Builder extension(String extension, MediaType contentType) {
			String key = extension.toLowerCase(Locale.ROOT);
			if (key.isEmpty() || key.indexOf('.') >= 0) {
				throw new IllegalArgumentException("An extension has no dot, was '" + extension + "'");
			}
			this.extensions.put(key, Objects.requireNonNull(contentType));
			return this;
		}

		/**
		 * Claim a file extension.
		 * @param extension the extension without the dot, any case
		 * @param contentType the content type of files with it, such as {@code video/mp4}
		 * @return this builder
		 */
		public Builder extension(String extension, String contentType) {
			return extension(extension, MediaType.parseMediaType(contentType));
		}

		/**
		 * Set the reader that indexes the format's files.
		 * @param reader the reader
		 * @return this builder
		 */
		public Builder reader(MediaIndexReader reader) {
			this.reader = reader;
			return this;
		}

		/**
		 * Set the unit of {@code ?start=}; without one the format does not seek.
		 * @param seekUnit the unit
		 * @return this builder
		 */
		public Builder seekUnit(SeekUnit seekUnit) {
			this.seekUnit = seekUnit;
			return this;
		}

		/**
		 * Set whether plain requests may get files reordered for progressive playback.
		 * @param reorders whether they may
		 * @return this builder
		 */
		public Builder reorders(boolean reorders) {
			this.reorders = reorders;
			return this;
		}

		/**
		 * Build the format.
		 * @return the format
		 */
		public MediaFormat build() {
			if (this.extensions.isEmpty()) {
				throw new IllegalStateException("Format '" + this.id + "' claims no file extension");
			}
			if (this.reorders && this.reader == null) {
				throw new IllegalStateException("Format '" + this.id + "' reorders files but has no reader to index them");
			}
			return new MediaFormat(this.id, this.extensions, this.reader, this.seekUnit, this.reorders);
		}

	}

}
