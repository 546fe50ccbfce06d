package io.github.mediastreaming.pacing;

/**
 * Which clock paces a response.
 */
public enum PacingMode {

	/**
	 * The media's own timeline, where the file's index has one (MP4, FLV, MP3, Ogg, Matroska, WAV): a byte
	 * is due once the media it completes is within the boost plus (1 + factor) times the elapsed time, so
	 * a complex scene's bytes come when the player needs them. Files without a timeline are paced at
	 * their average rate.
	 */
	TIMELINE,

	/** The average rate, the seed's formula: the bitrate times (1 + factor) after a boost of bytes. */
	AVERAGE

}
