package io.github.mediastreaming.probe;

import java.nio.file.Files;
import java.util.Arrays;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.index.ProbeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OggIndexReaderTests {

	private static final int SERIAL = 0x1234;

	private final OggIndexReader reader = new OggIndexReader();

	@Test
	void pageHeaderFieldsAreReadLittleEndian() {
		byte[] page = TestBytes.of()
			.ascii("OggS") // capture pattern
			.u8(0) // version
			.u8(0x04) // header type: end of stream
			.u8(0x10, 0x27, 0, 0, 0, 0, 0, 0) // granule position 10 000
			.u8(0x34, 0x12, 0, 0) // serial number 0x1234
			.u8(7, 0, 0, 0) // sequence number 7
			.u8(0, 0, 0, 0) // CRC
			.u8(3) // 3 segments
			.u8(255, 255, 10) // lacing: one packet of 520 bytes
			.zeros(520)
			.build();
		OggPage header = OggPage.parse(page, 0);
		assertThat(header).isNotNull();
		assertThat(header.granulePosition()).isEqualTo(10_000);
		assertThat(header.serialNumber()).isEqualTo(0x1234);
		assertThat(header.sequenceNumber()).isEqualTo(7);
		assertThat(header.headerSizeBytes()).isEqualTo(30);
		assertThat(header.bodySizeBytes()).isEqualTo(520);
		assertThat(header.firstPacketSizeBytes()).isEqualTo(520);
		assertThat(header.beginsStream()).isFalse();
	}

	@Test
	void pageHeaderWithAnotherVersionIsNotAPage() {
		byte[] page = TestBytes.of().ascii("OggS").u8(1).zeros(30).build(); // version 1
		assertThat(OggPage.parse(page, 0)).isNull();
	}

	@Test
	void checksumMatchesTheOneFfmpegWrote() throws Exception {
		byte[] file = Files.readAllBytes(ProbeFixturesTests.fixture("opus.ogg"));
		OggPage first = OggPage.parse(file, 0);
		assertThat(first).isNotNull();
		assertThat(first.isIntactIn(file)).isTrue();
		file[first.bodyOffsetBytes()] ^= 1;
		assertThat(first.isIntactIn(file)).isFalse();
	}

	@Test
	void vorbisDurationIsFinalGranuleOverSampleRate() throws Exception {
		byte[] identification = page(0x02, 0, SERIAL, 0, vorbisHeader(22_050, 128_000));
		byte[] file = TestBytes.of()
			.bytes(identification)
			.bytes(page(0x00, 0, SERIAL, 1, new byte[100]))
			.bytes(page(0x04, 44_100, SERIAL, 2, new byte[100]))
			.build();
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		// The timeline: nothing plays before the audio pages, which end with the file.
		assertThat(index).isEqualTo(new MediaIndex(file.length, 2_000_000, 0, null,
				MediaTimeline.linear(identification.length, file.length, 2_000_000)));
	}

	@Test
	void timelineHasAPointAtTheEndOfEachPageHalfASecondOrMoreAfterTheLast() throws Exception {
		byte[] identification = page(0x02, 0, SERIAL, 0, vorbisHeader(44_100, 128_000));
		byte[] file = TestBytes.of()
			.bytes(identification)
			.bytes(page(0x00, 44_100, SERIAL, 1, new byte[1_000])) // 1 s
			.bytes(page(0x00, 55_125, SERIAL, 2, new byte[100])) // 1.25 s: too close to the last point
			.bytes(page(0x00, 88_200, SERIAL, 3, new byte[100])) // 2 s
			.bytes(page(0x00, 99_999, 0x999, 0, new byte[100])) // another stream
			.bytes(page(0x04, 132_300, SERIAL, 4, new byte[2_000])) // 3 s
			.build();
		MediaTimeline timeline = this.reader.read(new ByteArrayMediaSource(file)).timeline();
		int afterFirst = identification.length + page(0, 0, SERIAL, 1, new byte[1_000]).length;
		int afterThird = afterFirst + 2 * page(0, 0, SERIAL, 2, new byte[100]).length;
		assertThat(timeline).isEqualTo(MediaTimeline.of(new long[] { identification.length, afterFirst, afterThird, file.length },
				new long[] { 0, 1_000_000, 2_000_000, 3_000_000 }));
	}

	@Test
	void opusDurationSubtractsPreSkipFromA48kHzGranule() throws Exception {
		byte[] file = TestBytes.of()
			.bytes(page(0x02, 0, SERIAL, 0, opusHeader(312, 44_100)))
			.bytes(page(0x04, 48_312, SERIAL, 1, new byte[100]))
			.build();
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(1_000_000);
	}

	@Test
	void vorbisNominalBitrateIsDeclaredOnlyWhenNoFinalGranuleIsFound() throws Exception {
		byte[] file = TestBytes.of()
			.bytes(page(0x02, 0, SERIAL, 0, vorbisHeader(44_100, 128_000)))
			.bytes(page(0x00, OggPage.NO_GRANULE, SERIAL, 1, new byte[100])) // no packet ends here
			.build();
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		assertThat(index.durationUs()).isZero();
		assertThat(index.declaredBitrate()).isEqualTo(128_000);
		assertThat(index.bitrate()).isEqualTo(128_000);
	}

	@Test
	void opusWithoutFinalGranuleHasNoBitrate() {
		byte[] file = TestBytes.of().bytes(page(0x02, 0, SERIAL, 0, opusHeader(312, 48_000))).build();
		assertFailure(file, ProbeFailure.NO_BITRATE);
	}

	@Test
	void vbrVorbisNominalBitrateIsNotDeclaredWhenItOverstatesTheAverage() throws Exception {
		byte[] file = Files.readAllBytes(ProbeFixturesTests.fixture("vorbis-tone.ogg"));
		OggPage first = OggPage.parse(file, 0);
		assertThat(first).isNotNull();
		byte[] packet = Arrays.copyOfRange(file, first.bodyOffsetBytes(),
				first.bodyOffsetBytes() + first.firstPacketSizeBytes());
		OggCodecHeader header = OggCodecHeader.parse(packet);
		assertThat(header).isNotNull();
		assertThat(header.nominalBitrate()).isEqualTo(192_000);
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		assertThat(index.declaredBitrate()).isZero();
		assertThat(index.bitrate()).isLessThan(48_000);
	}

	@Test
	void lastPageOfAnotherStreamIsIgnored() throws Exception {
		byte[] file = TestBytes.of()
			.bytes(page(0x02, 0, SERIAL, 0, opusHeader(0, 48_000)))
			.bytes(page(0x04, 96_000, SERIAL, 1, new byte[1000]))
			.bytes(page(0x04, 480_000, SERIAL + 1, 5, new byte[10])) // another stream, 10 s
			.build();
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(2_000_000);
	}

	@Test
	void captureFromPacketDataWithABadChecksumIsNotTakenForAPage() throws Exception {
		byte[] fake = page(0x04, 4_800_000, SERIAL, 9, new byte[1000]);
		fake[OggPage.CHECKSUM_OFFSET] ^= 1;
		byte[] file = TestBytes.of()
			.bytes(page(0x02, 0, SERIAL, 0, opusHeader(0, 48_000)))
			.bytes(page(0x04, 96_000, SERIAL, 1, fake)) // payload that looks like a page
			.build();
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(2_000_000);
	}

	@Test
	void firstStreamOfAnUnknownCodecIsSkippedForAVorbisOne() throws Exception {
		byte[] theora = TestBytes.of().u8(0x80).ascii("theora").zeros(35).build();
		byte[] file = TestBytes.of()
			.bytes(page(0x02, 0, SERIAL + 1, 0, theora))
			.bytes(page(0x02, 0, SERIAL, 0, vorbisHeader(48_000, 0)))
			.bytes(page(0x04, 144_000, SERIAL, 1, new byte[1000]))
			.build();
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(3_000_000);
	}

	@Test
	void onlyUnknownCodecsHaveNoBitrate() {
		byte[] theora = TestBytes.of().u8(0x80).ascii("theora").zeros(35).build();
		byte[] file = TestBytes.of()
			.bytes(page(0x02, 0, SERIAL, 0, theora))
			.bytes(page(0x00, 100, SERIAL, 1, new byte[10]))
			.build();
		assertFailure(file, ProbeFailure.NO_BITRATE);
	}

	@Test
	void fileWithoutCapturePatternIsMalformed() {
		assertFailure(TestBytes.of().ascii("RIFF").zeros(400).build(), ProbeFailure.MALFORMED);
	}

	@Test
	void emptyFileIsTruncated() {
		assertFailure(new byte[0], ProbeFailure.TRUNCATED);
	}

	@Test
	void identificationPacketCutByTheEndOfFileIsTruncated() {
		byte[] file = page(0x02, 0, SERIAL, 0, vorbisHeader(44_100, 0));
		assertFailure(Arrays.copyOf(file, file.length - 5), ProbeFailure.TRUNCATED);
	}

	private void assertFailure(byte[] file, ProbeFailure reason) {
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(file)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	/** An Ogg page holding one packet, with its checksum filled in. */
	static byte[] page(int headerType, long granule, int serial, int sequence, byte[] packet) {
		TestBytes page = TestBytes.of()
			.ascii("OggS") // capture pattern
			.u8(0) // version
			.u8(headerType) // flags
			.u64le(granule) // granule position
			.u32le(serial) // serial number
			.u32le(sequence) // page sequence number
			.u32le(0) // CRC, filled in below
			.u8(packet.length / 255 + 1); // segments
		for (int i = 0; i < packet.length / 255; i++) {
			page.u8(255); // lacing: packet continues
		}
		byte[] bytes = page.u8(packet.length % 255).bytes(packet).build(); // last lacing, packet
		long crc = OggCrc.of(bytes, 0, bytes.length, OggPage.CHECKSUM_OFFSET);
		for (int i = 0; i < 4; i++) {
			bytes[OggPage.CHECKSUM_OFFSET + i] = (byte) (crc >>> (8 * i));
		}
		return bytes;
	}

	static byte[] vorbisHeader(long sampleRate, long nominalBitrate) {
		return TestBytes.of()
			.u8(0x01)
			.ascii("vorbis") // packet type 1, magic
			.u32le(0) // vorbis_version
			.u8(2) // audio_channels
			.u32le(sampleRate) // audio_sample_rate
			.u32le(0) // bitrate_maximum
			.u32le(nominalBitrate) // bitrate_nominal
			.u32le(0) // bitrate_minimum
			.u8(0xB8) // blocksize_0 and _1
			.u8(1) // framing flag
			.build();
	}

	static byte[] opusHeader(int preSkip, long inputSampleRate) {
		return TestBytes.of()
			.ascii("OpusHead") // magic
			.u8(1) // version
			.u8(2) // channel count
			.u16le(preSkip) // pre-skip
			.u32le(inputSampleRate) // input sample rate, informational
			.u16le(0) // output gain
			.u8(0) // channel mapping family
			.build();
	}

}
