package io.github.mediastreaming.examples;

import java.io.IOException;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.ProbeFailure;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;

/**
 * A made-up container, to show (and test) how a format is added with one bean: a {@code .toy} file is
 * an 8-byte header ({@code TOY1} and the bitrate in bits/s as a 32-bit integer) followed by constant-rate
 * media. The reader indexes it; the seeker cuts it at a time by arithmetic, sending the header again so
 * the cut is a complete file. docs/extending.md walks through it.
 */
public final class ToyFormat {

	private static final int HEADER_BYTES = 8;

	private ToyFormat() {
	}

	/**
	 * Return the format, as a bean method would.
	 * @return the format
	 */
	public static MediaFormat create() {
		return MediaFormat.named("toy")
			.extension("toy", "video/x-toy")
			.reader(new Reader())
			.seekUnit(SeekUnit.SECONDS)
			.build();
	}

	/** Reads the header; the rest of the file is media at that bitrate. */
	public static final class Reader implements MediaIndexReader {

		@Override
		public MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException {
			if (source.size() < HEADER_BYTES) {
				throw new MediaFormatException(ProbeFailure.TRUNCATED, "Shorter than the toy header");
			}
			ByteCursor header = source.readFully(0, HEADER_BYTES);
			if (!header.ascii(4).equals("TOY1")) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "Not a toy file");
			}
			long bitrate = header.u32();
			if (bitrate < 8) {
				throw new MediaFormatException(ProbeFailure.NO_BITRATE, "A toy file needs a bitrate");
			}
			long mediaBytes = source.size() - HEADER_BYTES;
			long durationUs = mediaBytes * 8_000_000 / bitrate;
			return new MediaIndex(source.size(), durationUs, bitrate, new Seeker(source.size(), bitrate / 8));
		}

	}

	/** Cuts at a time: the header, then the media from the byte that time falls on. */
	record Seeker(long sizeBytes, long bytesPerSecond) implements MediaSeeker {

		@Override
		public SeekUnit unit() {
			return SeekUnit.SECONDS;
		}

		@Override
		public MediaBody seek(SeekRequest request) throws InvalidSeekException {
			if (!(request instanceof SeekRequest.TimeRange range)) {
				throw new InvalidSeekException("'start' is a time in seconds for toy files");
			}
			long from = HEADER_BYTES + (long) (range.startSeconds() * this.bytesPerSecond);
			if (from >= this.sizeBytes) {
				throw new InvalidSeekException("'start' is past the end of the file");
			}
			return MediaBody.of(new BodyPart.FileRegion(0, HEADER_BYTES),
					new BodyPart.FileRegion(from, this.sizeBytes - from));
		}

	}

}
