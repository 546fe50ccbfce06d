package io.github.mediastreaming.stream;

import io.github.mediastreaming.format.MediaFormat;
import java.util.function.LongUnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * What is known about a stream when it opens.
 *
 * @param path the request path
 * @param format the file's format
 * @param kind what the request asked for
 * @param client the client's address, {@code null} when unknown
 * @param start the requested seek start as sent ({@code t=12.5} for the FLV time parameter), {@code null}
 * for no seek
 * @param bodyBytes the length of the response body
 * @param targetBytesPerSecond the paced rate, 0 when unpaced
 * @param mediaTimeUs the media time (microseconds) the body's first n bytes complete, for the stream's
 * lead over its player; {@code null} when unknown (an unpaced stream)
 */
public record StreamRequest(String path, MediaFormat format, StreamKind kind, @Nullable String client,
		@Nullable String start, long bodyBytes, long targetBytesPerSecond, @Nullable LongUnaryOperator mediaTimeUs) {

	/**
	 * Describe a stream whose media time is unknown.
	 * @param path the request path
	 * @param format the file's format
	 * @param kind what the request asked for
	 * @param client the client's address, {@code null} when unknown
	 * @param start the requested seek start as sent ({@code t=12.5} for the FLV time parameter), {@code null}
	 * for no seek
	 * @param bodyBytes the length of the response body
	 * @param targetBytesPerSecond the paced rate, 0 when unpaced
	 */
	public StreamRequest(String path, MediaFormat format, StreamKind kind, @Nullable String client,
			@Nullable String start, long bodyBytes, long targetBytesPerSecond) {
		this(path, format, kind, client, start, bodyBytes, targetBytesPerSecond, null);
	}

}
