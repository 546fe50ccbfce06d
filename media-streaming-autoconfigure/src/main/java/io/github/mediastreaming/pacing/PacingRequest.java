package io.github.mediastreaming.pacing;

import java.net.InetSocketAddress;
import java.security.Principal;

import io.github.mediastreaming.format.MediaFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * What a {@link PacingPolicy} may look at to pace one response.
 *
 * @param path the request path, such as {@code /media/movies/a.mp4}
 * @param format the file's format
 * @param headers the request headers
 * @param principal the authenticated user, {@code null} when anonymous
 * @param remoteAddress the client's address, {@code null} when unknown
 */
public record PacingRequest(String path, MediaFormat format, HttpHeaders headers, @Nullable Principal principal,
		@Nullable InetSocketAddress remoteAddress) {

}
