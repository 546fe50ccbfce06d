package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.testsupport.MediaBodies;
import io.github.mediastreaming.testsupport.SegmentedMediaSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cuts of a file over 4 GiB, without writing one: {@code faststart.mp4} with 64-bit chunk offsets, a
 * 64-bit {@code mdat} size, and 5 GiB of zeros in the middle of its media (every chunk from the one
 * nearest the middle on lies past 4 GiB), read as a virtual file.
 */
class Mp4LargeFileTests {

	private static final long GAP = 5L << 30;

	private static MediaSource large;

	private static Mp4Index index;

	@BeforeAll
	static void buildTheLargeFile() throws Exception {
		Mp4Index small = (Mp4Index) new Mp4IndexReader()
			.read(new ByteArrayMediaSource(Files.readAllBytes(Mp4FixturesTests.fixture("faststart.mp4"))))
			.seeker();
		// The whole file rewritten with co64 (ftyp, moov, mdat header, media), as one array.
		byte[] wide = MediaBodies.toBytes(small.cut(new SeekRequest.TimeRange(0, null, false), true),
				Mp4FixturesTests.fixture("faststart.mp4"));
		List<Box> top = Box.children(wide, 0, wide.length);
		Box moov = Box.find(top, "moov");
		Box mdat = Box.find(top, "mdat");
		long[] chunks = chunkOffsets(wide, moov);
		long middle = mdat.dataOffset() + (mdat.end() - mdat.dataOffset()) / 2;
		long split = chunks[0];
		for (long chunk : chunks) {
			split = (Math.abs(chunk - middle) < Math.abs(split - middle)) ? chunk : split;
		}
		// A 16-byte mdat header moves the media 8 bytes on; the gap moves the chunks after the split.
		byte[] head = Arrays.copyOf(wide, (int) mdat.offset());
		shiftChunkOffsets(head, moov, split);
		long payload = mdat.end() - mdat.dataOffset();
		ByteBuffer mdatHeader = ByteBuffer.allocate(16).putInt(1).put("mdat".getBytes()).putLong(16 + payload + GAP);
		MediaSource source = new ByteArrayMediaSource(wide);
		large = new SegmentedMediaSource().bytes(head)
			.bytes(mdatHeader.array())
			.slice(source, mdat.dataOffset(), split - mdat.dataOffset())
			.zeros(GAP)
			.slice(source, split, mdat.end() - split);
		index = (Mp4Index) new Mp4IndexReader().read(large).seeker();
	}

	@Test
	void theVirtualFileIsIndexedWithOffsetsPastFourGib() {
		assertThat(large.size()).isGreaterThan(GAP);
		TrackTable video = index.tracks().get(0);
		assertThat(video.offset(video.sampleCount() - 1)).isGreaterThan(0xFFFFFFFFL);
		assertThat(video.offset(0)).isLessThan(0xFFFFFFFFL);
	}

	@Test
	void aCutSpanningTheGapWritesCo64AndA64BitMdatSize() throws Exception {
		MediaBody body = index.seek(new SeekRequest.TimeRange(2.5, null, false));
		byte[] head = MediaBodies.generated((BodyPart.Generated) body.parts().get(0));
		byte[] mdatHeader = Arrays.copyOfRange(head, head.length - 16, head.length);
		assertThat(mdatHeader).startsWith(0, 0, 0, 1, 'm', 'd', 'a', 't');
		assertThat(ByteBuffer.wrap(mdatHeader, 8, 8).getLong()).isGreaterThan(GAP);
		assertSamplesPointAtTheSourceBytes(body);
		assertThat(boxTypesUnder(head)).contains("co64").doesNotContain("stco");
	}

	@Test
	void aCutAfterTheGapFitsIn32BitsAgain() throws Exception {
		MediaBody body = index.seek(new SeekRequest.TimeRange(6.5, 7.5, false));
		byte[] head = MediaBodies.generated((BodyPart.Generated) body.parts().get(0));
		assertThat(new String(head, head.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("mdat");
		Mp4Index cut = assertSamplesPointAtTheSourceBytes(body);
		assertThat(boxTypesUnder(head)).contains("stco").doesNotContain("co64");
		// From the key frame at 6 s to the first frame at or after 7.5 s (frame 188), at 25 fps.
		assertThat(cut.tracks().get(0).sampleCount()).isEqualTo(188 - 150);
	}

	/** Index the cut and check that every sample of every track holds the bytes of a source sample. */
	private static Mp4Index assertSamplesPointAtTheSourceBytes(MediaBody body) throws Exception {
		MediaSource document = SegmentedMediaSource.of(body, large);
		assertThat(document.size()).isEqualTo(body.length());
		Mp4Index cut = (Mp4Index) new Mp4IndexReader().read(document).seeker();
		for (int t = 0; t < cut.tracks().size(); t++) {
			TrackTable kept = cut.tracks().get(t);
			TrackTable original = index.tracks().get(t);
			int first = firstMatch(kept, original, document);
			assertThat(first).as("track %d starts at a source sample", t).isNotNegative();
			for (int i = 0; i < kept.sampleCount(); i++) {
				assertThat(kept.size(i)).isEqualTo(original.size(first + i));
				assertThat(document.read(kept.offset(i), kept.size(i))).as("track %d sample %d", t, i)
					.isEqualTo(large.read(original.offset(first + i), original.size(first + i)));
			}
		}
		return cut;
	}

	private static int firstMatch(TrackTable kept, TrackTable original, MediaSource document) throws Exception {
		byte[] first = document.read(kept.offset(0), kept.size(0));
		for (int s = 0; s < original.sampleCount(); s++) {
			if (original.size(s) == kept.size(0)
					&& Arrays.equals(first, large.read(original.offset(s), original.size(s)))) {
				return s;
			}
		}
		return -1;
	}

	/** The types of the boxes in a cut's head, down to its sample tables. */
	private static List<String> boxTypesUnder(byte[] head) throws Exception {
		Box ftyp = Box.read(new ByteCursor(head), 0, head.length);
		Box moov = Box.read(new ByteCursor(head, (int) ftyp.end(), head.length), ftyp.end(), head.length);
		List<String> types = new ArrayList<>();
		collect(head, (int) moov.offset(), (int) moov.end(), types);
		return types;
	}

	private static void collect(byte[] bytes, int from, int to, List<String> types) throws Exception {
		for (Box box : Box.children(bytes, from, to)) {
			types.add(box.type());
			if (List.of("moov", "trak", "mdia", "minf", "stbl").contains(box.type())) {
				collect(bytes, (int) box.dataOffset(), (int) box.end(), types);
			}
		}
	}

	private static long[] chunkOffsets(byte[] file, Box moov) throws Exception {
		List<Long> offsets = new ArrayList<>();
		for (Box co64 : co64Boxes(file, moov)) {
			ByteBuffer entries = ByteBuffer.wrap(file, (int) co64.dataOffset() + 4, (int) co64.size() - 12);
			for (int count = entries.getInt(), i = 0; i < count; i++) {
				offsets.add(entries.getLong());
			}
		}
		return offsets.stream().mapToLong(Long::longValue).toArray();
	}

	private static void shiftChunkOffsets(byte[] file, Box moov, long split) throws Exception {
		for (Box co64 : co64Boxes(file, moov)) {
			ByteBuffer entries = ByteBuffer.wrap(file, (int) co64.dataOffset() + 4, (int) co64.size() - 12);
			for (int count = entries.getInt(), i = 0; i < count; i++) {
				int position = entries.position();
				long offset = entries.getLong();
				entries.putLong(position, offset + 8 + ((offset >= split) ? GAP : 0));
			}
		}
	}

	private static List<Box> co64Boxes(byte[] file, Box moov) throws Exception {
		List<Box> found = new ArrayList<>();
		for (Box trak : Box.children(file, (int) moov.dataOffset(), (int) moov.end())) {
			if (trak.type().equals("trak")) {
				Box mdia = Box.find(Box.children(file, (int) trak.dataOffset(), (int) trak.end()), "mdia");
				Box minf = Box.find(Box.children(file, (int) mdia.dataOffset(), (int) mdia.end()), "minf");
				Box stbl = Box.find(Box.children(file, (int) minf.dataOffset(), (int) minf.end()), "stbl");
				found.add(Box.find(Box.children(file, (int) stbl.dataOffset(), (int) stbl.end()), "co64"));
			}
		}
		return found;
	}

}
