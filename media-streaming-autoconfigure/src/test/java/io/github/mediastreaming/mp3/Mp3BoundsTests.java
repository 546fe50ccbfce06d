package io.github.mediastreaming.mp3;

import java.nio.ByteBuffer;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one MP3 table whose size a file declares, the VBRI table of contents, counts against the index
 * budget before it is allocated.
 */
class Mp3BoundsTests {

	/** MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames. */
	private static final byte[] FRAME_HEADER = { (byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x00 };

	private static final int FRAME_BYTES = 417;

	private static final int VBRI_ENTRIES = 350;

	@Test
	void aVbriTableIsIndexedWithinTheBudget() throws Exception {
		Mp3Index index = (Mp3Index) new Mp3IndexReader().read(new ByteArrayMediaSource(file()), IndexBudget.of(64 * 1024))
			.seeker();
		assertThat(index.tableFrames()).hasSize(VBRI_ENTRIES + 1);
	}

	@Test
	void aVbriTableLargerThanTheBudgetIsTooLarge() {
		// 351 entries of two longs each, 5,616 bytes, in a budget of 4 KiB.
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> new Mp3IndexReader().read(new ByteArrayMediaSource(file()), IndexBudget.of(4096)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TOO_LARGE))
			.withMessageContaining("VBRI");
	}

	/** A VBRI frame followed by two audio frames (the reader needs a frame after the first to trust it). */
	private static byte[] file() {
		ByteBuffer file = ByteBuffer.allocate(3 * FRAME_BYTES);
		file.put(FRAME_HEADER).put(new byte[32]); // header, side information
		file.put(new byte[] { 'V', 'B', 'R', 'I' }) // VBRI tag at offset 36
			.putShort((short) 1) // version
			.putShort((short) 0) // delay
			.putShort((short) 75) // quality
			.putInt(3 * FRAME_BYTES) // bytes
			.putInt(VBRI_ENTRIES) // frames
			.putShort((short) VBRI_ENTRIES) // table entries
			.putShort((short) 1) // scale
			.putShort((short) 1) // bytes per entry
			.putShort((short) 1); // frames per entry
		for (int i = 0; i < VBRI_ENTRIES; i++) {
			file.put((byte) 1); // each entry: one more byte
		}
		file.position(FRAME_BYTES).put(FRAME_HEADER).position(2 * FRAME_BYTES).put(FRAME_HEADER);
		return file.array();
	}

}
