package io.github.mediastreaming.mp4;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.ProbeFailure;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.testsupport.CraftedMp4;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.mediastreaming.testsupport.Bytes.concat;
import static io.github.mediastreaming.testsupport.Bytes.indexOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * MP4 files whose tables declare far more samples than their bytes hold. The index keeps the tables close
 * to their form in the file, so what it holds follows the bytes of the tables, never the counts they
 * declare: a 1 KB {@code moov} declaring 20 million samples becomes a few hundred bytes of index (a
 * reader that expanded it per sample would need over half a gigabyte), and tables that really list their
 * samples cost at most what they take in the file, reserved in the budget before anything is allocated.
 */
class HostileMp4Tests {

	@TempDir
	Path folder;

	@Test
	void twentyMillionDeclaredOneByteSamplesTakeAFewKilobytes() throws Exception {
		MediaIndex index = read(crafted(1, 20_000_000), IndexBudget.ofDefault());
		// The tables take a few hundred bytes; the rest is the timeline's points (at most 2,048).
		assertThat(index.seeker().retainedBytes()).isLessThan(2_000);
		assertThat(index.retainedBytes()).isLessThan(40_000);
		assertThat(index.durationUs()).isEqualTo(20_000_000_000L);
	}

	@Test
	void fourTracksOfFiveMillionSamplesInFiveMegabytesTakeAFewKilobytesAndCutCheaply() throws Exception {
		MediaIndex index = read(crafted(4, 5_000_000), IndexBudget.ofDefault());
		assertThat(index.seeker().retainedBytes()).isLessThan(4_000);
		assertThat(index.retainedBytes()).isLessThan(40_000);
		MediaBody body = index.seeker().seek(new SeekRequest.TimeRange(2_500, 2_600.5, true));
		// Each track's cut is one run of durations, one chunk, one constant size: a small moov; the media
		// is the 100,500 one-millisecond samples from 2,500 s to 2,600.5 s (the tracks share their bytes),
		// and the 80 before them that audio keeps for its decoder.
		assertThat(((BodyPart.Generated) body.parts().get(0)).length()).isLessThan(4_000);
		assertThat(((BodyPart.FileRegion) body.parts().get(1)).length()).isEqualTo(100_580);
	}

	@Test
	void aSizeTableCostsWhatItsSamplesNeedNotWhatTheFileTakes() throws Exception {
		// 1,000,000 sizes of one byte, four bytes each in the file: one byte each in the index.
		MediaIndex index = read(craftedWithSizeTable(1, 1_000_000), IndexBudget.ofDefault());
		assertThat(index.seeker().retainedBytes()).isBetween(1_000_000L, 1_010_000L);
	}

	@Test
	void theBudgetCountsEveryTrackTogether() throws Exception {
		// Each track's sizes cost 1 MB (1 byte a sample, read straight from the file's 4-byte entries):
		// room for three tracks is not room for four.
		Path file = craftedWithSizeTable(4, 1_000_000);
		assertThat(read(file, IndexBudget.of(4 * 1_000_000L + 100_000)).durationUs()).isPositive();
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> read(file, IndexBudget.of(3 * 1_000_000L + 100_000)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TOO_LARGE))
			.withMessageContaining("1000000 sample sizes in track 4");
	}

	@Test
	void aSizeTableThatNeedsTwoBytesASampleReservesThemBeforeItIsKept() throws Exception {
		// 1,000,000 sizes fit 1.5 MB at one byte each; one size of 256 makes them two bytes each.
		Path narrow = craftedWithSizeTable(1, 1_000_000);
		assertThat(read(narrow, IndexBudget.of(1_500_000)).durationUs()).isPositive();
		byte[] bytes = Files.readAllBytes(narrow);
		int firstEntry = indexOf(bytes, "stsz".getBytes(StandardCharsets.US_ASCII)) + 16;
		ByteBuffer.wrap(bytes).putInt(firstEntry, 256);
		Path wide = this.folder.resolve("wide-sizes.mp4");
		Files.write(wide, bytes);
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> read(wide, IndexBudget.of(1_500_000)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TOO_LARGE))
			.withMessageContaining("1000000 wider sample sizes in track 1");
	}

	@Test
	void aSizeTablePastTheBudgetIsRefusedBeforeItIsRead() throws Exception {
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> read(craftedWithSizeTable(1, 3_000_000), IndexBudget.of(2_000_000)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TOO_LARGE))
			.withMessageContaining("3000000 sample sizes in track 1");
	}

	@Test
	void aCraftedFileWithinTheBudgetIsIndexed() throws Exception {
		MediaIndex index = read(crafted(1, 100_000), IndexBudget.ofDefault());
		assertThat(index.durationUs()).isEqualTo(100_000_000);
		assertThat(index.seekable()).isTrue();
	}

	@Test
	void aRealMovieFitsItsOwnEstimate() throws Exception {
		Path movie = Fixtures.media("mp4/faststart.mp4");
		MediaIndex index = read(movie, IndexBudget.ofDefault());
		IndexBudget tight = IndexBudget.of(index.retainedBytes() * 2);
		assertThat(read(movie, tight).durationUs()).isEqualTo(index.durationUs());
	}

	/**
	 * mp4parser makes an object of every edit it is given and a string of a handler's whole name: it is
	 * given the leading edits and no name, so an 8 MB name and a million edits cost the {@code moov}'s own
	 * bytes while it is read, and what the index keeps (the name, in the template a cut copies), nothing
	 * more.
	 */
	@Test
	void aHugeHandlerNameAndAMillionEditsCostOnlyTheMoovsBytesToRead() throws Exception {
		byte[] source = Files.readAllBytes(Mp4FixturesTests.fixture("moovend.mp4"));
		byte[] named = replace(source, List.of("moov", "trak", "mdia", "hdlr"),
				(hdlr) -> concat(hdlr, "a".repeat(8 << 20).getBytes(StandardCharsets.US_ASCII), new byte[] { 0 }));
		byte[] hostile = replace(named, List.of("moov", "trak", "edts", "elst"), (elst) -> {
			ByteBuffer edits = ByteBuffer.allocate(elst.length + 12 * 1_000_000).put(elst);
			edits.putInt(4, edits.getInt(4) + 1_000_000);
			while (edits.hasRemaining()) {
				edits.putInt(1).putInt(0).putInt(0x00010000);
			}
			return edits.array();
		});
		long moovBytes = Box.find(Box.children(hostile, 0, hostile.length), "moov").size();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		Mp4Index index = (Mp4Index) new Mp4IndexReader().read(new ByteArrayMediaSource(hostile)).seeker();
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(allocated).isLessThan(moovBytes + index.retainedBytes() + 4_000_000);
		Mp4Index original = (Mp4Index) new Mp4IndexReader().read(new ByteArrayMediaSource(source)).seeker();
		assertThat(index.tracks().get(0).editMediaTime()).isEqualTo(original.tracks().get(0).editMediaTime());
		assertThat(index.tracks().get(0).handler()).isEqualTo("vide");
	}

	/** Replace the first box on a path of box types (a top-level box last in the file), resizing its containers. */
	private static byte[] replace(byte[] file, List<String> path, UnaryOperator<byte[]> change) throws Exception {
		Box top = Box.find(Box.children(file, 0, file.length), path.get(0));
		assertThat(top.end()).isEqualTo(file.length);
		return concat(Arrays.copyOf(file, (int) top.offset()), rewrite(file, top, path.subList(1, path.size()), change));
	}

	private static byte[] rewrite(byte[] file, Box box, List<String> path, UnaryOperator<byte[]> change)
			throws Exception {
		byte[] payload = Arrays.copyOfRange(file, (int) box.dataOffset(), (int) box.end());
		if (path.isEmpty()) {
			payload = change.apply(payload);
		}
		else {
			ByteArrayOutputStream children = new ByteArrayOutputStream();
			boolean done = false;
			for (Box child : Box.children(file, (int) box.dataOffset(), (int) box.end())) {
				if (!done && child.type().equals(path.get(0))) {
					children.write(rewrite(file, child, path.subList(1, path.size()), change));
					done = true;
				}
				else {
					children.write(file, (int) child.offset(), (int) child.size());
				}
			}
			payload = children.toByteArray();
		}
		return concat(ByteBuffer.allocate(8).putInt(8 + payload.length).put(box.type().getBytes(StandardCharsets.US_ASCII))
			.array(), payload);
	}

	private Path crafted(int tracks, long samples) throws Exception {
		Path file = this.folder.resolve("crafted-" + tracks + "x" + samples + ".mp4");
		CraftedMp4.write(file, tracks, samples);
		assertThat(Files.size(file)).isGreaterThan(samples);
		return file;
	}

	private Path craftedWithSizeTable(int tracks, int samples) throws Exception {
		Path file = this.folder.resolve("table-" + tracks + "x" + samples + ".mp4");
		CraftedMp4.writeWithSizeTable(file, tracks, samples);
		return file;
	}

	private static MediaIndex read(Path file, IndexBudget budget) throws Exception {
		try (FileMediaSource source = FileMediaSource.open(file)) {
			return new Mp4IndexReader().read(source, budget);
		}
	}

}
