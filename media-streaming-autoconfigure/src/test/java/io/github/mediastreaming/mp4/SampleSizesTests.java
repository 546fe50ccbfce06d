package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SampleSizes} read straight from a file's four-byte {@code stsz} entries equal the sizes read
 * into an {@code int[]} first, at every width.
 */
class SampleSizesTests {

	@Test
	void sizesReadFromBigEndianEntriesEqualTheSameSizesReadAsInts() {
		Random random = new Random(7);
		for (int largest : new int[] { 0, 1, 0xFF, 0x100, 0xFFFF, 0x10000, 0x7FFFFFFF }) {
			int[] sizes = new int[1 + random.nextInt(500)];
			for (int i = 0; i < sizes.length; i++) {
				sizes[i] = (int) (random.nextDouble() * largest);
			}
			sizes[random.nextInt(sizes.length)] = largest;
			int lead = random.nextInt(9);
			byte[] data = bigEndian(lead, sizes);
			assertThat(SampleSizes.largestBigEndian(data, lead, sizes.length)).isEqualTo(largest);
			int width = SampleSizes.widthFor(largest);
			SampleSizes read = SampleSizes.ofBigEndian(width, data, lead, sizes.length);
			assertThat(read).as("width %d", width).isEqualTo(SampleSizes.table(width, sizes.clone()));
			assertThat(read.sum(0, sizes.length)).isEqualTo(Arrays.stream(sizes).asLongStream().sum());
			assertThat(read.total()).isEqualTo(Arrays.stream(sizes).asLongStream().sum());
		}
	}

	@Test
	void theTotalAddedUpWhileATableIsFilledIsTheSumOfItsSizesWhateverTheTable() {
		// stz2 of 4-bit fields 0x1F, 0x2E (sizes 1, 15, 2, 14), of 8-bit fields (255, 1), of 16-bit (65535, 2).
		assertThat(SampleSizes.ofCompact(4, new byte[] { 0x1F, 0x2E }, 0, 4).total()).isEqualTo(32);
		assertThat(SampleSizes.ofCompact(8, new byte[] { (byte) 0xFF, 1 }, 0, 2).total()).isEqualTo(256);
		assertThat(SampleSizes.ofCompact(16, new byte[] { (byte) 0xFF, (byte) 0xFF, 0, 2 }, 0, 2).total())
			.isEqualTo(65537);
		assertThat(SampleSizes.constant(3_000_000, 4096).total()).isEqualTo(3_000_000L * 4096);
		for (int width : new int[] { 1, 2, 4 }) {
			assertThat(SampleSizes.table(width, new int[] { 200, 0, 55 }).total()).as("width %d", width).isEqualTo(255);
		}
	}

	@Test
	void theLargestEntryIsReadUnsigned() {
		byte[] data = bigEndian(0, new int[] { 5, 0xFFFFFFFF, 7 });
		assertThat(SampleSizes.largestBigEndian(data, 0, 3)).isEqualTo(0xFFFFFFFFL);
	}

	@Test
	void entriesPastTheBytesAreRefused() {
		byte[] data = bigEndian(2, new int[] { 1, 2, 3 });
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> SampleSizes.largestBigEndian(data, 2, 4));
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> SampleSizes.ofBigEndian(1, data, 6, 3));
	}

	private static byte[] bigEndian(int lead, int[] sizes) {
		ByteBuffer buffer = ByteBuffer.allocate(lead + 4 * sizes.length + 3);
		buffer.position(lead);
		buffer.asIntBuffer().put(sizes);
		return buffer.array();
	}

}
