package io.github.mediastreaming.http;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the media routes that are not about pacing.
 *
 * @param pathPrefix the URL prefix, such as {@code /media}, without a trailing slash
 * @param exactStart whether time seeks hide the frames between the key frame and the requested time
 * where the format can (an MP4 edit list)
 * @param maxSeekBuilds how many seek documents may be built at once
 * @param flvTimeParameter the query parameter that seeks FLV files by seconds, {@code null} for none
 * @param cacheControl the {@code Cache-Control} header of media responses, {@code null} for none
 */
public record StreamingOptions(String pathPrefix, boolean exactStart, int maxSeekBuilds,
		@Nullable String flvTimeParameter, @Nullable String cacheControl) {

	public StreamingOptions {
		if (!pathPrefix.startsWith("/") || pathPrefix.endsWith("/")) {
			throw new IllegalArgumentException("Path prefix must start and not end with '/', was '" + pathPrefix + "'");
		}
		if (maxSeekBuilds < 1) {
			throw new IllegalArgumentException("At least one seek build must be allowed, was " + maxSeekBuilds);
		}
	}

}
