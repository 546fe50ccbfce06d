package io.github.mediastreaming.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The block cache of index reads over a fake store of 10 MB: exact bytes at every boundary, sequential
 * walks that grow their fetches, far jumps that start small again, and the bound on what is kept.
 */
class BlockReaderTests {

	private static final int SIZE = 10_000_000;

	private static final byte[] OBJECT = object();

	private final List<long[]> fetches = new ArrayList<>();

	private final BlockReader.RangeReader store = (position, length) -> {
		this.fetches.add(new long[] { position, length });
		return Arrays.copyOfRange(OBJECT, (int) position, (int) position + length);
	};

	private final BlockReader reader = new BlockReader(SIZE, this.store, 64 * 1024, 1024 * 1024, 2 * 1024 * 1024);

	@Test
	void readsReturnTheBytesAtTheirPositionAndShortOnlyAtTheEnd() throws IOException {
		assertThat(this.reader.read(0, 16)).isEqualTo(Arrays.copyOfRange(OBJECT, 0, 16));
		assertThat(this.reader.read(65_530, 20)).isEqualTo(Arrays.copyOfRange(OBJECT, 65_530, 65_550));
		assertThat(this.reader.read(SIZE - 10, 100)).isEqualTo(Arrays.copyOfRange(OBJECT, SIZE - 10, SIZE));
		assertThat(this.reader.read(SIZE, 100)).isEmpty();
		assertThat(this.reader.read(5, 0)).isEmpty();
	}

	@Test
	void smallReadsInsideAFetchedBlockCostNoRequest() throws IOException {
		for (int position = 0; position < 60_000; position += 100) {
			assertThat(this.reader.read(position, 11)).isEqualTo(Arrays.copyOfRange(OBJECT, position, position + 11));
		}
		assertThat(this.fetches).hasSize(1);
		assertThat(this.fetches.get(0)).containsExactly(0, 64 * 1024);
	}

	@Test
	void aSequentialWalkOfTheWholeObjectGrowsItsFetchesToTheMaximum() throws IOException {
		// An FLV-like walk: an 11-byte header every 700 bytes, 14,000 reads.
		for (int position = 0; position + 11 <= SIZE; position += 700) {
			this.reader.read(position, 11);
		}
		// 64K, 128K, 256K, 512K, then 1 MiB fetches: about a dozen requests for 10 MB.
		assertThat(this.fetches).hasSizeLessThanOrEqualTo(14);
		assertThat(this.fetches.get(this.fetches.size() - 2)[1]).isEqualTo(1024 * 1024);
	}

	@Test
	void aFarJumpStartsAgainWithOneBlock() throws IOException {
		this.reader.read(0, 16);
		this.reader.read(64 * 1024, 16);
		this.reader.read(8_000_000, 16);
		assertThat(this.fetches.get(1)[1]).isEqualTo(128 * 1024);
		assertThat(this.fetches.get(2)).containsExactly(8_000_000, 64 * 1024);
	}

	@Test
	void aReadLargerThanABlockIsOneFetch() throws IOException {
		// An MP4 moov read in one piece.
		assertThat(this.reader.read(3_000_000, 4_000_000)).isEqualTo(Arrays.copyOfRange(OBJECT, 3_000_000, 7_000_000));
		assertThat(this.fetches).hasSize(1);
	}

	@Test
	void oldBlocksAreDroppedBeyondTheCacheBound() throws IOException {
		for (int i = 0; i < 40; i++) {
			// Jumps, so every fetch is one 64 KiB block: 40 blocks, 2.6 MB, more than the 2 MiB kept.
			this.reader.read(i * 200_000L, 16);
		}
		this.reader.read(0, 16);
		assertThat(this.fetches).hasSize(41);
		this.reader.read(39 * 200_000L, 16);
		assertThat(this.fetches).hasSize(41);
	}

	private static byte[] object() {
		byte[] bytes = new byte[SIZE];
		new Random(7).nextBytes(bytes);
		return bytes;
	}

}
