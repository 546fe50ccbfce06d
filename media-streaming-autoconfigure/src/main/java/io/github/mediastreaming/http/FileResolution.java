package io.github.mediastreaming.http;

import org.springframework.http.HttpStatus;

/**
 * Outcome of mapping a request path onto the media root.
 */
public sealed interface FileResolution permits FileResolution.Found, FileResolution.Rejected {

	/**
	 * The request names a readable regular file under the root.
	 *
	 * @param file the file
	 */
	public record Found(MediaFile file) implements FileResolution {

	}

	/**
	 * The request names no servable file.
	 *
	 * @param status 400 for a malformed or escaping path, 404 for anything else
	 * @param detail what was wrong, for the client (never a server path)
	 */
	public record Rejected(HttpStatus status, String detail) implements FileResolution {

	}

}
