package io.github.mediastreaming.probe;

import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaTimeline;

/**
 * Probes a RIFF WAVE file (and its 64-bit variant RF64): the {@code fmt } chunk's byte rate is the
 * declared bitrate and the {@code data} chunk's size divided by it is the duration. For example 8 kHz
 * mono 16-bit PCM has a byte rate of 16 000, so a 96 000-byte {@code data} chunk lasts 6 s and the
 * declared bitrate is 128 000 bits/s.
 *
 * <p>A {@code data} size of 0 or {@code 0xFFFFFFFF} (written by streaming encoders that could not seek
 * back), or one running past the end of the file, is replaced by the bytes the file really holds after
 * the chunk header.
 */
public final class WavIndexReader implements MediaIndexReader {

	/** List type of a WAVE file. */
	static final String WAVE = "WAVE";

	/** Outer chunk code of an RF64 file, whose sizes live in a {@code ds64} chunk. */
	static final String RF64 = "RF64";

	/** RF64's chunk of 64-bit sizes. */
	static final String DS64 = "ds64";

	/** Format chunk code. */
	static final String FMT = "fmt ";

	/** Sample data chunk code. */
	static final String DATA = "data";

	/** Size of the fields read from {@code fmt }: format tag to bits per sample. */
	static final int FMT_MIN_SIZE = 16;

	/** Size of the fields read from {@code ds64}: RIFF size, data size, sample count. */
	static final int DS64_MIN_SIZE = 24;

	/** Chunks visited before giving up, so a file of tiny chunks cannot keep the reader busy. */
	static final int MAX_CHUNKS = 1024;

	/** Create a reader; it is stateless. */
	public WavIndexReader() {
	}

	@Override
	public MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException {
		long size = source.size();
		RiffChunk riff = RiffChunk.read(source, 0);
		if (!RiffChunk.RIFF.equals(riff.id()) && !RF64.equals(riff.id())) {
			throw ProbeReads.malformed("Not a RIFF file: starts with '" + riff.id() + "'");
		}
		if (!WAVE.equals(riff.listType(source))) {
			throw ProbeReads.malformed("RIFF file is not WAVE");
		}
		long byteRate = -1;
		long rf64DataSize = -1;
		long position = riff.childrenOffsetBytes();
		for (int i = 0; i < MAX_CHUNKS && position < size; i++) {
			RiffChunk chunk = RiffChunk.read(source, position);
			switch (chunk.id()) {
				case DS64 -> rf64DataSize = readRf64DataSize(source, chunk);
				case FMT -> byteRate = readByteRate(source, chunk);
				case DATA -> {
					if (byteRate < 0) {
						throw ProbeReads.malformed("WAVE data chunk before its fmt chunk");
					}
					long dataSize = dataSize(chunk, rf64DataSize, size);
					long durationUs = Math.round(dataSize * 1_000_000.0 / byteRate);
					MediaIndex index = ProbeReads.index("wav", size, durationUs, byteRate * 8);
					if (dataSize <= 0 || durationUs <= 0) {
						return index;
					}
					// Constant-rate samples: the timeline is a straight line over the data chunk.
					long dataStart = chunk.dataOffsetBytes();
					return new MediaIndex(size, durationUs, index.declaredBitrate(), null,
							MediaTimeline.linear(dataStart, dataStart + dataSize, durationUs));
				}
				default -> {
					// LIST (INFO), fact, bext, JUNK...: not needed
				}
			}
			position = chunk.nextOffsetBytes();
		}
		throw (position >= size) ? ProbeReads.truncated("a WAVE file before its data chunk", position)
				: ProbeReads.malformed("No WAVE data chunk in the first " + MAX_CHUNKS + " chunks");
	}

	private static long readByteRate(MediaSource source, RiffChunk chunk) throws MediaFormatException, IOException {
		if (chunk.dataSizeBytes() < FMT_MIN_SIZE) {
			throw ProbeReads.malformed("WAVE fmt chunk of " + chunk.dataSizeBytes() + " bytes");
		}
		ByteCursor cursor = ProbeReads.readFully(source, chunk.dataOffsetBytes(), FMT_MIN_SIZE, "a WAVE fmt chunk");
		cursor.u16le(); // format tag (1 PCM, 3 float, 0xFFFE extensible...)
		cursor.u16le(); // channels
		cursor.u32le(); // samples per second
		long byteRate = cursor.u32le(); // average bytes per second
		if (byteRate == 0) {
			throw ProbeReads.noBitrate("WAVE fmt chunk declares a byte rate of 0");
		}
		return byteRate;
	}

	private static long readRf64DataSize(MediaSource source, RiffChunk chunk) throws MediaFormatException, IOException {
		if (chunk.dataSizeBytes() < DS64_MIN_SIZE) {
			throw ProbeReads.malformed("RF64 ds64 chunk of " + chunk.dataSizeBytes() + " bytes");
		}
		ByteCursor cursor = ProbeReads.readFully(source, chunk.dataOffsetBytes(), DS64_MIN_SIZE, "an RF64 ds64 chunk");
		cursor.u64le(); // RIFF size
		return cursor.u64le(); // data size; may read as negative when hostile, rejected below
	}

	private static long dataSize(RiffChunk chunk, long rf64DataSize, long fileSize) {
		long available = fileSize - chunk.dataOffsetBytes();
		long declared = (chunk.dataSizeBytes() == RiffChunk.SIZE_UNKNOWN && rf64DataSize >= 0) ? rf64DataSize
				: chunk.dataSizeBytes();
		if (declared == 0 || declared == RiffChunk.SIZE_UNKNOWN || declared > available || declared < 0) {
			return available;
		}
		return declared;
	}

}
