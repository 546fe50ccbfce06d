package io.github.mediastreaming.mp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Indexes an MP4 file: top-level boxes by our own walk (16 bytes each), the {@code moov}'s structural
 * boxes by {@link MovieStructure} (mp4parser's box classes), its sample tables by
 * {@link SampleTableReader}, and what a cut copies into a {@link MoovTemplate}. Built with an executor,
 * it reads the tables of a file's second and further tracks beside the first when that executor has a
 * thread free: a seek on a file not yet indexed waits for the build.
 */
public final class Mp4IndexReader implements MediaIndexReader {

	/** A moov larger than this is not a real file's (a 10-hour movie's is about 25 MB). */
	static final long MAX_MOOV_BYTES = 64 * 1024 * 1024;

	private static final int MAX_FTYP_BYTES = 4096;

	private static final int MAX_TOP_LEVEL_BOXES = 100_000;

	private final MoovBuffers moovBuffers = new MoovBuffers();

	/** Where further tracks' tables may be read; {@code null} to read them all in the indexing thread. */
	private final @Nullable Executor executor;

	/** Create a reader that reads every track's tables, in order, in the thread that indexes the file. */
	public Mp4IndexReader() {
		this.executor = null;
	}

	/**
	 * Create a reader that offers the tables of a file's tracks after the first to an executor, each read
	 * by the indexing thread itself if no other thread has started it by the time it is needed.
	 * @param executor where further tracks' tables may be read, such as the scheduler of blocking work
	 */
	public Mp4IndexReader(Executor executor) {
		this.executor = executor;
	}

	@Override
	public MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException {
		long size = source.size();
		Box ftyp = null;
		Box moov = null;
		long firstMdat = -1;
		List<Box> moofs = new ArrayList<>();
		long position = 0;
		for (int i = 0; i < MAX_TOP_LEVEL_BOXES && position + 8 <= size; i++) {
			byte[] header = source.read(position, 16);
			Box box = Box.read(new ByteCursor(header), position, size);
			switch (box.type()) {
				case "ftyp" -> ftyp = (ftyp == null) ? box : ftyp;
				case "moov" -> moov = (moov == null) ? box : moov;
				case "mdat" -> firstMdat = (firstMdat < 0) ? box.offset() : firstMdat;
				case "moof" -> moofs.add(box);
				default -> {
				}
			}
			position = box.end();
		}
		if (moov == null) {
			throw new MediaFormatException((position >= size) ? ProbeFailure.MALFORMED : ProbeFailure.TRUNCATED,
					"MP4 file without a moov box");
		}
		if (moov.size() > MAX_MOOV_BYTES) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "moov of " + moov.size() + " bytes");
		}
		if (ftyp != null && ftyp.size() > MAX_FTYP_BYTES) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "ftyp of " + ftyp.size() + " bytes");
		}
		// Read whole while indexing, into an array kept for the next build: the index copies out what it
		// keeps (its template and sample tables), so nothing refers to the array once the build ends.
		int moovLength = (int) moov.size();
		byte[] moovBytes = this.moovBuffers.take(moovLength);
		try {
			source.readFully(moov.offset(), moovBytes, moovLength);
			byte[] ftypBytes = (ftyp != null) ? source.readFully(ftyp.offset(), (int) ftyp.size()).data() : new byte[0];
			boolean moovAfterMdat = firstMdat >= 0 && firstMdat < moov.offset();
			if (moov.headerSize() != 8) {
				// A 64-bit size on a box that fits in 32 bits (some muxers write every box so): the readers and
				// the cut's template expect the 8-byte header, which says the same.
				byte[] shorter = withShortHeader(moovBytes, moovLength, moov.headerSize());
				return index(source, ftypBytes, shorter, shorter.length, moovAfterMdat, moofs, budget);
			}
			return index(source, ftypBytes, moovBytes, moovLength, moovAfterMdat, moofs, budget);
		}
		finally {
			this.moovBuffers.give(moovBytes);
		}
	}

	private static byte[] withShortHeader(byte[] box, int length, int headerSize) {
		byte[] shorter = new byte[length - headerSize + 8];
		System.arraycopy(box, headerSize, shorter, 8, length - headerSize);
		ByteBuffer.wrap(shorter).putInt(shorter.length).put(box, 4, 4);
		return shorter;
	}

	private MediaIndex index(MediaSource source, byte[] ftyp, byte[] moov, int moovLength, boolean moovAfterMdat,
			List<Box> moofs, IndexBudget budget) throws MediaFormatException, IOException {
		long size = source.size();
		MovieStructure structure = MovieStructure.read(moov, moovLength);
		if (structure.fragmented()) {
			long ticks = structure.fragmentDuration();
			long durationUs = (ticks > 0) ? (long) (ticks * 1e6 / structure.timescale()) : 0;
			if (durationUs == 0 && !structure.tracks().isEmpty()) {
				SampleTableReader.TrackInfo first = structure.tracks().get(0).info();
				long trackTicks = FragmentDurations.ticks(source, moofs, first.trackId(),
						trexDefaultDuration(moov, moovLength, first.trackId()));
				durationUs = (long) (trackTicks * 1e6 / first.timescale());
			}
			return new MediaIndex(size, durationUs, 0, new FragmentedMp4Seeker());
		}
		MoovTemplate template = MoovTemplate.of(ftyp, moov, moovLength, budget);
		List<TrackTable> tables = tables(moov, structure.tracks(), size, budget);
		long sampleBytes = 0;
		for (TrackTable table : tables) {
			sampleBytes += table.totalBytes();
		}
		if (tables.isEmpty() || sampleBytes == 0) {
			// Nothing to play, pace or cut (an empty track alone is fine: cuts leave it out).
			throw new MediaFormatException(ProbeFailure.NO_BITRATE, "MP4 without samples");
		}
		long durationUs = durationUs(structure, tables);
		long bitrate = (durationUs > 0) ? (long) (sampleBytes * 8e6 / durationUs) : 0;
		Mp4Index index = new Mp4Index(size, template, structure.timescale(), durationUs, List.copyOf(tables),
				moovAfterMdat);
		return new MediaIndex(size, durationUs, bitrate, index,
				Mp4Timeline.of(index.tracks(), structure.timescale(), durationUs, budget));
	}

	/**
	 * Read every track's tables: the first in this thread, the others offered to the executor first (so a
	 * file over its index budget may fail on any track, whichever reserves last). Every one has finished
	 * or will never start when this returns, whether it returns or throws, since the {@code moov} array
	 * goes back to {@link MoovBuffers} then.
	 */
	private List<TrackTable> tables(byte[] moov, List<MovieStructure.Track> tracks, long size, IndexBudget budget)
			throws MediaFormatException {
		List<TrackTable> tables = new ArrayList<>(tracks.size());
		Executor executor = this.executor;
		if (executor == null) {
			for (MovieStructure.Track track : tracks) {
				tables.add(SampleTableReader.read(moov, track.stbl(), track.info(), size, budget));
			}
			return tables;
		}
		List<SharedTask<TrackTable>> others = new ArrayList<>();
		boolean read = false;
		try {
			for (int i = 1; i < tracks.size(); i++) {
				MovieStructure.Track track = tracks.get(i);
				others.add(SharedTask.offer(() -> SampleTableReader.read(moov, track.stbl(), track.info(), size, budget),
						executor));
			}
			for (int i = 0; i < tracks.size(); i++) {
				MovieStructure.Track track = tracks.get(i);
				tables.add((i == 0) ? SampleTableReader.read(moov, track.stbl(), track.info(), size, budget)
						: others.get(i - 1).join());
			}
			read = true;
			return tables;
		}
		finally {
			if (!read) {
				others.forEach(SharedTask::settle);
			}
		}
	}

	private static long durationUs(MovieStructure structure, List<TrackTable> tables) {
		long longest = 0;
		for (TrackTable table : tables) {
			longest = Math.max(longest, (long) (table.mediaDuration() * 1e6 / table.timescale()));
		}
		long declared = (structure.duration() > 0 && structure.duration() != 0xFFFFFFFFL)
				? (long) (structure.duration() * 1e6 / structure.timescale()) : 0;
		return (declared > 0) ? declared : longest;
	}

	/** The default sample duration a {@code trex} box gives a track in a fragmented file, 0 without one. */
	private static long trexDefaultDuration(byte[] moov, int moovLength, long trackId) throws MediaFormatException {
		Box mvex = Box.find(Box.children(moov, 8, moovLength), "mvex");
		if (mvex == null) {
			return 0;
		}
		for (Box trex : Box.children(moov, (int) mvex.dataOffset(), (int) mvex.end())) {
			if (trex.type().equals("trex") && trex.size() >= 32) {
				ByteCursor cursor = new ByteCursor(moov, (int) trex.dataOffset(), (int) trex.end());
				cursor.skip(4); // version, flags
				if (cursor.u32() == trackId) {
					cursor.skip(4); // default sample description index
					return cursor.u32();
				}
			}
		}
		return 0;
	}

}
