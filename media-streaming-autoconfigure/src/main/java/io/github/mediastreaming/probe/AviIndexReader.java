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
 * Reads an AVI file's {@code hdrl} list: the main header {@code avih} (microseconds per frame, total
 * frames), the stream headers {@code strh} (type, scale, rate, length) and, in OpenDML files over 1 GB,
 * {@code dmlh} (the real total frame count). The duration is the longest stream's
 * {@code length × scale / rate}, else total frames × microseconds per frame. The {@code movi} list,
 * where the media is, is never read.
 */
public final class AviIndexReader implements MediaIndexReader {

	private static final int RIFF_HEADER_BYTES = 12;

	private static final int MAX_HDRL_BYTES = 1024 * 1024;

	@Override
	public MediaIndex read(MediaSource source) throws MediaFormatException, IOException {
		try {
			return readHeaders(source);
		}
		catch (EOFException | IndexOutOfBoundsException ex) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED, "AVI file ends inside its headers", ex);
		}
	}

	private MediaIndex readHeaders(MediaSource source) throws MediaFormatException, IOException {
		long size = source.size();
		ByteCursor riff = source.readFully(0, RIFF_HEADER_BYTES + 12);
		String magic = riff.ascii(4);
		riff.skip(4);
		if (!magic.equals("RIFF") || !riff.ascii(4).equals("AVI ")) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Not a RIFF AVI file");
		}
		String list = riff.ascii(4);
		long hdrlSize = riff.u32le();
		if (!list.equals("LIST") || !riff.ascii(4).equals("hdrl") || hdrlSize < 4 || hdrlSize > MAX_HDRL_BYTES) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "AVI without a leading hdrl list");
		}
		ByteCursor hdrl = source.readFully(RIFF_HEADER_BYTES + 12, (int) hdrlSize - 4);
		Headers headers = new Headers();
		walk(hdrl, headers, 0);
		long durationUs = headers.durationUs();
		if (durationUs <= 0) {
			throw new MediaFormatException(ProbeFailure.NO_BITRATE, "AVI headers give no duration");
		}
		return new MediaIndex(MediaFormat.AVI, size, durationUs, 0, null);
	}

	/** Walk chunks and nested lists (strl, odml) of the header list. */
	private static void walk(ByteCursor chunks, Headers headers, int depth) throws MediaFormatException {
		while (chunks.remaining() >= 8) {
			String id = chunks.ascii(4);
			long length = chunks.u32le();
			if (length > chunks.remaining()) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "AVI header chunk " + id + " overruns its list");
			}
			int end = chunks.position() + (int) length;
			if (id.equals("LIST") && length >= 4 && depth < 2) {
				chunks.skip(4); // list type
				walk(new ByteCursor(chunks.data(), chunks.position(), end), headers, depth + 1);
			}
			else if (id.equals("avih") && length >= 24) {
				headers.microsPerFrame = chunks.u32le();
				chunks.skip(12); // max bytes per second, padding granularity, flags
				headers.totalFrames = Math.max(headers.totalFrames, chunks.u32le());
			}
			else if (id.equals("strh") && length >= 36) {
				chunks.skip(4 + 4 + 4 + 2 + 2 + 4); // type, handler, flags, priority, language, initial frames
				long scale = chunks.u32le();
				long rate = chunks.u32le();
				chunks.skip(4); // start
				long streamLength = chunks.u32le();
				if (scale > 0 && rate > 0) {
					headers.longestStreamUs = Math.max(headers.longestStreamUs,
							(long) (streamLength * (double) scale / rate * 1_000_000));
				}
			}
			else if (id.equals("dmlh") && length >= 4) {
				headers.totalFrames = Math.max(headers.totalFrames, chunks.u32le());
			}
			chunks.seek(Math.min(chunks.limit(), end + (int) (length & 1)));
		}
	}

	private static final class Headers {

		long microsPerFrame;

		long totalFrames;

		long longestStreamUs;

		long durationUs() {
			long fromFrames = this.totalFrames * this.microsPerFrame;
			return Math.max(this.longestStreamUs, fromFrames);
		}

	}

}
