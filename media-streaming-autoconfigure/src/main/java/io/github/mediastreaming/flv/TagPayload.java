package io.github.mediastreaming.flv;

/**
 * What a tag's first two payload bytes say about it: a key frame, a sequence header (the decoder
 * configuration a seek must send again), coded frames, in the classic layout (codec id, AVC/HEVC and AAC
 * packet types) and in Enhanced RTMP's (an {@code IsExHeader} bit, a packet type, then a FourCC).
 */
final class TagPayload {

	private static final int KEY_FRAME = 1;

	private static final int CODEC_AVC = 7;

	private static final int CODEC_HEVC = 12;

	private static final int SOUND_AAC = 10;

	/** Enhanced RTMP audio (Opus, FLAC, AC-3, E-AC-3): a packet type in the low nibble, then a FourCC. */
	private static final int SOUND_EX_HEADER = 9;

	private static final int EX_HEADER = 0x80;

	private static final int EX_FRAME_TYPE_MASK = 0x07;

	private static final int EX_PACKET_TYPE_MASK = 0x0F;

	private static final int EX_SEQUENCE_START = 0;

	private static final int EX_CODED_FRAMES = 1;

	private static final int EX_CODED_FRAMES_X = 3;

	private static final int SEQUENCE_HEADER = 0;

	private TagPayload() {
	}

	/**
	 * Whether a video tag's first two payload bytes mark a key frame: for AVC/HEVC, of coded pictures; with
	 * an Enhanced RTMP header, of coded frames (with or without composition time).
	 */
	static boolean isKeyFrame(int first, int second) {
		if (isExHeader(first)) {
			return ((first >> 4) & EX_FRAME_TYPE_MASK) == KEY_FRAME && isExCodedFrames(first);
		}
		return (first >> 4) == KEY_FRAME && (!isAvcLike(first) || second == 1);
	}

	/**
	 * Whether an audio tag's first two payload bytes mark a sequence header: AAC's, or an Enhanced RTMP
	 * audio sequence start (Opus's {@code OpusHead}, FLAC's STREAMINFO), which a decoder needs as much.
	 */
	static boolean isAudioSequenceHeader(int first, int second) {
		return isExAudio(first) ? (first & EX_PACKET_TYPE_MASK) == EX_SEQUENCE_START
				: (first >> 4) == SOUND_AAC && second == SEQUENCE_HEADER;
	}

	/** Whether a video tag's first two payload bytes mark a sequence header (Enhanced RTMP: sequence start). */
	static boolean isVideoSequenceHeader(int first, int second) {
		return isExHeader(first) ? (first & EX_PACKET_TYPE_MASK) == EX_SEQUENCE_START
				: isAvcLike(first) && second == SEQUENCE_HEADER;
	}

	/**
	 * Whether a video tag's first byte has Enhanced RTMP's {@code IsExHeader} bit (HEVC, AV1, VP9 as OBS and
	 * ffmpeg 6.1 write them): then the frame type is in bits 4 to 6, a packet type in bits 0 to 3, and a
	 * FourCC names the codec.
	 */
	static boolean isExHeader(int first) {
		return (first & EX_HEADER) != 0;
	}

	/** Whether an Enhanced RTMP video tag carries coded frames: not a sequence start or end, metadata or more tracks. */
	static boolean isExCodedFrames(int first) {
		int packetType = first & EX_PACKET_TYPE_MASK;
		return packetType == EX_CODED_FRAMES || packetType == EX_CODED_FRAMES_X;
	}

	/** Whether a video tag's first payload byte names AVC or HEVC, whose packets carry a packet type. */
	static boolean isAvcLike(int first) {
		int codec = first & 0x0F;
		return codec == CODEC_AVC || codec == CODEC_HEVC;
	}

	/** Whether an audio tag's first payload byte has Enhanced RTMP's sound format. */
	static boolean isExAudio(int first) {
		return (first >> 4) == SOUND_EX_HEADER;
	}

	/** Whether an audio tag's first payload byte marks audio frames: classic, or Enhanced RTMP coded frames. */
	static boolean isAudioFrames(int first) {
		return !isExAudio(first) || (first & EX_PACKET_TYPE_MASK) == EX_CODED_FRAMES;
	}

	/** Whether an audio tag's frames need a sequence header before them: AAC, Enhanced RTMP audio. */
	static boolean needsAudioSequenceHeader(int first) {
		return (first >> 4) == SOUND_AAC || isExAudio(first);
	}

}
