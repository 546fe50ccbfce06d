package io.github.mediastreaming.probe;

import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;

/**
 * Probes a RIFF AVI file from its {@code hdrl} list only (never {@code movi} or {@code idx1}). The
 * duration is the longest stream's, from its stream header ({@code length × scale / rate} seconds), as
 * ffprobe gives it (audio that outlasts its video is still sent), else the main header's
 * {@code totalFrames × microSecPerFrame}. For example a 12 fps video stream ({@code scale 1, rate 12}) of
 * 73 frames lasts 6 083 333 µs, and with 20 s of audio beside it, 20 s.
 *
 * <p>No bitrate is declared: the main header's {@code dwMaxBytesPerSec} is a writer's estimate of a
 * maximum (ffmpeg writes its encoders' default bitrates, 232 kbit/s for a file averaging 100 kbit/s),
 * so the average {@code size / duration} is used.
 */
public final class AviIndexReader implements MediaIndexReader {

	/** List type of an AVI file. */
	static final String AVI = "AVI ";

	/** List type of the header list. */
	static final String HDRL = "hdrl";

	/** List type of a stream's header list. */
	static final String STRL = "strl";

	/** Main AVI header chunk code. */
	static final String AVIH = "avih";

	/** Stream header chunk code. */
	static final String STRH = "strh";

	/** Bytes of {@code avih} read: microseconds per frame to total frames. */
	static final int AVIH_READ_SIZE = 20;

	/** Bytes of {@code strh} read: type to length. */
	static final int STRH_READ_SIZE = 36;

	/** Chunks visited in total before giving up. */
	static final int MAX_CHUNKS = 1024;

	/** Create a reader; it is stateless. */
	public AviIndexReader() {
	}

	@Override
	public MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException {
		long size = source.size();
		RiffChunk riff = RiffChunk.read(source, 0);
		if (!RiffChunk.RIFF.equals(riff.id()) || !AVI.equals(riff.listType(source))) {
			throw ProbeReads.malformed("Not a RIFF AVI file");
		}
		RiffChunk hdrl = RiffChunk.read(source, riff.childrenOffsetBytes());
		if (!hdrl.isList() || !HDRL.equals(hdrl.listType(source))) {
			throw ProbeReads.malformed("AVI file does not start with its hdrl list");
		}
		Durations durations = new Durations();
		Walk walk = new Walk(source, MAX_CHUNKS);
		walk.children(hdrl, (chunk) -> {
			if (AVIH.equals(chunk.id())) {
				durations.main = readMainDurationUs(source, chunk);
			}
			else if (chunk.isList() && STRL.equals(chunk.listType(source))) {
				walk.children(chunk, (child) -> {
					if (STRH.equals(child.id())) {
						durations.addStream(source, child);
					}
				});
			}
		});
		long durationUs = durations.bestUs();
		if (durationUs <= 0) {
			throw ProbeReads.noBitrate("AVI headers declare no duration");
		}
		return ProbeReads.index("avi", size, durationUs, 0);
	}

	private static long readMainDurationUs(MediaSource source, RiffChunk avih)
			throws MediaFormatException, IOException {
		ByteCursor cursor = readChunkStart(source, avih, AVIH_READ_SIZE);
		long microSecPerFrame = cursor.u32le(); // dwMicroSecPerFrame
		cursor.u32le(); // dwMaxBytesPerSec
		cursor.u32le(); // dwPaddingGranularity
		cursor.u32le(); // dwFlags
		long totalFrames = cursor.u32le(); // dwTotalFrames (of the first RIFF only in OpenDML files)
		// Both are below 2^32, so the product can pass 2^63: saturate rather than wrap to a negative duration.
		return (microSecPerFrame != 0 && totalFrames > Long.MAX_VALUE / microSecPerFrame) ? Long.MAX_VALUE
				: totalFrames * microSecPerFrame;
	}

	private static ByteCursor readChunkStart(MediaSource source, RiffChunk chunk, int length)
			throws MediaFormatException, IOException {
		if (chunk.dataSizeBytes() < length) {
			throw ProbeReads.malformed("AVI '" + chunk.id() + "' chunk of " + chunk.dataSizeBytes() + " bytes");
		}
		return ProbeReads.readFully(source, chunk.dataOffsetBytes(), length, "an AVI '" + chunk.id() + "' chunk");
	}

	/**
	 * Durations collected while walking the header list.
	 */
	private static final class Durations {

		long main;

		long longest;

		void addStream(MediaSource source, RiffChunk strh) throws MediaFormatException, IOException {
			ByteCursor cursor = readChunkStart(source, strh, STRH_READ_SIZE);
			cursor.skip(RiffChunk.FOURCC_SIZE); // fccType: vids, auds, txts...
			cursor.skip(4); // fccHandler
			cursor.u32le(); // dwFlags
			cursor.u16le(); // wPriority
			cursor.u16le(); // wLanguage
			cursor.u32le(); // dwInitialFrames
			long scale = cursor.u32le(); // dwScale
			long rate = cursor.u32le(); // dwRate: rate / scale = units per second
			cursor.u32le(); // dwStart
			long length = cursor.u32le(); // dwLength, in units of scale / rate seconds
			if (rate == 0 || scale == 0) {
				return;
			}
			this.longest = Math.max(this.longest, Math.round(length * (double) scale * 1_000_000.0 / rate));
		}

		long bestUs() {
			return (this.longest > 0) ? this.longest : this.main;
		}

	}

	/**
	 * Walks the children of list chunks, sharing one budget of visited chunks, and refuses children that
	 * run past their parent.
	 */
	private static final class Walk {

		private final MediaSource source;

		private int budget;

		Walk(MediaSource source, int budget) {
			this.source = source;
			this.budget = budget;
		}

		void children(RiffChunk list, ChunkVisitor visitor) throws MediaFormatException, IOException {
			long end = list.dataOffsetBytes() + list.dataSizeBytes();
			if (end > this.source.size()) {
				throw ProbeReads.truncated("the AVI '" + list.id() + "' list", list.dataOffsetBytes());
			}
			long position = list.childrenOffsetBytes();
			while (position + RiffChunk.HEADER_SIZE <= end) {
				if (--this.budget < 0) {
					throw ProbeReads.malformed("More than " + MAX_CHUNKS + " chunks in the AVI header list");
				}
				RiffChunk chunk = RiffChunk.read(this.source, position);
				if (chunk.dataOffsetBytes() + chunk.dataSizeBytes() > end) {
					throw ProbeReads.malformed("AVI chunk '" + chunk.id() + "' at offset " + position
							+ " runs past its list");
				}
				visitor.visit(chunk);
				position = chunk.nextOffsetBytes();
			}
		}

	}

	@FunctionalInterface
	private interface ChunkVisitor {

		void visit(RiffChunk chunk) throws MediaFormatException, IOException;

	}

}
