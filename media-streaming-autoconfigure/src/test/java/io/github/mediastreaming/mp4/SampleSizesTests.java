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
