package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.bytes.BigEndian;
import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Reads a track's {@code stbl} boxes into a {@link TrackTable} that keeps them close to their form in the
 * file: sizes at one, two or four bytes a sample (none when constant), {@code stts} and {@code ctts} as
 * runs, one offset a chunk with the {@code stsc} runs, the sync-sample list. Every count is checked
 * against the bytes that hold it, every chunk against the file size, and every table's cost is reserved
 * in the {@link IndexBudget} before it is allocated. What the index holds grows with the bytes of the
 * tables in the file, never with what a table declares: 20 million one-byte samples declared by a
 * 1 KB {@code moov} take a few hundred bytes.
 */
final class SampleTableReader {

	/** No real file has more samples per track; bounds the work of reading one whatever the tables claim. */
	static final int MAX_SAMPLES = 20_000_000;

	private SampleTableReader() {
	}

	/** What the track-level boxes give the sample table. */
	record TrackInfo(int trackId, String handler, long timescale, long editMediaTime, long editEmptyDuration,
			long editDuration) {

	}

	static TrackTable read(byte[] moov, Box stbl, TrackInfo track, long fileSize, IndexBudget budget)
			throws MediaFormatException {
		List<Box> boxes = Box.children(moov, (int) stbl.dataOffset(), (int) stbl.end());
		Box stsz = Box.find(boxes, "stsz");
		Box stz2 = Box.find(boxes, "stz2");
		Box stts = require(Box.find(boxes, "stts"), "stts", track);
		Box stsc = require(Box.find(boxes, "stsc"), "stsc", track);
		Box stco = Box.find(boxes, "stco");
		Box co64 = Box.find(boxes, "co64");
		if ((stsz == null && stz2 == null) || (stco == null && co64 == null)) {
			throw malformed("Track " + track.trackId() + " lacks sample sizes or chunk offsets");
		}
		String where = " in track " + track.trackId();
		SampleSizes sizes = (stsz != null) ? sizes(payload(moov, stsz, 12, where), fileSize, budget, where)
				: compactSizes(payload(moov, stz2, 12, where), budget, where);
		int count = sizes.count();
		RunTable durations = runs(payload(moov, stts, 8, where).skip(4), count, false, true, budget, "durations" + where);
		ChunkOffsets offsets = chunkOffsets(payload(moov, (co64 != null) ? co64 : stco, 8, where), co64 != null, budget, where);
		ChunkTable chunks = chunks(payload(moov, stsc, 8, where), offsets, sizes, fileSize, budget, where);
		Box ctts = Box.find(boxes, "ctts");
		Box stss = Box.find(boxes, "stss");
		Box sdtp = Box.find(boxes, "sdtp");
		CompositionOffsets compositions = null;
		if (ctts != null) {
			RunTable runs = compositionRuns(payload(moov, ctts, 8, where), count, budget, where);
			budget.reserve(CompositionOffsets.blockBytesFor(count), "bytes of presentation ends" + where);
			compositions = CompositionOffsets.of(runs, durations);
		}
		return new TrackTable(track.trackId(), track.handler(), track.timescale(), track.editMediaTime(),
				track.editEmptyDuration(), track.editDuration(), sizes, durations, compositions,
				(stss != null) ? syncSamples(payload(moov, stss, 8, where), count, budget, where) : null, chunks,
				(sdtp != null) ? dependencies(payload(moov, sdtp, 4, where), count, budget, where) : null, sizes.total());
	}

	private static SampleSizes sizes(ByteCursor stsz, long fileSize, IndexBudget budget, String where)
			throws MediaFormatException {
		stsz.skip(4); // version, flags
		long constant = stsz.u32();
		long count = stsz.u32();
		if (count > MAX_SAMPLES || (constant == 0 && count * 4 > stsz.remaining())
				|| (constant > 0 && count * constant > fileSize)) {
			throw malformed("stsz declares " + count + " samples that cannot fit" + where);
		}
		if (constant > 0) {
			return SampleSizes.constant((int) count, (int) constant);
		}
		// Read straight from the file's four-byte entries into a table as narrow as the largest allows: no
		// transient copy of the whole table, so the heap it costs is what the index keeps.
		int base = stsz.position();
		budget.reserve(count, 1, "sample sizes" + where);
		long largest = SampleSizes.largestBigEndian(stsz.data(), base, (int) count);
		if (largest > fileSize || largest > Integer.MAX_VALUE) {
			throw malformed("Sample of " + largest + " bytes in a file of " + fileSize);
		}
		int width = SampleSizes.widthFor(largest);
		if (width > 1) {
			budget.reserve(count, width - 1, "wider sample sizes" + where);
		}
		return SampleSizes.ofBigEndian(width, stsz.data(), base, (int) count);
	}

	private static SampleSizes compactSizes(ByteCursor stz2, IndexBudget budget, String where)
			throws MediaFormatException {
		stz2.skip(4 + 3); // version, flags, reserved
		int fieldBits = stz2.u8();
		long count = stz2.u32();
		if ((fieldBits != 4 && fieldBits != 8 && fieldBits != 16) || count > MAX_SAMPLES
				|| count * fieldBits > stz2.remaining() * 8L) {
			throw malformed("stz2 with field size " + fieldBits + " and " + count + " samples" + where);
		}
		int width = (fieldBits == 16) ? 2 : 1;
		budget.reserve(count, width, "sample sizes" + where);
		return SampleSizes.ofCompact(fieldBits, stz2.data(), stz2.position(), (int) count);
	}

	/**
	 * Read {@code stts} or {@code ctts} runs, clipped to the track's samples: runs past the last sample are
	 * dropped, empty runs skipped. {@code stts} must cover every sample; a short {@code ctts} leaves the
	 * rest at offset 0. The cursor is past the box's version and flags.
	 */
	private static RunTable runs(ByteCursor box, int count, boolean signed, boolean mustCover, IndexBudget budget,
			String what) throws MediaFormatException {
		long entries = box.u32();
		if (entries * 8 > box.remaining()) {
			throw malformed(entries + " " + what + " entries that do not fit");
		}
		budget.reserve(RunTable.bytesFor(entries + 1), "bytes of " + what);
		int[] runs = new int[(int) (2 * (entries + 1))];
		int used = 0;
		long covered = 0;
		for (long e = 0; e < entries && covered < count; e++) {
			long length = Math.min(box.u32(), count - covered);
			int value = box.s32();
			if (length > 0) {
				runs[used++] = (int) length;
				runs[used++] = value;
				covered += length;
			}
		}
		if (covered < count) {
			if (mustCover) {
				throw malformed("The " + what + " cover " + covered + " of " + count + " samples");
			}
			runs[used++] = (int) (count - covered);
			runs[used++] = 0;
		}
		return new RunTable((used == runs.length) ? runs : Arrays.copyOf(runs, used), signed);
	}

	private static RunTable compositionRuns(ByteCursor ctts, int count, IndexBudget budget, String where)
			throws MediaFormatException {
		// Signed in either version, as ffmpeg reads them: muxers write negative offsets in version 0 too
		// (a decoder delay removed in the table rather than by an edit list), and such files play.
		ctts.skip(4);
		return runs(ctts, count, true, false, budget, "composition offsets" + where);
	}

	private static ChunkOffsets chunkOffsets(ByteCursor box, boolean wide, IndexBudget budget, String where)
			throws MediaFormatException {
		box.skip(4);
		long count = box.u32();
		if (count * (wide ? 8 : 4) > box.remaining()) {
			throw malformed("Chunk offset table declares " + count + " entries that do not fit" + where);
		}
		budget.reserve(count, wide ? 8 : 4, "chunk offsets" + where);
		// Bulk copies: big-endian as the file holds them.
		ByteBuffer entries = ByteBuffer.wrap(box.data(), box.position(), box.remaining());
		if (wide) {
			long[] offsets = new long[(int) count];
			entries.asLongBuffer().get(offsets);
			return ChunkOffsets.wide(offsets);
		}
		int[] offsets = new int[(int) count];
		entries.asIntBuffer().get(offsets);
		return ChunkOffsets.narrow(offsets);
	}

	private static ChunkTable chunks(ByteCursor stsc, ChunkOffsets offsets, SampleSizes sizes, long fileSize,
			IndexBudget budget, String where) throws MediaFormatException {
		stsc.skip(4);
		long entries = stsc.u32();
		if (entries * 12 > stsc.remaining() || (entries == 0 && sizes.count() > 0)) {
			throw malformed("stsc declares " + entries + " entries" + where);
		}
		budget.reserve(ChunkTable.entryBytesFor(entries), "bytes of " + entries + " sample-to-chunk entries" + where);
		int[] firstChunks = new int[(int) entries];
		int[] perChunk = new int[(int) entries];
		int[] descriptions = new int[(int) entries];
		boolean allFirst = true;
		int used = 0;
		// Read straight from the array (the entries were checked to fit above): a 2-hour movie's audio
		// track has 45,000 of them.
		byte[] data = stsc.data();
		int at = stsc.position();
		for (int e = 0; e < entries; e++, at += 12) {
			long first = BigEndian.getInt(data, at) & 0xFFFFFFFFL;
			long samples = BigEndian.getInt(data, at + 4) & 0xFFFFFFFFL;
			long description = BigEndian.getInt(data, at + 8) & 0xFFFFFFFFL;
			// The first entry applies from the first chunk whatever it says; entries past the last chunk
			// describe nothing.
			long chunk = (used == 0) ? 0 : first - 1;
			if (chunk >= offsets.count()) {
				break;
			}
			if ((used > 0 && chunk <= firstChunks[used - 1]) || samples > Integer.MAX_VALUE) {
				throw malformed("stsc entry " + (e + 1) + " does not follow the one before" + where);
			}
			firstChunks[used] = (int) chunk;
			perChunk[used] = (int) samples;
			descriptions[used] = (int) Math.min(description, Integer.MAX_VALUE);
			allFirst &= description == 1;
			used++;
		}
		if (used < entries) {
			firstChunks = Arrays.copyOf(firstChunks, used);
			perChunk = Arrays.copyOf(perChunk, used);
			descriptions = Arrays.copyOf(descriptions, used);
		}
		return ChunkTable.of(offsets, firstChunks, perChunk, allFirst ? null : descriptions, sizes, fileSize);
	}

	private static SyncSamples syncSamples(ByteCursor stss, int count, IndexBudget budget, String where)
			throws MediaFormatException {
		stss.skip(4);
		long entries = stss.u32();
		if (entries * 4 > stss.remaining()) {
			throw malformed("stss declares " + entries + " entries that do not fit" + where);
		}
		budget.reserve(entries, 4, "sync samples" + where);
		int[] sync = new int[(int) entries];
		int kept = 0;
		long previous = 0;
		for (int i = 0; i < entries; i++) {
			long number = stss.u32();
			if (number > previous && number <= count) {
				sync[kept++] = (int) number - 1;
				previous = number;
			}
		}
		return new SyncSamples((kept == sync.length) ? sync : Arrays.copyOf(sync, kept));
	}

	private static DependencyFlags dependencies(ByteCursor sdtp, int count, IndexBudget budget, String where)
			throws MediaFormatException {
		sdtp.skip(4);
		int length = Math.min(count, sdtp.remaining());
		budget.reserve(length, 1, "dependency flags" + where);
		return new DependencyFlags(sdtp.bytes(length));
	}

	/** A table's payload, which must hold at least its fixed fields (version, flags, counts). */
	private static ByteCursor payload(byte[] moov, Box box, int fixedBytes, String where) throws MediaFormatException {
		ByteCursor payload = new ByteCursor(moov, (int) box.dataOffset(), (int) box.end());
		if (payload.remaining() < fixedBytes) {
			throw malformed("The " + box.type() + " box has " + payload.remaining() + " bytes, less than its "
					+ fixedBytes + " bytes of fixed fields" + where);
		}
		return payload;
	}

	private static Box require(@Nullable Box box, String type, SampleTableReader.TrackInfo track)
			throws MediaFormatException {
		if (box == null) {
			throw malformed("Track " + track.trackId() + " lacks " + type);
		}
		return box;
	}

	private static MediaFormatException malformed(String message) {
		return new MediaFormatException(ProbeFailure.MALFORMED, message);
	}

}
