package io.github.mediastreaming.mp4;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SampleTableReader} on sample tables written by hand: a track whose sizes are in a compact
 * {@code stz2} table reads as the same track with them in {@code stsz}, at every field size.
 */
class SampleTableReaderTests {

	private static final SampleTableReader.TrackInfo TRACK = new SampleTableReader.TrackInfo(1, "soun", 1000, 0, 0, 0);

	@Test
	void compactSizesOfEveryFieldSizeReadAsTheSameSizesInAFullTable() throws Exception {
		Random random = new Random(11);
		for (int fieldBits : new int[] { 4, 8, 16 }) {
			for (int count : new int[] { 1, 2, 7, 300 }) {
				int[] sizes = new int[count];
				for (int i = 0; i < count; i++) {
					sizes[i] = random.nextInt(1 << fieldBits);
				}
				TrackTable compact = read(stbl(sizes, compactSizes(fieldBits, sizes)), IndexBudget.ofDefault());
				TrackTable full = read(stbl(sizes, fullSizes(sizes)), IndexBudget.ofDefault());
				assertThat(compact.sampleCount()).isEqualTo(count);
				for (int i = 0; i < count; i++) {
					assertThat(compact.size(i)).as("%d-bit size %d of %d", fieldBits, i, count).isEqualTo(sizes[i]);
					assertThat(compact.offset(i)).isEqualTo(full.offset(i));
				}
				assertThat(compact.totalBytes()).isEqualTo(full.totalBytes());
			}
		}
	}

	@Test
	void compactSizesAreReservedAtTheWidthTheIndexKeeps() throws Exception {
		int[] sizes = new int[1000];
		byte[] stbl = stbl(sizes, compactSizes(16, sizes));
		assertThat(read(stbl, IndexBudget.of(2_000 + 4_000)).sampleCount()).isEqualTo(1000);
		assertThatExceptionOfType(MediaFormatException.class).isThrownBy(() -> read(stbl, IndexBudget.of(1_999)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TOO_LARGE))
			.withMessageContaining("1000 sample sizes in track 1");
	}

	private static TrackTable read(byte[] stbl, IndexBudget budget) throws MediaFormatException {
		Box box = Box.children(stbl, 0, stbl.length).get(0);
		return SampleTableReader.read(stbl, box, TRACK, 1_000_000_000L, budget);
	}

	/** A track of one-tick samples, all in one chunk at byte 100, with the given size table. */
	private static byte[] stbl(int[] sizes, byte[] sizeTable) {
		int count = sizes.length;
		return box("stbl", box("stts", ints(0, 1, count, 1)), box("stsc", ints(0, 1, 1, count, 1)), sizeTable,
				box("stco", ints(0, 1, 100)));
	}

	private static byte[] fullSizes(int[] sizes) {
		ByteBuffer entries = ByteBuffer.allocate(4 * sizes.length);
		entries.asIntBuffer().put(sizes);
		return box("stsz", ints(0, 0, sizes.length), entries.array());
	}

	private static byte[] compactSizes(int fieldBits, int[] sizes) {
		ByteBuffer entries = ByteBuffer.allocate((sizes.length * fieldBits + 7) / 8);
		for (int i = 0; i < sizes.length; i++) {
			switch (fieldBits) {
				case 4 -> entries.put(i / 2, (byte) (entries.get(i / 2) | sizes[i] << ((i % 2 == 0) ? 4 : 0)));
				case 8 -> entries.put(i, (byte) sizes[i]);
				default -> entries.putShort(2 * i, (short) sizes[i]);
			}
		}
		return box("stz2", ints(0, fieldBits, sizes.length), entries.array());
	}

	private static byte[] ints(int... values) {
		ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
		buffer.asIntBuffer().put(values);
		return buffer.array();
	}

	private static byte[] box(String type, byte[]... payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : payload) {
			out.writeBytes(part);
		}
		byte[] body = out.toByteArray();
		return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).put(type.getBytes(StandardCharsets.US_ASCII))
			.put(body)
			.array();
	}

}
