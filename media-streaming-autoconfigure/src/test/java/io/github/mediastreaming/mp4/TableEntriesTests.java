package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entries of a cut's tables as they are written: sizes and chunk offsets big-endian and unsigned, and a
 * table larger than the block entries are computed in, read through buffers of any kind and size from any
 * byte on.
 */
class TableEntriesTests {

	@Test
	void sizesAreWrittenUnsignedAtEveryWidth() {
		int[] sizes = { 0, 127, 128, 255, 256, 32767, 32768, 65535, 65536, Integer.MAX_VALUE };
		for (int width : new int[] { 1, 2, 4 }) {
			int[] fitting = Arrays.stream(sizes).filter((size) -> SampleSizes.widthFor(size) <= width).toArray();
			byte[] block = new byte[4 * fitting.length + 3];
			SampleSizes.table(width, fitting.clone()).putEntries(0, fitting.length, block, 3);
			ByteBuffer written = ByteBuffer.wrap(block, 3, 4 * fitting.length);
			for (int size : fitting) {
				assertThat(written.getInt()).as("width %d", width).isEqualTo(size);
			}
		}
	}

	@Test
	void narrowChunkOffsetsPastTwoGibMoveUnsignedIntoWideEntries() {
		ChunkOffsets offsets = ChunkOffsets.narrow(new int[] { 0x7FFFFFF0, 0xFFF00000, 0xFFFFFFF0 });
		byte[] block = new byte[24];
		offsets.putEntries(0, 3, 100, true, block, 0);
		ByteBuffer written = ByteBuffer.wrap(block);
		assertThat(written.getLong()).isEqualTo(0x7FFFFFF0L + 100);
		assertThat(written.getLong()).isEqualTo(0xFFF00000L + 100);
		assertThat(written.getLong()).isEqualTo(0xFFFFFFF0L + 100);
		offsets.putEntries(0, 2, -16, false, block, 0);
		assertThat(ByteBuffer.wrap(block).getInt() & 0xFFFFFFFFL).isEqualTo(0x7FFFFFF0L - 16);
		assertThat(ByteBuffer.wrap(block).getInt(4) & 0xFFFFFFFFL).isEqualTo(0xFFF00000L - 16);
	}

	@Test
	void aTableOfManyBlocksReadsTheSameInAnyBufferFromAnyByte() {
		Random random = new Random(5);
		int[] sizes = new int[6000];
		for (int i = 0; i < sizes.length; i++) {
			sizes[i] = random.nextInt(65536);
		}
		int from = 17;
		CutTables.Sizes entries = new CutTables.Sizes(SampleSizes.table(2, sizes.clone()), from, sizes.length);
		ByteBuffer expected = ByteBuffer.allocate(4 * (sizes.length - from));
		for (int i = from; i < sizes.length; i++) {
			expected.putInt(sizes[i]);
		}
		assertThat(entries.length()).isEqualTo(expected.capacity());
		for (ByteBuffer buffer : new ByteBuffer[] { ByteBuffer.allocateDirect(64 * 1024), ByteBuffer.allocate(997),
				ByteBuffer.allocate(3) }) {
			for (long start : new long[] { 0, 2, 8191, 8193, 12345 }) {
				byte[] read = new byte[(int) (entries.length() - start)];
				int filled = 0;
				while (filled < read.length) {
					buffer.clear().position(1);
					int count = entries.write(start + filled, buffer);
					assertThat(count).isEqualTo(buffer.position() - 1).isPositive();
					buffer.flip().position(1);
					buffer.get(read, filled, count);
					filled += count;
				}
				assertThat(entries.write(entries.length(), buffer.clear())).isZero();
				assertThat(ByteBuffer.wrap(read)).as("%s from byte %d", buffer, start)
					.isEqualTo(expected.duplicate().position((int) start).slice());
			}
		}
	}

}
