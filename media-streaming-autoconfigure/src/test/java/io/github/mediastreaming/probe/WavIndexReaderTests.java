package io.github.mediastreaming.probe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaFormat;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.ProbeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WavIndexReaderTests {

	private final WavIndexReader reader = new WavIndexReader();

	@Test
	void byteRateAndDataSizeGiveBitrateAndDuration() throws Exception {
		// 8 kHz mono 16-bit: 16,000 bytes/s; 32,000 data bytes = 2 s.
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(wav(16_000, 32_000, 32_000, true)));
		assertThat(index.format()).isEqualTo(MediaFormat.WAV);
		assertThat(index.declaredBitrate()).isEqualTo(128_000);
		assertThat(index.durationUs()).isEqualTo(2_000_000);
		assertThat(index.seekable()).isFalse();
	}

	@Test
	void unknownDataSizeMeansToTheEndOfTheFile() throws Exception {
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(wav(16_000, 0xFFFFFFFFL, 16_000, false)));
		assertThat(index.durationUs()).isEqualTo(1_000_000);
	}

	@Test
	void oddSizedChunksArePaddedBeforeTheNext() throws Exception {
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(wav(16_000, 16_000, 16_000, true)));
		assertThat(index.durationUs()).isEqualTo(1_000_000);
	}

	@Test
	void notRiffIsMalformed() {
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource("RIFX....WAVEfmt ".getBytes())))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.MALFORMED));
	}

	@Test
	void shortFileIsTruncated() {
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource("RIFF".getBytes())))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TRUNCATED));
	}

	@Test
	void hugeChunkSizesEndTheWalkWithoutReadingThem() {
		byte[] bytes = wav(16_000, 100, 100, true);
		// Overwrite the LIST chunk's size with 0xFFFFFFF0: the walk jumps past the end.
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0xFFFFFFF0);
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(bytes)));
	}

	/**
	 * A WAV: RIFF header, fmt (PCM mono 16-bit), a 3-byte LIST chunk (padded), data.
	 */
	static byte[] wav(int byteRate, long declaredDataSize, int dataBytes, boolean withList) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer header = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
		header.put("RIFF".getBytes()).putInt(0).put("WAVE".getBytes()); // RIFF size unused by the reader
		header.put("fmt ".getBytes()).putInt(16); // chunk id, size
		header.putShort((short) 1).putShort((short) 1); // PCM, mono
		header.putInt(byteRate / 2).putInt(byteRate); // sample rate, byte rate
		header.putShort((short) 2).putShort((short) 16); // block align, bits per sample
		out.writeBytes(header.array());
		if (withList) {
			ByteBuffer list = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
			list.put("LIST".getBytes()).putInt(3).put(new byte[] { 'a', 'b', 'c', 0 }); // 3 bytes + pad
			out.writeBytes(list.array());
		}
		ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
		data.put("data".getBytes()).putInt((int) declaredDataSize);
		out.writeBytes(data.array());
		out.writeBytes(new byte[dataBytes]);
		return out.toByteArray();
	}

}
