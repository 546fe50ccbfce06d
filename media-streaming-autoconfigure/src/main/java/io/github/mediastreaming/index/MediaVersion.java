package io.github.mediastreaming.index;

import org.jspecify.annotations.Nullable;

/**
 * Cache key of a media index, of the seek plans cut from it and of the open file responses share: one
 * file as it is now. A file rewritten in place gets a new size, modification time or entity tag, and so a
 * new index (the original handler kept the old rate forever); a file replaced by another of the same size
 * and time (a rename over it, as {@code rsync -t} does) has another identity in its file system.
 *
 * @param key the file's identity in its store, such as an absolute path or an object key
 * @param sizeBytes the file size
 * @param lastModifiedMillis the modification time in milliseconds since the epoch
 * @param entityTag the store's own version tag (an object store's ETag), {@code null} for none
 * @param fileIdentity the file system's identity of the file behind the key (device and inode), {@code null}
 * when the store has none
 */
public record MediaVersion(String key, long sizeBytes, long lastModifiedMillis, @Nullable String entityTag,
		@Nullable String fileIdentity) {

	/**
	 * Create a version without a file system identity (an object store's object).
	 * @param key the file's identity in its store
	 * @param sizeBytes the file size
	 * @param lastModifiedMillis the modification time in milliseconds since the epoch
	 * @param entityTag the store's own version tag, {@code null} for none
	 */
	public MediaVersion(String key, long sizeBytes, long lastModifiedMillis, @Nullable String entityTag) {
		this(key, sizeBytes, lastModifiedMillis, entityTag, null);
	}

}
