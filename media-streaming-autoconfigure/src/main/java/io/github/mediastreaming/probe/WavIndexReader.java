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
 * Probes a RIFF WAVE file (and its 64-bit variants RF64 and BW64): the {@code fmt } chunk's byte rate is
 * the declared bitrate and the {@code data} chunk's size divided by it is the duration. For uncompressed
 * samples (PCM, float) the byte rate is block align x sample rate, as ffmpeg times them, whatever the
 * redundant byte rate field says. For example 8 kHz mono 16-bit PCM (block align 2) has a byte rate of
 * 16 000, so a 96 000-byte {@code data} chunk lasts 6 s and the declared bitrate is 128 000 bits/s. A
 * compressed format (ADPCM, MP3 in WAVE) has a {@code fact} chunk whose sample count over the sample
 * rate is its duration: its declared byte rate is only an average an encoder guessed (ffmpeg writes
 * 16,000 bytes/s for IMA ADPCM that takes 22,100), or 0.
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

	/** Outer chunk code of a BW64 file (ITU-R BS.2088): RF64 under another name, sizes in {@code ds64} too. */
	static final String BW64 = "BW64";

	/** RF64's chunk of 64-bit sizes. */
	static final String DS64 = "ds64";

	/** Format chunk code. */
	static final String FMT = "fmt ";

	/** Sample data chunk code. */
	static final String DATA = "data";

	/** Chunk of a compressed format's sample count. */
	static final String FACT = "fact";

	/** Format tags whose byte rate is exact: PCM, IEEE float, and the extensible wrapper of PCM. */
	private static final int PCM = 1;

	private static final int IEEE_FLOAT = 3;

	private static final int EXTENSIBLE = 0xFFFE;

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
		if (!RiffChunk.RIFF.equals(riff.id()) && !RF64.equals(riff.id()) && !BW64.equals(riff.id())) {
			throw ProbeReads.malformed("Not a RIFF file: starts with '" + riff.id() + "'");
		}
		if (!WAVE.equals(riff.listType(source))) {
			throw ProbeReads.malformed("RIFF file is not WAVE");
		}
		Fmt fmt = null;
		long factSamples = -1;
		long rf64DataSize = -1;
		long position = riff.childrenOffsetBytes();
		for (int i = 0; i < MAX_CHUNKS && position < size; i++) {
			RiffChunk chunk = RiffChunk.read(source, position);
			switch (chunk.id()) {
				case DS64 -> rf64DataSize = readRf64DataSize(source, chunk);
				case FMT -> fmt = readFmt(source, chunk);
				case FACT -> factSamples = readFactSamples(source, chunk);
				case DATA -> {
					if (fmt == null) {
						throw ProbeReads.malformed("WAVE data chunk before its fmt chunk");
					}
					long dataSize = dataSize(chunk, rf64DataSize, size);
					long durationUs;
					long bitrate;
					if (!fmt.exactByteRate() && factSamples > 0 && fmt.sampleRate() > 0) {
						// Compressed: the samples say how long it lasts, the bytes they take say the rate. A data
						// chunk cut short holds its share of the samples.
						long declared = chunk.dataSizeBytes();
						double held = (declared > dataSize && declared != RiffChunk.SIZE_UNKNOWN)
								? (double) dataSize / declared : 1.0;
						durationUs = Math.round(factSamples * held * 1_000_000.0 / fmt.sampleRate());
						bitrate = (durationUs > 0) ? Math.round(dataSize * 8_000_000.0 / durationUs) : 0;
					}
					else if (fmt.timingByteRate() > 0) {
						durationUs = Math.round(dataSize * 1_000_000.0 / fmt.timingByteRate());
						bitrate = fmt.timingByteRate() * 8;
					}
					else {
						throw ProbeReads.noBitrate("WAVE fmt chunk declares a byte rate of 0 and no fact chunk a length");
					}
					MediaIndex index = ProbeReads.index("wav", size, durationUs, bitrate);
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

	private static Fmt readFmt(MediaSource source, RiffChunk chunk) throws MediaFormatException, IOException {
		if (chunk.dataSizeBytes() < FMT_MIN_SIZE) {
			throw ProbeReads.malformed("WAVE fmt chunk of " + chunk.dataSizeBytes() + " bytes");
		}
		ByteCursor cursor = ProbeReads.readFully(source, chunk.dataOffsetBytes(), FMT_MIN_SIZE, "a WAVE fmt chunk");
		int formatTag = cursor.u16le();
		cursor.u16le(); // channels
		long sampleRate = cursor.u32le();
		long byteRate = cursor.u32le(); // average bytes per second
		int blockAlign = cursor.u16le(); // bytes per sample frame, all channels
		return new Fmt(formatTag, sampleRate, byteRate, blockAlign);
	}

	/** The sample count of a {@code fact} chunk, -1 when it is too short to hold one. */
	private static long readFactSamples(MediaSource source, RiffChunk chunk) throws MediaFormatException, IOException {
		if (chunk.dataSizeBytes() < 4) {
			return -1;
		}
		return ProbeReads.readFully(source, chunk.dataOffsetBytes(), 4, "a WAVE fact chunk").u32le();
	}

	/**
	 * What the {@code fmt } chunk says: the format, its sample rate, the average bytes a second and the
	 * bytes a sample frame.
	 */
	private record Fmt(int formatTag, long sampleRate, long byteRate, int blockAlign) {

		/** Whether the byte rate is exact (uncompressed samples), so it, not a {@code fact} count, times the data. */
		boolean exactByteRate() {
			return this.formatTag == PCM || this.formatTag == IEEE_FLOAT || this.formatTag == EXTENSIBLE;
		}

		/**
		 * The bytes a second that time the data: for uncompressed samples, block align x sample rate, as
		 * ffmpeg times them (a writer may get the redundant byte rate field wrong); else the declared
		 * byte rate.
		 */
		long timingByteRate() {
			if (exactByteRate() && this.blockAlign > 0 && this.sampleRate > 0) {
				return this.blockAlign * this.sampleRate;
			}
			return this.byteRate;
		}

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
