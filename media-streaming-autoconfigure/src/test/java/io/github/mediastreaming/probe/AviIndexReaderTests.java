package io.github.mediastreaming.probe;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.ProbeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AviIndexReaderTests {

	private final AviIndexReader reader = new AviIndexReader();

	@Test
	void durationComesFromTheVideoStreamHeader() throws Exception {
		byte[] file = avi(avih(83_333, 73), strl(streamHeader("auds", 32, 1225, 232)),
				strl(streamHeader("vids", 1, 12, 73)));
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		assertThat(index).isEqualTo(new MediaIndex(file.length, 6_083_333, 0, null));
	}

	@Test
	void withoutVideoTheLongestStreamIsUsed() throws Exception {
		byte[] file = avi(avih(0, 0), strl(streamHeader("auds", 32, 1225, 232)),
				strl(streamHeader("auds", 1, 16_000, 32_000)));
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(6_060_408);
	}

	@Test
	void withoutUsableStreamHeadersTheMainHeaderIsUsed() throws Exception {
		byte[] file = avi(avih(40_000, 100), strl(streamHeader("vids", 0, 0, 100))); // rate 0
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(4_000_000);
	}

	@Test
	void headersWithoutAnyDurationHaveNoBitrate() {
		assertFailure(avi(avih(0, 0)), ProbeFailure.NO_BITRATE);
	}

	@Test
	void corruptLengthGivingAnImplausibleBitrateIsMalformed() {
		byte[] file = avi(avih(40_000, 250), strl(streamHeader("vids", 1, 25, 0xFFFFFFF0L))); // 5 years
		assertFailure(file, ProbeFailure.MALFORMED);
	}

	@Test
	void mainHeaderProductPast2To63IsNotANegativeDuration() {
		// 2^32 - 1 frames of 2^32 - 1 microseconds each: the product passes 2^63 and used to wrap negative.
		byte[] file = avi(avih(0xFFFFFFFFL, 0xFFFFFFFFL));
		assertFailure(file, ProbeFailure.MALFORMED); // an implausible bitrate, not a negative duration
	}

	@Test
	void chunkRunningPastItsListIsMalformed() {
		byte[] hdrl = TestBytes.of()
			.ascii("LIST")
			.u32le(4 + 8 + 20) // LIST, size
			.ascii("hdrl") // list type
			.ascii("avih")
			.u32le(56) // 56 bytes declared, 20 inside the list
			.zeros(20)
			.build();
		assertFailure(riff(hdrl), ProbeFailure.MALFORMED);
	}

	@Test
	void headerListLargerThanTheFileIsTruncated() {
		byte[] hdrl = TestBytes.of().ascii("LIST").u32le(0xFFFFFF00L).ascii("hdrl").bytes(avih(40_000, 250)).build();
		assertFailure(riff(hdrl), ProbeFailure.TRUNCATED);
	}

	@Test
	void fileWithoutHeaderListFirstIsMalformed() {
		byte[] movi = TestBytes.of().ascii("LIST").u32le(4).ascii("movi").build();
		assertFailure(riff(movi), ProbeFailure.MALFORMED);
	}

	@Test
	void waveIsNotAvi() {
		assertFailure(TestBytes.of().ascii("RIFF").u32le(4).ascii("WAVE").zeros(40).build(), ProbeFailure.MALFORMED);
	}

	private void assertFailure(byte[] file, ProbeFailure reason) {
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(file)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static byte[] avi(byte[]... hdrlChildren) {
		TestBytes children = TestBytes.of();
		for (byte[] child : hdrlChildren) {
			children.bytes(child);
		}
		byte[] content = children.build();
		return riff(TestBytes.of()
			.ascii("LIST")
			.u32le(4 + content.length)
			.ascii("hdrl")
			.bytes(content) // header list
			.ascii("LIST")
			.u32le(1004)
			.ascii("movi")
			.zeros(1000) // media list, never read
			.build());
	}

	private static byte[] riff(byte[] content) {
		return TestBytes.of().ascii("RIFF").u32le(4 + content.length).ascii("AVI ").bytes(content).build();
	}

	private static byte[] avih(long microSecPerFrame, long totalFrames) {
		return TestBytes.of()
			.ascii("avih")
			.u32le(56) // chunk id, size
			.u32le(microSecPerFrame) // dwMicroSecPerFrame
			.u32le(29_000) // dwMaxBytesPerSec
			.u32le(0) // dwPaddingGranularity
			.u32le(0x910) // dwFlags
			.u32le(totalFrames) // dwTotalFrames
			.zeros(36) // dwInitialFrames to dwReserved
			.build();
	}

	private static byte[] strl(byte[] strh) {
		return TestBytes.of().ascii("LIST").u32le(4 + strh.length).ascii("strl").bytes(strh).build();
	}

	private static byte[] streamHeader(String type, long scale, long rate, long length) {
		return TestBytes.of()
			.ascii("strh")
			.u32le(56) // chunk id, size
			.ascii(type) // fccType
			.zeros(4) // fccHandler
			.u32le(0) // dwFlags
			.u16le(0) // wPriority
			.u16le(0) // wLanguage
			.u32le(0) // dwInitialFrames
			.u32le(scale) // dwScale
			.u32le(rate) // dwRate
			.u32le(0) // dwStart
			.u32le(length) // dwLength
			.zeros(20) // dwSuggestedBufferSize to rcFrame
			.build();
	}

}
