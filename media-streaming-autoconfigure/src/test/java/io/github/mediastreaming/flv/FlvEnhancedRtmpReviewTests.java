package io.github.mediastreaming.flv;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import org.junit.jupiter.api.Test;

import static io.github.mediastreaming.testsupport.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FLV as Enhanced RTMP writes it for HEVC and AV1 (OBS 29.1 and later, ffmpeg 6.1 and later): a video
 * tag's first byte is {@code IsExHeader} (bit 7), the frame type (bits 4 to 6) and a packet type (bits 0
 * to 3: 0 sequence start, 1 coded frames, 3 coded frames without composition time), then a FourCC. The
 * key frames are seek points and the sequence start is resent before them, as for AVC. (The ffmpeg 5.1
 * of this machine cannot decode such files, so the structure is checked, not a decode.)
 */
class FlvEnhancedRtmpReviewTests {

	private static final byte[] HEADER = FlvTags.header(0x01); // video

	private final FlvIndexReader reader = new FlvIndexReader();

	@Test
	void enhancedRtmpHevcKeyFramesAreSeekPointsAndItsSequenceStartIsResent() throws Exception {
		byte[] sequenceStart = videoTag(0, 0x90, new byte[] { 1, 2, 3, 4 }); // ex header, key frame, sequence start
		byte[] flv = concat(HEADER, sequenceStart, //
				videoTag(0, 0x91, new byte[] { 0, 0, 0, 5, 6 }), // key frame, coded frames (composition time 0)
				videoTag(40, 0xA3, new byte[] { 7, 8 }), // inter frame, coded frames without composition time
				videoTag(1000, 0x93, new byte[] { 9, 10 })); // key frame, coded frames without composition time
		int firstKeyFrame = HEADER.length + sequenceStart.length;
		int secondKeyFrame = firstKeyFrame + 11 + 1 + 4 + 5 + 4 + 11 + 1 + 4 + 2 + 4;
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(flv));
		assertThat(index.seekable()).as("key frames found").isTrue();
		FlvIndex flvIndex = (FlvIndex) index.seeker();
		assertThat(flvIndex.keyFrameOffsets()).containsExactly(firstKeyFrame, secondKeyFrame);
		assertThat(flvIndex.keyFrameTimesUs()).containsExactly(0, 1_000_000);
		assertThat(flvIndex.resentTags()).isEqualTo(sequenceStart);
	}

	/** A video tag with an Enhanced RTMP header: the first byte, FourCC {@code hvc1}, then the rest. */
	private static byte[] videoTag(int timestampMs, int first, byte[] rest) {
		// ex header, frame type and packet type; the FourCC
		return FlvTags.tag(FlvTags.VIDEO, timestampMs, concat(new byte[] { (byte) first, 'h', 'v', 'c', '1' }, rest));
	}

}
