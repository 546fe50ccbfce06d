package io.github.mediastreaming.flv;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.ProbeFailure;
import io.github.mediastreaming.testsupport.TruncatedMediaSource;
import org.junit.jupiter.api.Test;

import static io.github.mediastreaming.testsupport.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * FLV inputs the fuzzer found or that prove a bound: files that end before the size they were opened
 * with, tags kept for seeks that must fit the index budget, and AMF0 values that lie about their length.
 */
class FlvBoundsTests {

	private static final byte[] HEADER = FlvTags.header(0x01); // video

	private final FlvIndexReader reader = new FlvIndexReader();

	@Test
	void aFileTruncatedWhileIndexedIsIndexedUpToTheTagsItStillHolds() throws Exception {
		byte[] flv = concat(HEADER, videoTag(0, 0x17, 0x01), videoTag(1000, 0x17, 0x01));
		// The source was opened when the file had 100 more bytes: reads past its new end come back short.
		MediaIndex index = this.reader.read(new TruncatedMediaSource(flv, flv.length + 100));
		assertThat(((FlvIndex) index.seeker()).keyFrameOffsets()).containsExactly(13, 13 + 17);
	}

	@Test
	void aFileTruncatedBeforeItsFirstTagIsTruncated() {
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new TruncatedMediaSource(HEADER, HEADER.length + 100)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TRUNCATED));
	}

	@Test
	void onMetaDataResentBeforeSeeksCountsAgainstTheBudget() throws Exception {
		byte[] metadata = amf(0x02, 0x00, 0x0A, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a', // string "onMetaData"
				0x03, // object
				0x00, 0x04, 'p', 'a', 'd', 's', 0x0C, 0x00, 0x00, 0x04, 0x00); // "pads": long string of 1024 bytes
		byte[] flv = concat(HEADER, scriptTag(concat(metadata, new byte[1024], amf(0x00, 0x00, 0x09))), // object end
				videoTag(0, 0x17, 0x01));
		assertThat(this.reader.read(new ByteArrayMediaSource(flv), IndexBudget.of(4096)).seekable()).isTrue();
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(flv), IndexBudget.of(1024)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TOO_LARGE))
			.withMessageContaining("onMetaData");
	}

	@Test
	void sequenceHeadersResentBeforeSeeksCountAgainstTheBudget() {
		// AVC key frame, sequence header, then a 2,048-byte decoder configuration
		byte[] sequenceHeader = FlvTags.tag(FlvTags.VIDEO, 0, concat(new byte[] { 0x17, 0x00 }, new byte[2048]));
		byte[] flv = concat(HEADER, sequenceHeader, videoTag(0, 0x17, 0x01));
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(flv), IndexBudget.of(2048)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TOO_LARGE))
			.withMessageContaining("sequence headers");
	}

	@Test
	void anAmfStrictArrayCountingMoreElementsThanBytesIsMalformed() {
		byte[] array = amf(0x0A, 0x7F, 0xFF, 0xFF, 0xFF, // strict array of 2^31 - 1 elements
				0x05); // one null
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> new Amf0Reader(new ByteCursor(array)).read())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.MALFORMED));
	}

	@Test
	void anAmfValueCutShortIsMalformed() {
		byte[] number = amf(0x00, 0x40, 0x59); // number, 2 of its 8 bytes
		byte[] string = amf(0x02, 0x00, 0x10, 'a'); // string of 16 bytes, 1 present
		byte[] object = amf(0x03, 0x00, 0x01, 'a', 0x05); // object {a: null} without its end marker
		for (byte[] value : new byte[][] { number, string, object }) {
			assertThatExceptionOfType(MediaFormatException.class)
				.isThrownBy(() -> new Amf0Reader(new ByteCursor(value)).read());
		}
	}

	@Test
	void amfNestingDeeperThanEightLevelsIsMalformed() {
		byte[] nested = amf(0x0A, 0, 0, 0, 1, 0x0A, 0, 0, 0, 1, 0x0A, 0, 0, 0, 1, // strict arrays of one element,
				0x0A, 0, 0, 0, 1, 0x0A, 0, 0, 0, 1, 0x0A, 0, 0, 0, 1, 0x0A, 0, 0, 0, 1, // ten deep
				0x0A, 0, 0, 0, 1, 0x0A, 0, 0, 0, 1, 0x0A, 0, 0, 0, 1, 0x05); // around a null
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> new Amf0Reader(new ByteCursor(nested)).read())
			.withMessageContaining("nesting");
	}

	/** A 17-byte video tag: 11-byte header, 2 data bytes, PreviousTagSize. */
	private static byte[] videoTag(int timestampMs, int first, int second) {
		return FlvTags.tag(FlvTags.VIDEO, timestampMs, first, second);
	}

	/** A script tag around AMF0 data. */
	private static byte[] scriptTag(byte[] data) {
		return FlvTags.tag(FlvTags.SCRIPT, 0, data);
	}

	private static byte[] amf(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
