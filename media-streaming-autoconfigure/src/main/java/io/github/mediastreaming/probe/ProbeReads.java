package io.github.mediastreaming.probe;

import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Bounded reads that turn a short file into a {@link ProbeFailure#TRUNCATED} format error.
 */
final class ProbeReads {

	/**
	 * Lowest pacing bitrate believed, in bits/s. Real codecs stay above 2 kbit/s; a lower result comes
	 * from a corrupt duration or rate field (a 100 KB file "lasting" days) and would pace at nothing.
	 */
	static final long MIN_PLAUSIBLE_BITRATE = 1000;

	private ProbeReads() {
	}

	/**
	 * Read exactly {@code length} bytes at {@code position}.
	 * @param source the file
	 * @param position the absolute offset
	 * @param length how many bytes, already bounded by the caller
	 * @param what the structure being read, for the message
	 * @return a cursor over exactly {@code length} bytes
	 * @throws MediaFormatException if the file ends first
	 * @throws IOException if reading fails
	 */
	static ByteCursor readFully(MediaSource source, long position, int length, String what)
			throws MediaFormatException, IOException {
		if (position < 0 || length < 0 || position > source.size() - length) {
			throw truncated(what, position);
		}
		byte[] bytes = source.read(position, length);
		if (bytes.length < length) {
			throw truncated(what, position);
		}
		return new ByteCursor(bytes);
	}

	/**
	 * Build the index of a probed file, rejecting implausible results.
	 * @param container the container's name, for the message
	 * @param sizeBytes the file size
	 * @param durationUs the duration, 0 when unknown
	 * @param declaredBitrate the declared bitrate, 0 when none
	 * @return the index, without a seeker
	 * @throws MediaFormatException if the resulting bitrate is below {@link #MIN_PLAUSIBLE_BITRATE}
	 */
	static MediaIndex index(String container, long sizeBytes, long durationUs, long declaredBitrate)
			throws MediaFormatException {
		return index(container, sizeBytes, durationUs, declaredBitrate, null);
	}

	/**
	 * Build the index of a probed file with its timeline, rejecting implausible results.
	 * @param container the container's name, for the message
	 * @param sizeBytes the file size
	 * @param durationUs the duration, 0 when unknown
	 * @param declaredBitrate the declared bitrate, 0 when none
	 * @param timeline where media time lies in the file, {@code null} when unknown
	 * @return the index, without a seeker
	 * @throws MediaFormatException if the resulting bitrate is below {@link #MIN_PLAUSIBLE_BITRATE}
	 */
	static MediaIndex index(String container, long sizeBytes, long durationUs, long declaredBitrate,
			@Nullable MediaTimeline timeline) throws MediaFormatException {
		MediaIndex index = new MediaIndex(sizeBytes, durationUs, declaredBitrate, null, timeline);
		if (index.bitrate() < MIN_PLAUSIBLE_BITRATE) {
			throw malformed("Implausible " + container + " timing: " + sizeBytes + " bytes over " + durationUs
					+ " us with a declared bitrate of " + declaredBitrate + " bits/s");
		}
		return index;
	}

	static MediaFormatException truncated(String what, long position) {
		return new MediaFormatException(ProbeFailure.TRUNCATED, "File ends inside " + what + " at offset " + position);
	}

	static MediaFormatException malformed(String message) {
		return new MediaFormatException(ProbeFailure.MALFORMED, message);
	}

	static MediaFormatException noBitrate(String message) {
		return new MediaFormatException(ProbeFailure.NO_BITRATE, message);
	}

}
