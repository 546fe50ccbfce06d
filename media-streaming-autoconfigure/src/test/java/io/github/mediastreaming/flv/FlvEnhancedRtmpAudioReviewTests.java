package io.github.mediastreaming.flv;

import java.io.ByteArrayOutputStream;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import org.junit.jupiter.api.Test;

import static io.github.mediastreaming.testsupport.Bytes.concat;
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

	private static final byte[] HEADER = FlvTags.header(0x05); // audio, video

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
		return FlvTags.tag(type, timestampMs, concat(new byte[] { (byte) first }, fourCc.getBytes(), rest));
	}

}
