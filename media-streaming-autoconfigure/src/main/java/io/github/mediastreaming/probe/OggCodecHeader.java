package io.github.mediastreaming.probe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.github.mediastreaming.bytes.ByteCursor;
import org.jspecify.annotations.Nullable;

/**
 * What a logical stream's identification header says about timing: the rate granule positions count
 * in, the samples to skip at the start, and the nominal bitrate. Audio granules count samples; a Theora
 * granule is a key frame's number shifted left by the header's shift, plus the frames since it.
 *
 * @param codec the codec
 * @param granuleRate units per {@code granuleRateDivisor} seconds: the sample rate for Vorbis and FLAC,
 * always 48 000 for Opus, the frame rate's numerator for Theora
 * @param granuleRateDivisor 1 for audio, the frame rate's denominator for Theora
 * @param keyFrameShift for Theora, how far a granule's key frame number is shifted; 0 for audio
 * @param preSkipSamples samples at 48 kHz to drop at the start (Opus), 0 for the others
 * @param nominalBitrate the declared nominal bitrate in bits/s, 0 when unset (always 0 for Opus and FLAC)
 * @param originUnits the samples (frames for Theora) the stream's media starts from: 0, except for a
 * recording that starts mid-stream (an Icecast dump), whose granules go on from the broadcast's
 */
record OggCodecHeader(Codec codec, long granuleRate, long granuleRateDivisor, int keyFrameShift, int preSkipSamples,
		long nominalBitrate, long originUnits) {

	/** Vorbis identification header: packet type 1 and {@code vorbis}. */
	static final byte[] VORBIS_MAGIC = { 0x01, 'v', 'o', 'r', 'b', 'i', 's' };

	/** Opus identification header magic. */
	static final byte[] OPUS_MAGIC = "OpusHead".getBytes(StandardCharsets.US_ASCII);

	/** Size of a Vorbis identification header. */
	static final int VORBIS_HEADER_SIZE = 30;

	/** Minimum size of an Opus identification header. */
	static final int OPUS_HEADER_SIZE = 19;

	/** Opus granule positions always count 48 kHz samples. */
	static final long OPUS_GRANULE_RATE = 48_000;

	/** Theora identification header: packet type 0x80 and {@code theora}. */
	static final byte[] THEORA_MAGIC = { (byte) 0x80, 't', 'h', 'e', 'o', 'r', 'a' };

	/** Size of a Theora identification header. */
	static final int THEORA_HEADER_SIZE = 42;

	/** Ogg FLAC's first packet: packet type 0x7F and {@code FLAC} (the Ogg FLAC mapping 1.0). */
	static final byte[] FLAC_MAGIC = { 0x7F, 'F', 'L', 'A', 'C' };

	/** Ogg FLAC's first packet up to the end of its STREAMINFO's sample rate. */
	static final int FLAC_HEADER_SIZE = 30;

	/**
	 * Codecs whose granule positions this package understands.
	 */
	enum Codec {

		/** Xiph Vorbis. */
		VORBIS,

		/** Opus (RFC 7845). */
		OPUS,

		/** Xiph Theora video. */
		THEORA,

		/** FLAC in Ogg. */
		FLAC

	}

	/**
	 * Parse the first packet of a logical stream.
	 * @param packet the packet bytes
	 * @return the header, or {@code null} for another codec or an unusable header (sample rate 0)
	 */
	static @Nullable OggCodecHeader parse(byte[] packet) {
		if (startsWith(packet, VORBIS_MAGIC) && packet.length >= VORBIS_HEADER_SIZE) {
			ByteCursor cursor = new ByteCursor(packet, VORBIS_MAGIC.length, packet.length);
			cursor.u32le(); // vorbis_version, 0
			cursor.u8(); // audio_channels
			long sampleRate = cursor.u32le(); // audio_sample_rate
			cursor.u32le(); // bitrate_maximum
			long nominal = (int) cursor.u32le(); // bitrate_nominal, signed; <= 0 means unset
			return (sampleRate > 0) ? new OggCodecHeader(Codec.VORBIS, sampleRate, 1, 0, 0, Math.max(0, nominal), 0) : null;
		}
		if (startsWith(packet, OPUS_MAGIC) && packet.length >= OPUS_HEADER_SIZE) {
			ByteCursor cursor = new ByteCursor(packet, OPUS_MAGIC.length, packet.length);
			cursor.u8(); // version
			cursor.u8(); // output channel count
			int preSkip = cursor.u16le(); // pre-skip, in 48 kHz samples
			return new OggCodecHeader(Codec.OPUS, OPUS_GRANULE_RATE, 1, 0, preSkip, 0, 0);
		}
		if (startsWith(packet, THEORA_MAGIC) && packet.length >= THEORA_HEADER_SIZE) {
			ByteCursor cursor = new ByteCursor(packet, 22, packet.length); // after version, frame and picture sizes
			long frameRateNumerator = cursor.u32(); // FRN
			long frameRateDenominator = cursor.u32(); // FRD
			cursor.skip(7); // pixel aspect ratio (2 x 24 bits), colour space
			long nominal = cursor.u24(); // NOMBR, bits/s
			int bits = cursor.u16(); // QUAL (6 bits), KFGSHIFT (5 bits), pixel format, reserved
			int shift = (bits >> 5) & 0x1F;
			return (frameRateNumerator > 0 && frameRateDenominator > 0)
					? new OggCodecHeader(Codec.THEORA, frameRateNumerator, frameRateDenominator, shift, 0, nominal, 0)
					: null;
		}
		if (startsWith(packet, FLAC_MAGIC) && packet.length >= FLAC_HEADER_SIZE) {
			ByteCursor cursor = new ByteCursor(packet, 9, packet.length); // after version and header count
			if (cursor.u32() != 0x664C6143L) { // fLaC
				return null;
			}
			cursor.skip(4 + 10); // metadata block header; STREAMINFO's block and frame sizes
			long sampleRate = cursor.u24() >> 4; // 20 bits
			return (sampleRate > 0) ? new OggCodecHeader(Codec.FLAC, sampleRate, 1, 0, 0, 0, 0) : null;
		}
		return null;
	}

	/**
	 * Return this header with the units its stream's media starts from.
	 * @param units the samples (frames for Theora) before the stream's first
	 * @return the header
	 */
	OggCodecHeader withOriginUnits(long units) {
		return new OggCodecHeader(this.codec, this.granuleRate, this.granuleRateDivisor, this.keyFrameShift,
				this.preSkipSamples, this.nominalBitrate, units);
	}

	/**
	 * Return the samples (frames for Theora) up to a granule position.
	 * @param granulePosition a granule position
	 * @return the units, negative for a negative position
	 */
	long units(long granulePosition) {
		if (this.keyFrameShift == 0 || granulePosition < 0) {
			return granulePosition;
		}
		return (granulePosition >>> this.keyFrameShift) + (granulePosition & ((1L << this.keyFrameShift) - 1));
	}

	/**
	 * Return the duration up to a granule position, counted from the stream's origin.
	 * @param granulePosition the granule position of the stream's last page
	 * @return the duration in microseconds, 0 when the position is before the start
	 */
	long durationUs(long granulePosition) {
		long units = units(granulePosition);
		if (units < this.originUnits) {
			return 0;
		}
		long samples = units - this.originUnits - this.preSkipSamples;
		if (samples <= 0) {
			return 0;
		}
		return Math.round(samples * 1_000_000.0 * this.granuleRateDivisor / this.granuleRate);
	}

	private static boolean startsWith(byte[] data, byte[] prefix) {
		return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
	}

}
