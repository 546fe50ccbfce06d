package io.github.mediastreaming.probe;

import java.io.EOFException;
import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.MediaFormat;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.ProbeFailure;

/**
 * Reads a RIFF WAVE file's {@code fmt } byte rate and {@code data} size. Chunks are walked by their
 * little-endian sizes (odd sizes are padded to even), reading 8 bytes per chunk header and 16 bytes of
 * {@code fmt }; nothing else. A {@code data} size of 0 or 0xFFFFFFFF (written by streaming encoders
 * that could not seek back) means "to the end of the file".
 */
public final class WavIndexReader implements MediaIndexReader {

	private static final int RIFF_HEADER_BYTES = 12;

	private static final int CHUNK_HEADER_BYTES = 8;

	private static final int MIN_FMT_BYTES = 16;

	private static final int MAX_CHUNKS = 1000;

	private static final long UNKNOWN_DATA_SIZE = 0xFFFFFFFFL;

	@Override
	public MediaIndex read(MediaSource source) throws MediaFormatException, IOException {
		try {
			return readChunks(source);
		}
		catch (EOFException ex) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED, "WAV file ends inside a chunk header", ex);
		}
	}

	private MediaIndex readChunks(MediaSource source) throws MediaFormatException, IOException {
		long size = source.size();
		ByteCursor riff = source.readFully(0, RIFF_HEADER_BYTES);
		String magic = riff.ascii(4);
		riff.skip(4);
		if (!magic.equals("RIFF") || !riff.ascii(4).equals("WAVE")) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Not a RIFF WAVE file");
		}
		long byteRate = -1;
		long position = RIFF_HEADER_BYTES;
		for (int chunk = 0; chunk < MAX_CHUNKS && position + CHUNK_HEADER_BYTES <= size; chunk++) {
			ByteCursor header = source.readFully(position, CHUNK_HEADER_BYTES);
			String id = header.ascii(4);
			long chunkSize = header.u32le();
			long body = position + CHUNK_HEADER_BYTES;
			if (id.equals("fmt ")) {
				if (chunkSize < MIN_FMT_BYTES) {
					throw new MediaFormatException(ProbeFailure.MALFORMED, "WAV fmt chunk too short: " + chunkSize);
				}
				ByteCursor fmt = source.readFully(body, MIN_FMT_BYTES);
				fmt.skip(8);
				byteRate = fmt.u32le();
			}
			else if (id.equals("data")) {
				if (byteRate <= 0) {
					throw new MediaFormatException(ProbeFailure.MALFORMED, "WAV data chunk before a valid fmt chunk");
				}
				long available = size - body;
				long dataBytes = (chunkSize == 0 || chunkSize == UNKNOWN_DATA_SIZE || chunkSize > available) ? available
						: chunkSize;
				long durationUs = (long) (dataBytes * 1_000_000.0 / byteRate);
				return new MediaIndex(MediaFormat.WAV, size, durationUs, byteRate * 8, null);
			}
			position = body + chunkSize + (chunkSize & 1);
		}
		throw new MediaFormatException((position >= size) ? ProbeFailure.TRUNCATED : ProbeFailure.MALFORMED,
				"No WAV data chunk found");
	}

}
