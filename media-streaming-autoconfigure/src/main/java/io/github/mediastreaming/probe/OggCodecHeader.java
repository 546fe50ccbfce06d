package io.github.mediastreaming.probe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.github.mediastreaming.bytes.ByteCursor;
import org.jspecify.annotations.Nullable;

/**
 * What a Vorbis or Opus identification header says about timing: the rate granule positions count in,
 * the samples to skip at the start, and the nominal bitrate.
 *
 * @param codec the codec
 * @param granuleRate granule positions per second: the sample rate for Vorbis, always 48 000 for Opus
 * @param preSkipSamples samples at 48 kHz to drop at the start (Opus), 0 for Vorbis
 * @param nominalBitrate the declared nominal bitrate in bits/s, 0 when unset (always 0 for Opus)
 * @param originGranule the granule position the stream's media starts from: 0, except for a recording
 * that starts mid-stream (an Icecast dump), whose granules go on from the broadcast's
 */
record OggCodecHeader(Codec codec, long granuleRate, int preSkipSamples, long nominalBitrate, long originGranule) {

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

	/**
	 * Codecs whose granule positions this package understands.
	 */
	enum Codec {

		/** Xiph Vorbis. */
		VORBIS,

		/** Opus (RFC 7845). */
		OPUS

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
			return (sampleRate > 0) ? new OggCodecHeader(Codec.VORBIS, sampleRate, 0, Math.max(0, nominal), 0) : null;
		}
		if (startsWith(packet, OPUS_MAGIC) && packet.length >= OPUS_HEADER_SIZE) {
			ByteCursor cursor = new ByteCursor(packet, OPUS_MAGIC.length, packet.length);
			cursor.u8(); // version
			cursor.u8(); // output channel count
			int preSkip = cursor.u16le(); // pre-skip, in 48 kHz samples
			return new OggCodecHeader(Codec.OPUS, OPUS_GRANULE_RATE, preSkip, 0, 0);
		}
		return null;
	}

	/**
	 * Return this header with the granule position its stream's media starts from.
	 * @param granule the granule position of the stream's first sample
	 * @return the header
	 */
	OggCodecHeader withOriginGranule(long granule) {
		return new OggCodecHeader(this.codec, this.granuleRate, this.preSkipSamples, this.nominalBitrate, granule);
	}

	/**
	 * Return the duration up to a granule position, counted from the stream's origin.
	 * @param granulePosition the granule position of the stream's last page
	 * @return the duration in microseconds, 0 when the position is before the start
	 */
	long durationUs(long granulePosition) {
		if (granulePosition < this.originGranule) {
			return 0;
		}
		long samples = granulePosition - this.originGranule - this.preSkipSamples;
		if (samples <= 0) {
			return 0;
		}
		return Math.round(samples * 1_000_000.0 / this.granuleRate);
	}

	private static boolean startsWith(byte[] data, byte[] prefix) {
		return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
	}

}
