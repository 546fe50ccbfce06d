package io.github.mediastreaming.flv;

import java.nio.ByteBuffer;

/**
 * Builds FLV files byte by byte for tests: the file header and tags framed as the format frames them
 * (an 11-byte tag header, the data, the 4-byte PreviousTagSize), so a test writes only the data bytes it
 * is about.
 */
final class FlvTags {

	static final int AUDIO = 8;

	static final int VIDEO = 9;

	static final int SCRIPT = 18;

	private FlvTags() {
	}

	/**
	 * The 9-byte file header and PreviousTagSize0.
	 * @param flags 0x01 video, 0x04 audio, 0x05 both
	 * @return the bytes before the first tag
	 */
	static byte[] header(int flags) {
		return new byte[] { 'F', 'L', 'V', 1, (byte) flags, 0, 0, 0, 9, 0, 0, 0, 0 };
	}

	/**
	 * One tag.
	 * @param type {@link #AUDIO}, {@link #VIDEO} or {@link #SCRIPT}
	 * @param timestampMs its timestamp (the upper 8 bits go to the extension byte)
	 * @param data its data
	 * @return header, data and PreviousTagSize
	 */
	static byte[] tag(int type, int timestampMs, byte[] data) {
		int size = data.length;
		return ByteBuffer.allocate(11 + size + 4)
			.put((byte) type)
			.put((byte) (size >> 16)).put((byte) (size >> 8)).put((byte) size)
			.put((byte) (timestampMs >> 16)).put((byte) (timestampMs >> 8)).put((byte) timestampMs)
			.put((byte) (timestampMs >>> 24))
			.put(new byte[3]) // stream id
			.put(data)
			.putInt(11 + size)
			.array();
	}

	/**
	 * One tag whose data bytes are given one by one.
	 * @param type {@link #AUDIO}, {@link #VIDEO} or {@link #SCRIPT}
	 * @param timestampMs its timestamp
	 * @param data its data, each value a byte
	 * @return header, data and PreviousTagSize
	 */
	static byte[] tag(int type, int timestampMs, int... data) {
		byte[] bytes = new byte[data.length];
		for (int i = 0; i < data.length; i++) {
			bytes[i] = (byte) data[i];
		}
		return tag(type, timestampMs, bytes);
	}

}
