package io.github.mediastreaming.flv;

import java.io.ByteArrayOutputStream;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FLV with Enhanced RTMP audio (v2 of the specification, which OBS 31 and ffmpeg 7.1 write for Opus, FLAC,
 * AC-3 and E-AC-3): an audio tag's first byte is sound format 9 ({@code ExHeader}, high nibble) and an
 * audio packet type (low nibble: 0 sequence start, 1 coded frames), then a FourCC. As the AVC/AAC
 * sequence headers and Enhanced RTMP's video sequence start, the audio sequence start ({@code OpusHead})
 * is what a decoder needs before any frame, so a seek must resend it; the reader of main (d85840e)
 * recognises Enhanced RTMP video only, so a seek into such a file starts its audio without a
 * configuration. (The ffmpeg 5.1 of this machine cannot write or decode such files, so the structure is
 * checked.)
 */
class FlvEnhancedRtmpAudioReviewTests {

	private static final byte[] HEADER = { 'F', 'L', 'V', 1, 0x05, // signature, version, flags: audio, video
			0, 0, 0, 9, // data offset
			0, 0, 0, 0 }; // PreviousTagSize0

	private final FlvIndexReader reader = new FlvIndexReader();

	@Test
	void enhancedRtmpAudioSequenceStartIsResentBeforeSeeks() throws Exception {
		byte[] videoStart = tag(9, 0, 0x90, "hvc1", new byte[] { 1, 2, 3, 4 }); // ex header, key frame, sequence start
		byte[] audioStart = tag(8, 0, 0x90, "Opus", "OpusHead".getBytes()); // ex header, sequence start
		ByteArrayOutputStream flv = new ByteArrayOutputStream();
		flv.writeBytes(HEADER);
		flv.writeBytes(videoStart);
		flv.writeBytes(audioStart);
		for (int ms = 0; ms < 3000; ms += 20) {
			if (ms % 1000 == 0) {
				flv.writeBytes(tag(9, ms, 0x93, "hvc1", new byte[] { 9, 10 })); // key frame, coded frames
			}
			else if (ms % 40 == 0) {
				flv.writeBytes(tag(9, ms, 0xA3, "hvc1", new byte[] { 7, 8 })); // inter frame, coded frames
			}
			flv.writeBytes(tag(8, ms, 0x91, "Opus", new byte[] { 5, 6 })); // ex header, coded frames
		}
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(flv.toByteArray()));
		assertThat(index.seekable()).isTrue();
		FlvIndex flvIndex = (FlvIndex) index.seeker();
		assertThat(flvIndex.keyFrameTimesUs()).containsExactly(0, 1_000_000, 2_000_000);
		assertThat(flvIndex.resentTags()).as("the video and audio sequence starts").isEqualTo(concat(videoStart, audioStart));
	}

	/** A tag with an Enhanced RTMP header: the first byte, a FourCC, then the rest. */
	private static byte[] tag(int type, int timestampMs, int first, String fourCc, byte[] rest) {
		int size = 1 + 4 + rest.length;
		return concat(new byte[] { (byte) type, 0, 0, (byte) size, // type, data size
				(byte) (timestampMs >> 16), (byte) (timestampMs >> 8), (byte) timestampMs, 0, // timestamp, extension
				0, 0, 0, // stream id
				(byte) first }, fourCc.getBytes(), rest, new byte[] { 0, 0, 0, (byte) (11 + size) }); // PreviousTagSize
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
