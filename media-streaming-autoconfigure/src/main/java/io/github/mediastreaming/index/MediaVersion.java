package io.github.mediastreaming.index;

import org.jspecify.annotations.Nullable;

/**
 * Cache key of a media index: one file as it is now. A file rewritten in place gets a new size,
 * modification time or entity tag, and so a new index (the original handler kept the old rate forever).
 *
 * @param key the file's identity in its store, such as an absolute path or an object key
 * @param sizeBytes the file size
 * @param lastModifiedMillis the modification time in milliseconds since the epoch
 * @param entityTag the store's own version tag (an object store's ETag), {@code null} for none
 */
public record MediaVersion(String key, long sizeBytes, long lastModifiedMillis, @Nullable String entityTag) {

}
