package io.github.mediastreaming.http;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the media routes that are not about pacing.
 *
 * @param pathPrefix the URL prefix, such as {@code /media}, without a trailing slash
 * @param mp4ExactStart whether MP4 seeks hide the frames before the requested time with an edit list
 * @param mp4Faststart whether an MP4 whose moov follows its media data is served reordered
 * @param flvTimeParameter the query parameter that seeks FLV files by seconds, {@code null} for none
 * @param cacheControl the {@code Cache-Control} header of media responses, {@code null} for none
 */
public record StreamingOptions(String pathPrefix, boolean mp4ExactStart, boolean mp4Faststart,
		@Nullable String flvTimeParameter, @Nullable String cacheControl) {

	public StreamingOptions {
		if (!pathPrefix.startsWith("/") || pathPrefix.endsWith("/")) {
			throw new IllegalArgumentException("Path prefix must start and not end with '/', was '" + pathPrefix + "'");
		}
	}

}
