package io.github.mediastreaming.mp3;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MpegAudioHeaderTests {

	@Test
	void mpeg1Layer3At128kbpsAnd44kHzIs417Bytes() {
		// FF FB: sync, MPEG-1, layer III, no CRC; 90: 128 kbit/s, 44.1 kHz, no padding; 64: joint stereo
		MpegAudioHeader header = MpegAudioHeader.parse(0xFFFB9064);
		assertThat(header).isNotNull();
		assertThat(header.version()).isEqualTo(1);
		assertThat(header.layer()).isEqualTo(3);
		assertThat(header.bitrate()).isEqualTo(128_000);
		assertThat(header.sampleRate()).isEqualTo(44_100);
		assertThat(header.frameLength()).isEqualTo(417);
		assertThat(header.samplesPerFrame()).isEqualTo(1152);
		assertThat(header.xingOffset()).isEqualTo(36);
	}

	@Test
	void paddingAddsOneByte() {
		// 92: as 90 with the padding bit set
		assertThat(MpegAudioHeader.parse(0xFFFB9264).frameLength()).isEqualTo(418);
	}

	@Test
	void mpeg2Layer3HasHalfTheSamplesAndItsOwnBitrateTable() {
		// FF F3: MPEG-2, layer III; 40: bitrate index 4 = 32 kbit/s, sample rate index 0 = 22.05 kHz; C4: mono
		MpegAudioHeader header = MpegAudioHeader.parse(0xFFF340C4);
		assertThat(header.version()).isEqualTo(2);
		assertThat(header.bitrate()).isEqualTo(32_000);
		assertThat(header.sampleRate()).isEqualTo(22_050);
		assertThat(header.samplesPerFrame()).isEqualTo(576);
		assertThat(header.frameLength()).isEqualTo(72 * 32_000 / 22_050);
		assertThat(header.mono()).isTrue();
		assertThat(header.xingOffset()).isEqualTo(13);
	}

	@Test
	void mpeg25HasAQuarterOfTheMpeg1SampleRate() {
		// FF E3: MPEG-2.5, layer III; 10: bitrate index 1 = 8 kbit/s, sample rate index 0 = 11.025 kHz
		MpegAudioHeader header = MpegAudioHeader.parse(0xFFE31000);
		assertThat(header.version()).isEqualTo(25);
		assertThat(header.sampleRate()).isEqualTo(11_025);
	}

	@Test
	void invalidBitsAreNotAHeader() {
		assertThat(MpegAudioHeader.parse(0x00000000)).isNull(); // no sync
		assertThat(MpegAudioHeader.parse(0xFFEB9064)).isNull(); // reserved version
		assertThat(MpegAudioHeader.parse(0xFFF99064)).isNull(); // reserved layer
		assertThat(MpegAudioHeader.parse(0xFFFB0064)).isNull(); // free format bitrate
		assertThat(MpegAudioHeader.parse(0xFFFBF064)).isNull(); // bad bitrate
		assertThat(MpegAudioHeader.parse(0xFFFB9C64)).isNull(); // reserved sample rate
	}

	@Test
	void framesOfOneStreamShareVersionLayerAndSampleRate() {
		assertThat(MpegAudioHeader.parse(0xFFFB9064).sameStream(MpegAudioHeader.parse(0xFFFBA264))).isTrue();
		assertThat(MpegAudioHeader.parse(0xFFFB9064).sameStream(MpegAudioHeader.parse(0xFFF348C4))).isFalse();
	}

}
