package io.github.mediastreaming.index;

import java.io.IOException;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.MediaSource;
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
	 * Return the request that decides the output of a seek, checked against the index: two requests with
	 * equal canonical forms get byte-identical documents, so the form can key a cache of plans. Cheap (no
	 * I/O, a few binary searches at most). Example: for an MP4 cut at the key frame, {@code start=61} and
	 * {@code start=61.5} both become the key frame at 60 s; with an exact start, {@code 61.00000001} and
	 * {@code 61.00000002} become the same tick of the video track's timescale. Seeking with the canonical
	 * form gives the same document as seeking with the request. The default keeps the request as it is.
	 * @param request where to start (and end), as the client asked
	 * @return the canonical request
	 * @throws InvalidSeekException if the request cannot be served (start outside the media, end not after
	 * start, a layout that cannot be cut)
	 */
	default SeekRequest canonical(SeekRequest request) throws InvalidSeekException {
		return request;
	}

	/**
	 * Plan the response for a seek.
	 * @param request where to start (and end)
	 * @return the body to send
	 * @throws InvalidSeekException if the request cannot be served (out of range, unsupported layout)
	 */
	MediaBody seek(SeekRequest request) throws InvalidSeekException;

	/**
	 * Plan the response for a seek, reading a few bytes of the file where the cached index alone cannot
	 * place the cut exactly (an MP3 frame boundary). The HTTP layer calls this one, off the event loop;
	 * the default ignores the file.
	 * @param request where to start (and end)
	 * @param file the file's bytes, for short bounded reads
	 * @return the body to send
	 * @throws InvalidSeekException if the request cannot be served
	 * @throws IOException if reading the file fails
	 */
	default MediaBody seek(SeekRequest request, MediaSource file) throws InvalidSeekException, IOException {
		return seek(request);
	}

	/**
	 * Return the plan to serve for a plain request when the file as stored cannot be played
	 * progressively (an MP4 whose {@code moov} follows {@code mdat}), or {@code null} to serve the file
	 * as it is.
	 * @return the reordered body or {@code null}
	 */
	default @Nullable MediaBody progressiveBody() {
		return null;
	}

	/**
	 * Return roughly how much heap this seeker holds (its tables and kept headers), so the index cache
	 * can be bounded by memory.
	 * @return an estimate in bytes
	 */
	default long retainedBytes() {
		return 0;
	}

}
