package io.github.mediastreaming.index;

import java.nio.file.Path;

/**
 * Cache key of a media index: a file as it is now. A file rewritten in place gets a new size or
 * modification time and so a new index (the original handler kept the old rate forever).
 *
 * @param path the absolute, normalised path
 * @param sizeBytes the file size
 * @param lastModifiedMillis the modification time in milliseconds since the epoch
 */
public record FileVersion(Path path, long sizeBytes, long lastModifiedMillis) {

}
