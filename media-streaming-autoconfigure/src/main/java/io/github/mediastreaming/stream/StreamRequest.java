package io.github.mediastreaming.stream;

import io.github.mediastreaming.format.MediaFormat;
import org.jspecify.annotations.Nullable;

/**
 * What is known about a stream when it opens.
 *
 * @param path the request path
 * @param format the file's format
 * @param kind what the request asked for
 * @param client the client's address, {@code null} when unknown
 * @param start the requested seek start, {@code null} for no seek
 * @param bodyBytes the length of the response body
 * @param targetBytesPerSecond the paced rate, 0 when unpaced
 */
public record StreamRequest(String path, MediaFormat format, StreamKind kind, @Nullable String client,
		@Nullable String start, long bodyBytes, long targetBytesPerSecond) {

}
