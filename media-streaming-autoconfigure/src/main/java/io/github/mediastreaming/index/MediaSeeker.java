package io.github.mediastreaming.index;

import io.github.mediastreaming.body.MediaBody;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code ?start=} requests for one indexed file: turns a request into the plan of a complete,
 * decodable document (pure computation on the cached index, no I/O).
 */
public interface MediaSeeker {

	/**
	 * Return the unit of the {@code start} parameter for this format.
	 * @return bytes for FLV, seconds for MP4 and MP3
	 */
	SeekUnit unit();

	/**
	 * Plan the response for a seek.
	 * @param request where to start (and end)
	 * @return the body to send
	 * @throws InvalidSeekException if the request cannot be served (out of range, unsupported layout)
	 */
	MediaBody seek(SeekRequest request) throws InvalidSeekException;

	/**
	 * Return the plan to serve for a plain request when the file as stored cannot be played
	 * progressively (an MP4 whose {@code moov} follows {@code mdat}), or {@code null} to serve the file
	 * as it is.
	 * @return the reordered body or {@code null}
	 */
	default @Nullable MediaBody progressiveBody() {
		return null;
	}

}
