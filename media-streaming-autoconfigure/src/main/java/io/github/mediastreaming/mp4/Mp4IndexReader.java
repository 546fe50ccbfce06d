package io.github.mediastreaming.mp4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.ProbeFailure;
import org.mp4parser.IsoFile;
import org.mp4parser.PropertyBoxParserImpl;
import org.mp4parser.boxes.iso14496.part12.EditListBox;
import org.mp4parser.boxes.iso14496.part12.MediaBox;
import org.mp4parser.boxes.iso14496.part12.MovieBox;
import org.mp4parser.boxes.iso14496.part12.MovieExtendsBox;
import org.mp4parser.boxes.iso14496.part12.MovieExtendsHeaderBox;
import org.mp4parser.boxes.iso14496.part12.MovieHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackBox;
import org.mp4parser.tools.ByteBufferByteChannel;
import org.mp4parser.tools.Path;

/**
 * Indexes an MP4 file: top-level boxes by our own walk (16 bytes each), the {@code moov} by mp4parser for
 * its structure and by {@link SampleTableReader} for the sample tables.
 */
public final class Mp4IndexReader implements MediaIndexReader {

	/** A moov larger than this is not a real file's (a 10-hour movie's is about 25 MB). */
	static final long MAX_MOOV_BYTES = 64 * 1024 * 1024;

	private static final int MAX_FTYP_BYTES = 4096;

	private static final int MAX_TOP_LEVEL_BOXES = 100_000;

	private static final Properties BOX_TYPES = loadBoxTypes();

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
		// The index keeps both boxes' bytes.
		budget.reserve(moov.size() + ((ftyp != null) ? ftyp.size() : 0), "bytes of moov and ftyp");
		byte[] moovBytes = source.readFully(moov.offset(), (int) moov.size()).data();
		byte[] ftypBytes = (ftyp != null) ? source.readFully(ftyp.offset(), (int) ftyp.size()).data() : new byte[0];
		return index(source, ftypBytes, moovBytes, firstMdat >= 0 && firstMdat < moov.offset(), moofs, budget);
	}

	private MediaIndex index(MediaSource source, byte[] ftyp, byte[] moov, boolean moovAfterMdat, List<Box> moofs,
			IndexBudget budget) throws MediaFormatException, IOException {
		long size = source.size();
		Structure structure = structure(moov);
		List<Box> trakBoxes = trakBoxes(moov);
		if (structure.tracks().size() != trakBoxes.size()) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Tracks the parsers disagree about");
		}
		if (structure.fragmented()) {
			long ticks = structure.fragmentDuration();
			long durationUs = (ticks > 0) ? (long) (ticks * 1e6 / structure.timescale()) : 0;
			if (durationUs == 0 && !structure.tracks().isEmpty()) {
				TrackStructure first = structure.tracks().get(0);
				long trackTicks = FragmentDurations.ticks(source, moofs, first.trackId(),
						trexDefaultDuration(moov, first.trackId()));
				durationUs = (long) (trackTicks * 1e6 / first.timescale());
			}
			return new MediaIndex(size, durationUs, 0, new FragmentedMp4Seeker());
		}
		List<TrackTable> tables = new ArrayList<>();
		long sampleBytes = 0;
		for (int i = 0; i < trakBoxes.size(); i++) {
			SampleTableReader.TrackInfo info = structure.tracks().get(i).at(trakBoxes.get(i));
			TrackTable table = SampleTableReader.read(moov, path(moov, trakBoxes.get(i), "mdia", "minf", "stbl"), info, size,
					budget);
			tables.add(table);
			sampleBytes += table.totalBytes();
		}
		if (tables.isEmpty() || sampleBytes == 0) {
			// Nothing to play, pace or cut (an empty track alone is fine: cuts leave it out).
			throw new MediaFormatException(ProbeFailure.NO_BITRATE, "MP4 without samples");
		}
		long durationUs = durationUs(structure, tables);
		long bitrate = (durationUs > 0) ? (long) (sampleBytes * 8e6 / durationUs) : 0;
		Mp4Index index = new Mp4Index(size, ftyp, moov, structure.timescale(), durationUs, List.copyOf(tables),
				moovAfterMdat);
		return new MediaIndex(size, durationUs, bitrate, index);
	}

	/**
	 * Read what mp4parser gives into plain values, in one place: its boxes parse lazily and fail with
	 * runtime exceptions or even {@link AssertionError} on damaged input, which must become a format error.
	 */
	private static Structure structure(byte[] moov) throws MediaFormatException {
		try {
			MovieBox movie = parseMovie(skeleton(moov));
			MovieHeaderBox mvhd = movie.getMovieHeaderBox();
			if (mvhd == null || mvhd.getTimescale() <= 0) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "moov without a valid mvhd");
			}
			List<MovieExtendsBox> mvex = movie.getBoxes(MovieExtendsBox.class);
			long fragmentDuration = mvhd.getDuration();
			if (!mvex.isEmpty()) {
				MovieExtendsHeaderBox mehd = Path.getPath(mvex.get(0), "mehd");
				if (mehd != null && mehd.getFragmentDuration() > 0) {
					fragmentDuration = mehd.getFragmentDuration();
				}
			}
			List<TrackStructure> tracks = new ArrayList<>();
			for (TrackBox track : movie.getBoxes(TrackBox.class)) {
				tracks.add(track(track));
			}
			return new Structure(mvhd.getTimescale(), mvhd.getDuration(), !mvex.isEmpty(), fragmentDuration, tracks);
		}
		catch (RuntimeException | AssertionError ex) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "moov could not be parsed: " + ex, ex);
		}
	}

	private static TrackStructure track(TrackBox box) throws MediaFormatException {
		MediaBox media = box.getMediaBox();
		if (box.getTrackHeaderBox() == null || media == null || media.getMediaHeaderBox() == null
				|| media.getHandlerBox() == null || media.getMediaHeaderBox().getTimescale() <= 0) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Track without tkhd, mdhd or hdlr");
		}
		long editMediaTime = 0;
		long editEmpty = 0;
		EditListBox elst = Path.getPath(box, "edts/elst");
		if (elst != null) {
			for (EditListBox.Entry entry : elst.getEntries()) {
				if (entry.getMediaTime() == -1) {
					editEmpty += entry.getSegmentDuration();
				}
				else {
					editMediaTime = entry.getMediaTime();
					break;
				}
			}
		}
		return new TrackStructure((int) box.getTrackHeaderBox().getTrackId(), media.getHandlerBox().getHandlerType(),
				media.getMediaHeaderBox().getTimescale(), editMediaTime, editEmpty);
	}

	/** What mp4parser says about the movie. */
	private record Structure(long timescale, long duration, boolean fragmented, long fragmentDuration,
			List<TrackStructure> tracks) {

	}

	/** What mp4parser says about one track. */
	private record TrackStructure(int trackId, String handler, long timescale, long editMediaTime,
			long editEmptyDuration) {

		SampleTableReader.TrackInfo at(Box trak) {
			return new SampleTableReader.TrackInfo(this.trackId, this.handler, this.timescale, this.editMediaTime,
					this.editEmptyDuration, (int) trak.offset(), (int) trak.size());
		}

	}

	private static long durationUs(Structure structure, List<TrackTable> tables) {
		long longest = 0;
		for (TrackTable table : tables) {
			longest = Math.max(longest, (long) (table.mediaDuration() * 1e6 / table.timescale()));
		}
		long declared = (structure.duration() > 0 && structure.duration() != 0xFFFFFFFFL)
				? (long) (structure.duration() * 1e6 / structure.timescale()) : 0;
		return (declared > 0) ? declared : longest;
	}

	private static List<Box> trakBoxes(byte[] moov) throws MediaFormatException {
		List<Box> traks = new ArrayList<>();
		for (Box child : Box.children(moov, 8, moov.length)) {
			if (child.type().equals("trak")) {
				traks.add(child);
			}
		}
		return traks;
	}

	/** The default sample duration a {@code trex} box gives a track in a fragmented file, 0 without one. */
	private static long trexDefaultDuration(byte[] moov, long trackId) throws MediaFormatException {
		Box mvex = Box.find(Box.children(moov, 8, moov.length), "mvex");
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

	/**
	 * Return a {@code moov} holding only the structural boxes mp4parser reads here ({@code mvhd}, every
	 * track's {@code tkhd}, {@code edts}, {@code mdhd} and {@code hdlr}, and {@code mvex}), built by our
	 * own walk, which has checked every size against its container. mp4parser allocates whatever a box
	 * header claims before reading it, so damaged sample entries must never reach it.
	 */
	static byte[] skeleton(byte[] moov) throws MediaFormatException {
		BoxWriter out = new BoxWriter(4096);
		int root = out.start("moov");
		for (Box child : Box.children(moov, 8, moov.length)) {
			switch (child.type()) {
				case "mvhd", "mvex" -> out.copy(moov, child.offset(), child.size());
				case "trak" -> {
					int trak = out.start("trak");
					for (Box part : Box.children(moov, (int) child.dataOffset(), (int) child.end())) {
						if (part.type().equals("tkhd") || part.type().equals("edts")) {
							out.copy(moov, part.offset(), part.size());
						}
						else if (part.type().equals("mdia")) {
							int mdia = out.start("mdia");
							for (Box leaf : Box.children(moov, (int) part.dataOffset(), (int) part.end())) {
								if (leaf.type().equals("mdhd") || leaf.type().equals("hdlr")) {
									out.copy(moov, leaf.offset(), leaf.size());
								}
							}
							out.end(mdia);
						}
					}
					out.end(trak);
				}
				default -> {
				}
			}
		}
		out.end(root);
		return out.toByteArray();
	}

	static Box path(byte[] moov, Box from, String... types) throws MediaFormatException {
		Box box = from;
		for (String type : types) {
			Box child = Box.find(Box.children(moov, (int) box.dataOffset(), (int) box.end()), type);
			if (child == null) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "Track without " + type);
			}
			box = child;
		}
		return box;
	}

	private static MovieBox parseMovie(byte[] moov) throws MediaFormatException {
		try (IsoFile iso = new IsoFile(new ByteBufferByteChannel(ByteBuffer.wrap(moov)),
				new PropertyBoxParserImpl(BOX_TYPES))) {
			MovieBox movie = iso.getMovieBox();
			if (movie == null) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "moov could not be parsed");
			}
			return movie;
		}
		catch (IOException ex) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "moov could not be parsed: " + ex.getMessage(), ex);
		}
	}

	/** mp4parser's own loading goes through the system class loader and fails inside a fat jar. */
	private static Properties loadBoxTypes() {
		Properties properties = new Properties();
		try (InputStream in = IsoFile.class.getResourceAsStream("/isoparser2-default.properties")) {
			if (in == null) {
				throw new IllegalStateException("isoparser2-default.properties is missing from mp4parser's jar");
			}
			properties.load(in);
			return properties;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot load mp4parser's box types", ex);
		}
	}

}
