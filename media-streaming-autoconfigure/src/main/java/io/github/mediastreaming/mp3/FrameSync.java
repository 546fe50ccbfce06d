package io.github.mediastreaming.mp3;

import io.github.mediastreaming.bytes.ByteCursor;
import org.jspecify.annotations.Nullable;

/**
 * Finds real frame boundaries in a window of bytes: a position holds a frame when its header is valid,
 * belongs to the expected stream, and the next frame's header (at the computed length) does too, or the
 * frame ends exactly at the end of the audio. A random {@code 0xFFE} pattern in compressed data
 * rarely passes both checks.
 */
final class FrameSync {

	private FrameSync() {
	}

	/**
	 * Return whether a verified frame starts at an index of the window.
	 * @param window the bytes
	 * @param index the candidate position in the window
	 * @param stream a header of the stream, {@code null} to accept any stream
	 * @param windowEndIsAudioEnd whether the window ends where the audio ends
	 * @return the frame's header, or {@code null}
	 */
	static @Nullable MpegAudioHeader frameAt(byte[] window, int index, @Nullable MpegAudioHeader stream,
			boolean windowEndIsAudioEnd) {
		MpegAudioHeader header = header(window, index);
		if (header == null || (stream != null && !stream.sameStream(header))) {
			return null;
		}
		int next = index + header.frameLength();
		if (next == window.length && windowEndIsAudioEnd) {
			return header;
		}
		MpegAudioHeader following = header(window, next);
		return (following != null && header.sameStream(following)) ? header : null;
	}

	/**
	 * Parse the header at an index, if the window holds 4 bytes there.
	 * @param window the bytes
	 * @param index the position
	 * @return the header or {@code null}
	 */
	static @Nullable MpegAudioHeader header(byte[] window, int index) {
		if (index < 0 || index + 4 > window.length) {
			return null;
		}
		return MpegAudioHeader.parse((int) new ByteCursor(window, index, index + 4).u32());
	}

}
