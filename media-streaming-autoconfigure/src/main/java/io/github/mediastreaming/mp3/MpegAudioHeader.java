package io.github.mediastreaming.mp3;

import org.jspecify.annotations.Nullable;

/**
 * A parsed 4-byte MPEG audio frame header.
 *
 * @param version 1 (MPEG-1), 2 (MPEG-2) or 25 (MPEG-2.5)
 * @param layer 1, 2 or 3
 * @param bitrate bits per second
 * @param sampleRate samples per second
 * @param padding whether the frame has one padding slot
 * @param mono whether the channel mode is single channel
 * @param frameLength the frame's length in bytes, header included
 * @param samplesPerFrame samples per channel in the frame
 */
public record MpegAudioHeader(int version, int layer, int bitrate, int sampleRate, boolean padding, boolean mono,
		int frameLength, int samplesPerFrame) {

	/** Largest possible frame: MPEG-2.5 layer II at 160 kbit/s and 8 kHz, padded. */
	static final int MAX_FRAME_LENGTH = 2881;

	private static final int[][] BITRATES_KBPS = {
			// MPEG-1 layer I, II, III
			{ 0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448 },
			{ 0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384 },
			{ 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 },
			// MPEG-2/2.5 layer I, then II and III
			{ 0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256 },
			{ 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 } };

	private static final int[] MPEG1_SAMPLE_RATES = { 44_100, 48_000, 32_000 };

	/**
	 * Parse a header.
	 * @param header the 4 bytes, big-endian
	 * @return the header, {@code null} when the bits are not a valid frame header (no sync, reserved
	 * values, free format)
	 */
	static @Nullable MpegAudioHeader parse(int header) {
		if ((header & 0xFFE00000) != 0xFFE00000) {
			return null;
		}
		int versionBits = (header >>> 19) & 3;
		int layerBits = (header >>> 17) & 3;
		int bitrateIndex = (header >>> 12) & 0xF;
		int sampleRateIndex = (header >>> 10) & 3;
		if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || sampleRateIndex == 3) {
			return null;
		}
		int version = (versionBits == 3) ? 1 : (versionBits == 2) ? 2 : 25;
		int layer = 4 - layerBits;
		boolean padding = ((header >>> 9) & 1) == 1;
		boolean mono = ((header >>> 6) & 3) == 3;
		int table = (version == 1) ? layer - 1 : (layer == 1) ? 3 : 4;
		int bitrate = BITRATES_KBPS[table][bitrateIndex] * 1000;
		int sampleRate = MPEG1_SAMPLE_RATES[sampleRateIndex] / ((version == 1) ? 1 : (version == 2) ? 2 : 4);
		int samplesPerFrame = (layer == 1) ? 384 : (layer == 2 || version == 1) ? 1152 : 576;
		int frameLength = (layer == 1) ? (12 * bitrate / sampleRate + (padding ? 1 : 0)) * 4
				: samplesPerFrame / 8 * bitrate / sampleRate + (padding ? 1 : 0);
		return new MpegAudioHeader(version, layer, bitrate, sampleRate, padding, mono, frameLength, samplesPerFrame);
	}

	/**
	 * Return whether another header belongs to the same stream (frames of one stream share version,
	 * layer and sample rate; bitrate and padding may change).
	 * @param other the other header
	 * @return whether they match
	 */
	boolean sameStream(MpegAudioHeader other) {
		return this.version == other.version && this.layer == other.layer && this.sampleRate == other.sampleRate;
	}

	/**
	 * Return where a Xing or Info tag would start in this frame: after the header and the side information.
	 * @return the offset from the frame's first byte
	 */
	int xingOffset() {
		int sideInfo = (this.version == 1) ? (this.mono ? 17 : 32) : (this.mono ? 9 : 17);
		return 4 + sideInfo;
	}

	/**
	 * Return the frame's duration in microseconds.
	 * @return the duration
	 */
	double frameDurationUs() {
		return this.samplesPerFrame * 1_000_000.0 / this.sampleRate;
	}

}
