package io.github.mediastreaming.probe;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.ProbeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WavIndexReaderTests {

	private static final byte[] FMT_8KHZ_MONO_S16 = TestBytes.of()
		.ascii("fmt ")
		.u32le(16) // chunk id, size
		.u16le(1) // format tag: PCM
		.u16le(1) // channels
		.u32le(8000) // sample rate
		.u32le(16_000) // byte rate
		.u16le(2) // block align
		.u16le(16) // bits per sample
		.build();

	private final WavIndexReader reader = new WavIndexReader();

	@Test
	void durationIsDataSizeOverByteRateAndByteRateIsDeclared() throws Exception {
		byte[] file = TestBytes.of()
			.ascii("RIFF")
			.u32le(36 + 8000) // RIFF size
			.ascii("WAVE") // list type
			.bytes(FMT_8KHZ_MONO_S16)
			.ascii("data")
			.u32le(8000) // data chunk, half a second
			.zeros(8000)
			.build();
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		// The samples start after the 44-byte header: a straight line over the data chunk.
		assertThat(index).isEqualTo(new MediaIndex(file.length, 500_000, 128_000, null,
				io.github.mediastreaming.index.MediaTimeline.linear(44, 8044, 500_000)));
	}

	@Test
	void oddSizedChunkIsFollowedByAPadByte() throws Exception {
		byte[] file = TestBytes.of()
			.ascii("RIFF")
			.u32le(0) // RIFF size, not used
			.ascii("WAVE")
			.bytes(FMT_8KHZ_MONO_S16)
			.ascii("LIST")
			.u32le(5) // LIST of odd size
			.ascii("INFO")
			.u8(0x41) // list type and one byte
			.u8(0) // pad byte
			.ascii("data")
			.u32le(16_000) // one second
			.zeros(16_000)
			.build();
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(1_000_000);
	}

	@Test
	void streamedDataSizeIsTakenFromTheFileSize() throws Exception {
		for (long streamedSize : new long[] { 0, 0xFFFFFFFFL }) {
			byte[] file = TestBytes.of()
				.ascii("RIFF")
				.u32le(streamedSize) // RIFF size unknown
				.ascii("WAVE")
				.bytes(FMT_8KHZ_MONO_S16)
				.ascii("data")
				.u32le(streamedSize) // data size unknown
				.zeros(4000) // a quarter second
				.build();
			assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(250_000);
		}
	}

	@Test
	void dataSizeBeyondTheFileIsCutToTheFile() throws Exception {
		byte[] file = TestBytes.of()
			.ascii("RIFF")
			.u32le(0)
			.ascii("WAVE")
			.bytes(FMT_8KHZ_MONO_S16)
			.ascii("data")
			.u32le(0x7FFFFFF0L) // data size far beyond the file
			.zeros(16_000)
			.build();
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(1_000_000);
	}

	@Test
	void rf64DataSizeComesFromTheDs64Chunk() throws Exception {
		byte[] file = TestBytes.of()
			.ascii("RF64")
			.u32le(0xFFFFFFFFL) // RIFF size in ds64
			.ascii("WAVE")
			.ascii("ds64")
			.u32le(28) // ds64 chunk, size
			.u64le(0) // RIFF size
			.u64le(8000) // data size
			.u64le(4000) // sample count
			.u32le(0) // table length
			.bytes(FMT_8KHZ_MONO_S16)
			.ascii("data")
			.u32le(0xFFFFFFFFL) // data size in ds64
			.zeros(12_000) // more bytes than ds64 says (trailing chunks)
			.build();
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(500_000);
	}

	@Test
	void zeroByteRateAndBlockAlignHaveNoBitrate() {
		byte[] fmt = FMT_8KHZ_MONO_S16.clone();
		fmt[16] = 0; // byte rate 16 000 (0x3E80) becomes 0
		fmt[17] = 0;
		fmt[20] = 0; // block align 2 becomes 0 (with it, PCM is timed by its samples whatever the byte rate)
		byte[] file = TestBytes.of().ascii("RIFF").u32le(0).ascii("WAVE").bytes(fmt).ascii("data").u32le(0).build();
		assertFailure(file, ProbeFailure.NO_BITRATE);
	}

	@Test
	void dataBeforeFmtIsMalformed() {
		byte[] file = TestBytes.of()
			.ascii("RIFF")
			.u32le(0)
			.ascii("WAVE")
			.ascii("data")
			.u32le(4)
			.zeros(4)
			.bytes(FMT_8KHZ_MONO_S16)
			.build();
		assertFailure(file, ProbeFailure.MALFORMED);
	}

	@Test
	void chunkOfBogusSizeBeforeDataIsTruncated() {
		byte[] file = TestBytes.of()
			.ascii("RIFF")
			.u32le(0)
			.ascii("WAVE")
			.bytes(FMT_8KHZ_MONO_S16)
			.ascii("JUNK")
			.u32le(0xFFFFFFF0L) // skips past the end of the file
			.ascii("data")
			.u32le(0)
			.build();
		assertFailure(file, ProbeFailure.TRUNCATED);
	}

	@Test
	void aviIsNotWave() {
		byte[] file = TestBytes.of().ascii("RIFF").u32le(0).ascii("AVI ").zeros(40).build();
		assertFailure(file, ProbeFailure.MALFORMED);
	}

	private void assertFailure(byte[] file, ProbeFailure reason) {
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(file)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
