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
 * Reads an Ogg file's first page (Vorbis identification header or {@code OpusHead}) and its last page of
 * the same logical stream, whose granule position gives the duration: Vorbis samples at the stream's
 * sample rate, Opus samples at 48 kHz minus the pre-skip. Only the first page and a bounded tail of the
 * file are read. The bitrate is the file's average; the Vorbis nominal bitrate is used only when no
 * duration can be found.
 */
public final class OggIndexReader implements MediaIndexReader {

	private static final int PAGE_HEADER_BYTES = 27;

	private static final int FIRST_PAGE_READ_BYTES = 27 + 255 + 64;

	private static final int TAIL_STEP_BYTES = 64 * 1024;

	private static final int MAX_TAIL_BYTES = 1024 * 1024;

	private static final int OPUS_RATE = 48_000;

	@Override
	public MediaIndex read(MediaSource source) throws MediaFormatException, IOException {
		try {
			return readPages(source);
		}
		catch (EOFException | IndexOutOfBoundsException ex) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED, "Ogg file ends inside its first page", ex);
		}
	}

	private MediaIndex readPages(MediaSource source) throws MediaFormatException, IOException {
		long size = source.size();
		byte[] first = source.read(0, FIRST_PAGE_READ_BYTES);
		ByteCursor page = new ByteCursor(first);
		if (first.length < PAGE_HEADER_BYTES || !page.ascii(4).equals("OggS") || page.u8() != 0) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Not an Ogg file");
		}
		page.skip(1 + 8); // header type, granule position
		long serial = page.u32le();
		page.skip(8); // sequence number, CRC
		int segments = page.u8();
		page.skip(segments); // lacing values: the first packet starts right after them
		Codec codec = identify(page);
		long granule = lastGranule(source, size, serial);
		if (granule <= 0) {
			if (codec.nominalBitrate() > 0) {
				return new MediaIndex(MediaFormat.OGG, size, 0, codec.nominalBitrate(), null);
			}
			throw new MediaFormatException(ProbeFailure.NO_BITRATE, "No Ogg page with a granule position at the end");
		}
		long samples = Math.max(0, granule - codec.preSkip());
		long durationUs = (long) (samples * 1_000_000.0 / codec.sampleRate());
		// The file's own average (MediaIndex#bitrate) is the truth; a Vorbis nominal rate is only the
		// encoder's target (64 kbit/s declared for a 18 kbit/s tone), so it is used only without a duration.
		return new MediaIndex(MediaFormat.OGG, size, durationUs, 0, null);
	}

	private static Codec identify(ByteCursor packet) throws MediaFormatException {
		int start = packet.position();
		if (packet.remaining() >= 30 && packet.u8() == 1 && packet.ascii(6).equals("vorbis")) {
			packet.skip(4 + 1); // version, channels
			long sampleRate = packet.u32le();
			packet.skip(4); // maximum bitrate
			long nominal = packet.u32le();
			if (sampleRate == 0) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "Vorbis header with a zero sample rate");
			}
			// A nominal rate is optional (0) and a signed field (negative means unset).
			return new Codec(sampleRate, 0, (nominal > 0 && nominal < Integer.MAX_VALUE) ? nominal : 0);
		}
		packet.seek(start);
		if (packet.remaining() >= 19 && packet.ascii(8).equals("OpusHead")) {
			packet.skip(1 + 1); // version, channels
			int preSkip = packet.u16le();
			return new Codec(OPUS_RATE, preSkip, 0);
		}
		throw new MediaFormatException(ProbeFailure.UNKNOWN_FORMAT, "Ogg stream is neither Vorbis nor Opus");
	}

	/** Scan the tail backwards for the last page of the stream, growing the window up to a bound. */
	private static long lastGranule(MediaSource source, long size, long serial) throws IOException {
		for (int window = TAIL_STEP_BYTES; ; window *= 2) {
			long from = Math.max(0, size - window);
			byte[] tail = source.read(from, (int) Math.min(window, size));
			for (int i = tail.length - PAGE_HEADER_BYTES; i >= 0; i--) {
				if (tail[i] == 'O' && tail[i + 1] == 'g' && tail[i + 2] == 'g' && tail[i + 3] == 'S' && tail[i + 4] == 0) {
					ByteCursor header = new ByteCursor(tail, i + 6, tail.length);
					long granule = header.u64le();
					if (header.u32le() == serial && granule != -1) {
						return granule;
					}
				}
			}
			if (from == 0 || window >= MAX_TAIL_BYTES) {
				return -1;
			}
		}
	}

	private record Codec(long sampleRate, long preSkip, long nominalBitrate) {

	}

}
