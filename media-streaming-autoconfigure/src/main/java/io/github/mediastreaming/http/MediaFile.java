package io.github.mediastreaming.http;

import java.nio.file.Path;
import java.time.Instant;

import io.github.mediastreaming.index.FileVersion;
import io.github.mediastreaming.index.MediaFormat;

import org.springframework.http.MediaType;

/**
 * A file under the media root that a request resolved to.
 *
 * @param path the real, absolute path
 * @param relativePath the path below the root, with forward slashes
 * @param sizeBytes the file size
 * @param lastModified the modification time
 * @param format the format its extension announces
 * @param contentType the response content type
 */
public record MediaFile(Path path, String relativePath, long sizeBytes, Instant lastModified, MediaFormat format,
		MediaType contentType) {

	/**
	 * Return the cache key of this version of the file.
	 * @return the version
	 */
	public FileVersion version() {
		return new FileVersion(this.path, this.sizeBytes, this.lastModified.toEpochMilli());
	}

}
