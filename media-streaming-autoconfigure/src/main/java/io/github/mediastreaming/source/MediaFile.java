package io.github.mediastreaming.source;

import java.time.Instant;

import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.MediaVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * A file a request resolved to, as its {@link MediaStore} found it.
 *
 * @param relativePath the path below the store's root, with forward slashes
 * @param key the file's identity in its store: an absolute path, an object key
 * @param sizeBytes the file size
 * @param lastModified the modification time
 * @param entityTag the store's own version tag (an object store's ETag), {@code null} for none
 * @param format the format its extension announces
 * @param contentType the response content type
 * @param fileIdentity the file system's identity of the file (device and inode, as
 * {@link java.nio.file.attribute.BasicFileAttributes#fileKey()} gives it), {@code null} when the store has none
 */
public record MediaFile(String relativePath, String key, long sizeBytes, Instant lastModified,
		@Nullable String entityTag, MediaFormat format, MediaType contentType, @Nullable String fileIdentity) {

	/**
	 * Create a file without a file system identity (an object store's object, an in-memory file).
	 * @param relativePath the path below the store's root, with forward slashes
	 * @param key the file's identity in its store
	 * @param sizeBytes the file size
	 * @param lastModified the modification time
	 * @param entityTag the store's own version tag, {@code null} for none
	 * @param format the format its extension announces
	 * @param contentType the response content type
	 */
	public MediaFile(String relativePath, String key, long sizeBytes, Instant lastModified,
			@Nullable String entityTag, MediaFormat format, MediaType contentType) {
		this(relativePath, key, sizeBytes, lastModified, entityTag, format, contentType, null);
	}

	/**
	 * Return the cache key of this version of the file.
	 * @return the version
	 */
	public MediaVersion version() {
		return new MediaVersion(this.key, this.sizeBytes, this.lastModified.toEpochMilli(), this.entityTag,
				this.fileIdentity);
	}

}
