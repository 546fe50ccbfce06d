package io.github.mediastreaming.mp4;

import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Expands a track's {@code stbl} boxes into per-sample primitive arrays. Every count is checked against
 * the bytes that hold it and every sample against the file size, and every table's cost is reserved in
 * the {@link IndexBudget} before it is allocated: a table of constant-size samples is a few bytes
 * whatever it declares, so only the budget stops 20 million declared one-byte samples from becoming
 * half a gigabyte of arrays.
 */
final class SampleTableReader {

	/** No real file has more samples per track; bounds memory whatever the tables claim. */
	static final int MAX_SAMPLES = 20_000_000;

	private SampleTableReader() {
	}

	/** What the track-level boxes give the sample table. */
	record TrackInfo(int trackId, String handler, long timescale, long editMediaTime, long editEmptyDuration,
			int trakOffset, int trakSize) {

	}

	/**
	 * What one sample costs while its track is read: size, offset, decode time, duration and
	 * sample-description index ({@code int}, {@code long}, {@code long}, {@code int}, {@code int}).
	 */
	static final int BYTES_PER_SAMPLE = 4 + 8 + 8 + 4 + 4;

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
		int[] sizes = (stsz != null) ? sizes(payload(moov, stsz), fileSize, budget, track)
				: compactSizes(payload(moov, stz2), budget, track);
		int count = sizes.length;
		long[] chunkOffsets = chunkOffsets(payload(moov, (co64 != null) ? co64 : stco), co64 != null, budget);
		int[] durations = new int[count];
		long[] decodeTimes = new long[count];
		timeToSample(payload(moov, stts), durations, decodeTimes);
		int[] descriptions = new int[count];
		long[] offsets = new long[count];
		sampleToChunk(payload(moov, stsc), chunkOffsets, sizes, offsets, descriptions, fileSize, budget);
		Box ctts = Box.find(boxes, "ctts");
		Box stss = Box.find(boxes, "stss");
		Box sdtp = Box.find(boxes, "sdtp");
		budget.reserve(count, ((ctts != null) ? 4 : 0) + ((sdtp != null) ? 1 : 0), "composition offsets and dependencies");
		return new TrackTable(track.trackId(), track.handler(), track.timescale(), track.editMediaTime(),
				track.editEmptyDuration(), track.trakOffset(), track.trakSize(), offsets, sizes, decodeTimes, durations,
				(ctts != null) ? compositionOffsets(payload(moov, ctts), count) : null,
				(stss != null) ? syncSamples(payload(moov, stss), count, budget) : null,
				(sdtp != null) ? dependencies(payload(moov, sdtp), count) : null, onlyFirst(descriptions) ? null : descriptions);
	}

	/** Whether every sample uses sample description 1 (nearly every file): then no array is kept. */
	private static boolean onlyFirst(int[] descriptions) {
		for (int description : descriptions) {
			if (description != 1) {
				return false;
			}
		}
		return true;
	}

	private static int[] sizes(ByteCursor stsz, long fileSize, IndexBudget budget, TrackInfo track)
			throws MediaFormatException {
		stsz.skip(4); // version, flags
		long constant = stsz.u32();
		long count = stsz.u32();
		if (count > MAX_SAMPLES || (constant == 0 && count * 4 > stsz.remaining())
				|| (constant > 0 && count * constant > fileSize)) {
			throw malformed("stsz declares " + count + " samples that cannot fit");
		}
		budget.reserve(count, BYTES_PER_SAMPLE, "samples in track " + track.trackId());
		int[] sizes = new int[(int) count];
		for (int i = 0; i < count; i++) {
			sizes[i] = (int) ((constant != 0) ? constant : checkedSize(stsz.u32(), fileSize));
		}
		return sizes;
	}

	private static int[] compactSizes(ByteCursor stz2, IndexBudget budget, TrackInfo track)
			throws MediaFormatException {
		stz2.skip(4 + 3); // version, flags, reserved
		int fieldBits = stz2.u8();
		long count = stz2.u32();
		if ((fieldBits != 4 && fieldBits != 8 && fieldBits != 16) || count > MAX_SAMPLES
				|| count * fieldBits > stz2.remaining() * 8L) {
			throw malformed("stz2 with field size " + fieldBits + " and " + count + " samples");
		}
		budget.reserve(count, BYTES_PER_SAMPLE, "samples in track " + track.trackId());
		int[] sizes = new int[(int) count];
		int base = stz2.position();
		for (int i = 0; i < count; i++) {
			sizes[i] = switch (fieldBits) {
				// Two 4-bit sizes a byte, the first in the high nibble.
				case 4 -> (stz2.data()[base + i / 2] >> ((i % 2 == 0) ? 4 : 0)) & 0xF;
				case 8 -> stz2.data()[base + i] & 0xFF;
				default -> (stz2.data()[base + 2 * i] & 0xFF) << 8 | (stz2.data()[base + 2 * i + 1] & 0xFF);
			};
		}
		return sizes;
	}

	private static long[] chunkOffsets(ByteCursor box, boolean wide, IndexBudget budget) throws MediaFormatException {
		box.skip(4);
		long count = box.u32();
		if (count * (wide ? 8 : 4) > box.remaining()) {
			throw malformed("Chunk offset table declares " + count + " entries that do not fit");
		}
		budget.reserve(count, 8, "chunk offsets");
		long[] offsets = new long[(int) count];
		for (int i = 0; i < count; i++) {
			offsets[i] = wide ? box.u64() : box.u32();
		}
		return offsets;
	}

	private static void timeToSample(ByteCursor stts, int[] durations, long[] decodeTimes) throws MediaFormatException {
		stts.skip(4);
		long entries = stts.u32();
		if (entries * 8 > stts.remaining()) {
			throw malformed("stts declares " + entries + " entries that do not fit");
		}
		int sample = 0;
		long time = 0;
		for (long e = 0; e < entries && sample < durations.length; e++) {
			long run = stts.u32();
			long delta = stts.u32();
			for (long i = 0; i < run && sample < durations.length; i++) {
				durations[sample] = (int) delta;
				decodeTimes[sample++] = time;
				time += delta;
			}
		}
		if (sample < durations.length) {
			throw malformed("stts covers " + sample + " of " + durations.length + " samples");
		}
	}

	private static void sampleToChunk(ByteCursor stsc, long[] chunkOffsets, int[] sizes, long[] offsets,
			int[] descriptions, long fileSize, IndexBudget budget) throws MediaFormatException {
		stsc.skip(4);
		long entries = stsc.u32();
		if (entries * 12 > stsc.remaining() || (entries == 0 && sizes.length > 0)) {
			throw malformed("stsc declares " + entries + " entries");
		}
		budget.reserve(entries, 8 + 8 + 4, "sample-to-chunk entries");
		long[] firstChunks = new long[(int) entries];
		long[] perChunk = new long[(int) entries];
		int[] description = new int[(int) entries];
		for (int e = 0; e < entries; e++) {
			firstChunks[e] = stsc.u32();
			perChunk[e] = stsc.u32();
			description[e] = (int) stsc.u32();
		}
		int sample = 0;
		int entry = 0;
		for (int chunk = 0; chunk < chunkOffsets.length && sample < sizes.length; chunk++) {
			while (entry + 1 < entries && firstChunks[entry + 1] <= chunk + 1) {
				entry++;
			}
			long offset = chunkOffsets[chunk];
			for (long i = 0; i < perChunk[entry] && sample < sizes.length; i++) {
				if (offset + sizes[sample] > fileSize) {
					throw new MediaFormatException(ProbeFailure.TRUNCATED,
							"Sample " + (sample + 1) + " lies past the end of the file");
				}
				offsets[sample] = offset;
				descriptions[sample] = description[entry];
				offset += sizes[sample++];
			}
		}
		if (sample < sizes.length) {
			throw malformed("Chunks hold " + sample + " of " + sizes.length + " samples");
		}
	}

	private static int[] compositionOffsets(ByteCursor ctts, int count) throws MediaFormatException {
		int version = ctts.u8();
		ctts.skip(3);
		long entries = ctts.u32();
		if (entries * 8 > ctts.remaining()) {
			throw malformed("ctts declares " + entries + " entries that do not fit");
		}
		int[] offsets = new int[count];
		int sample = 0;
		for (long e = 0; e < entries && sample < count; e++) {
			long run = ctts.u32();
			int offset = (version == 0) ? (int) Math.min(ctts.u32(), Integer.MAX_VALUE) : ctts.s32();
			for (long i = 0; i < run && sample < count; i++) {
				offsets[sample++] = offset;
			}
		}
		return offsets;
	}

	private static int[] syncSamples(ByteCursor stss, int count, IndexBudget budget) throws MediaFormatException {
		stss.skip(4);
		long entries = stss.u32();
		if (entries * 4 > stss.remaining()) {
			throw malformed("stss declares " + entries + " entries that do not fit");
		}
		budget.reserve(entries, 4, "sync samples");
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
		return Arrays.copyOf(sync, kept);
	}

	private static byte[] dependencies(ByteCursor sdtp, int count) {
		sdtp.skip(4);
		byte[] flags = new byte[count];
		for (int i = 0; i < count && sdtp.remaining() > 0; i++) {
			flags[i] = (byte) sdtp.u8();
		}
		return flags;
	}

	private static long checkedSize(long size, long fileSize) throws MediaFormatException {
		if (size > fileSize || size > Integer.MAX_VALUE) {
			throw malformed("Sample of " + size + " bytes in a file of " + fileSize);
		}
		return size;
	}

	private static ByteCursor payload(byte[] moov, @Nullable Box box) {
		return new ByteCursor(moov, (int) box.dataOffset(), (int) box.end());
	}

	private static Box require(@Nullable Box box, String type, TrackInfo track) throws MediaFormatException {
		if (box == null) {
			throw malformed("Track " + track.trackId() + " lacks " + type);
		}
		return box;
	}

	private static MediaFormatException malformed(String message) {
		return new MediaFormatException(ProbeFailure.MALFORMED, message);
	}

}
