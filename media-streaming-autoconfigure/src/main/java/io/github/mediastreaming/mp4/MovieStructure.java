package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;
import org.mp4parser.boxes.iso14496.part12.EditListBox;
import org.mp4parser.boxes.iso14496.part12.HandlerBox;
import org.mp4parser.boxes.iso14496.part12.MediaHeaderBox;
import org.mp4parser.boxes.iso14496.part12.MovieExtendsHeaderBox;
import org.mp4parser.boxes.iso14496.part12.MovieHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackHeaderBox;

/**
 * What the structural boxes of a {@code moov} say: the movie's timescale and duration, whether it is
 * fragmented, and each track's id, handler, timescale and edit list.
 * <p>
 * Our own walk finds the boxes and checks their sizes; mp4parser's box classes parse their fields, one
 * box at a time through {@code _parseDetails}, from a copy of the part of the box's payload they read
 * (so a box claiming megabytes costs a few hundred bytes). That skips the path of
 * {@code IsoFile}, where every box, once parsed, is serialised again and compared with its bytes when
 * assertions are enabled, and a damaged box logs ERROR lines with hex dumps ("buffers differ"). In the
 * copy, fields we never read are normalised where mp4parser would complain about them: creation and
 * modification times (which it converts to dates and cannot for values past 2^63) and durations with
 * the top bit set (which it reads as signed and logs a WARN about; as before, they count as unknown).
 *
 * @param timescale the {@code mvhd} timescale
 * @param duration the {@code mvhd} duration, 0 or less when unknown
 * @param fragmented whether the movie has {@code mvex}
 * @param fragmentDuration the {@code mehd} fragment duration, else the {@code mvhd} duration
 * @param tracks the tracks, in {@code moov} order
 */
record MovieStructure(long timescale, long duration, boolean fragmented, long fragmentDuration, List<Track> tracks) {

	/**
	 * What one track's structural boxes say.
	 *
	 * @param info the track's id, handler, timescale and edit list
	 * @param stbl its sample table box, {@code null} in a fragmented movie that lacks one
	 */
	record Track(SampleTableReader.TrackInfo info, @Nullable Box stbl) {

	}

	/** The most edits read from an edit list: a track starts with at most a few empty edits. */
	private static final int MAX_EDITS = 64;

	/** Payload bytes of version 0 and 1 of the full boxes read here, and where their times lie. */
	private enum Layout {

		MVHD(100, 112, 16, 24, 4), TKHD(84, 96, 20, 28, 4), MDHD(24, 36, 16, 24, 4);

		private final int v0Length;

		private final int v1Length;

		private final int v0Duration;

		private final int v1Duration;

		private final int timesAt;

		Layout(int v0Length, int v1Length, int v0Duration, int v1Duration, int timesAt) {
			this.v0Length = v0Length;
			this.v1Length = v1Length;
			this.v0Duration = v0Duration;
			this.v1Duration = v1Duration;
			this.timesAt = timesAt;
		}

	}

	/**
	 * Read the structure of a {@code moov}.
	 * @param moov an array that holds the {@code moov} box from its index 0
	 * @param length the box's length (the array may be longer)
	 * @return the structure
	 * @throws MediaFormatException if a box is missing, malformed or cannot be parsed
	 */
	static MovieStructure read(byte[] moov, int length) throws MediaFormatException {
		List<Box> children = Box.children(moov, 8, length);
		Box mvhdBox = Box.find(children, "mvhd");
		if (mvhdBox == null) {
			throw malformed("moov without a valid mvhd");
		}
		MovieHeaderBox mvhd = new MovieHeaderBox();
		parse(mvhd::_parseDetails, fullBox(moov, mvhdBox, Layout.MVHD), mvhdBox);
		if (mvhd.getTimescale() <= 0) {
			throw malformed("moov without a valid mvhd");
		}
		Box mvex = Box.find(children, "mvex");
		long fragmentDuration = mvhd.getDuration();
		if (mvex != null) {
			Box mehdBox = Box.find(Box.children(moov, (int) mvex.dataOffset(), (int) mvex.end()), "mehd");
			if (mehdBox != null) {
				MovieExtendsHeaderBox mehd = new MovieExtendsHeaderBox();
				parse(mehd::_parseDetails, payload(moov, mehdBox, (version(moov, mehdBox) == 1) ? 12 : 8), mehdBox);
				if (mehd.getFragmentDuration() > 0) {
					fragmentDuration = mehd.getFragmentDuration();
				}
			}
		}
		List<Track> tracks = new ArrayList<>();
		for (Box child : children) {
			if (child.type().equals("trak")) {
				tracks.add(track(moov, child, mvex != null));
			}
		}
		return new MovieStructure(mvhd.getTimescale(), mvhd.getDuration(), mvex != null, fragmentDuration,
				List.copyOf(tracks));
	}

	private static Track track(byte[] moov, Box trak, boolean fragmented) throws MediaFormatException {
		List<Box> children = Box.children(moov, (int) trak.dataOffset(), (int) trak.end());
		Box tkhdBox = Box.find(children, "tkhd");
		Box mdia = Box.find(children, "mdia");
		List<Box> media = (mdia != null) ? Box.children(moov, (int) mdia.dataOffset(), (int) mdia.end()) : List.of();
		Box mdhdBox = Box.find(media, "mdhd");
		Box hdlrBox = Box.find(media, "hdlr");
		if (tkhdBox == null || mdhdBox == null || hdlrBox == null) {
			throw malformed("Track without tkhd, mdhd or hdlr");
		}
		TrackHeaderBox tkhd = new TrackHeaderBox();
		parse(tkhd::_parseDetails, fullBox(moov, tkhdBox, Layout.TKHD), tkhdBox);
		MediaHeaderBox mdhd = new MediaHeaderBox();
		parse(mdhd::_parseDetails, fullBox(moov, mdhdBox, Layout.MDHD), mdhdBox);
		HandlerBox hdlr = new HandlerBox();
		// Version and flags, pre-defined, handler type, three reserved words; the name is not read.
		parse(hdlr::_parseDetails, payload(moov, hdlrBox, 24), hdlrBox);
		if (mdhd.getTimescale() <= 0) {
			throw malformed("Track " + tkhd.getTrackId() + " has timescale " + mdhd.getTimescale());
		}
		long editMediaTime = 0;
		long editEmpty = 0;
		long editDuration = 0;
		Box elst = elst(moov, children);
		if (elst != null) {
			List<EditListBox.Entry> entries = editList(moov, elst);
			for (int i = 0; i < entries.size(); i++) {
				EditListBox.Entry entry = entries.get(i);
				if (entry.getMediaTime() == -1) {
					editEmpty += entry.getSegmentDuration();
				}
				else {
					editMediaTime = entry.getMediaTime();
					// Only a last edit ends the track; after it, further edits would show more media.
					if (i == entries.size() - 1 && entries.size() == editCount(moov, elst)) {
						editDuration = Math.max(0, entry.getSegmentDuration());
					}
					break;
				}
			}
		}
		Box minf = Box.find(media, "minf");
		Box stbl = (minf != null) ? Box.find(Box.children(moov, (int) minf.dataOffset(), (int) minf.end()), "stbl")
				: null;
		if (stbl == null && !fragmented) {
			throw malformed("Track without stbl");
		}
		return new Track(new SampleTableReader.TrackInfo((int) tkhd.getTrackId(), hdlr.getHandlerType(),
				mdhd.getTimescale(), editMediaTime, editEmpty, editDuration), stbl);
	}

	private static @Nullable Box elst(byte[] moov, List<Box> trak) throws MediaFormatException {
		Box edts = Box.find(trak, "edts");
		return (edts != null) ? Box.find(Box.children(moov, (int) edts.dataOffset(), (int) edts.end()), "elst") : null;
	}

	/** The number of entries an edit list declares (its entries were checked to fit by {@link #editList}). */
	private static long editCount(byte[] moov, Box elst) {
		return new ByteCursor(moov, (int) elst.dataOffset() + 4, (int) elst.end()).u32();
	}

	private static List<EditListBox.Entry> editList(byte[] moov, Box elst) throws MediaFormatException {
		ByteCursor cursor = new ByteCursor(moov, (int) elst.dataOffset(), (int) elst.end());
		if (cursor.remaining() < 8) {
			throw malformed("elst of " + elst.size() + " bytes");
		}
		int entryBytes = (cursor.u8() == 1) ? 20 : 12;
		cursor.skip(3);
		long entries = cursor.u32();
		if (entries * entryBytes > cursor.remaining()) {
			throw malformed("elst declares " + entries + " entries that do not fit");
		}
		// Only the leading edits matter here; mp4parser makes an object of every entry it is given.
		int kept = (int) Math.min(entries, MAX_EDITS);
		ByteBuffer payload = payload(moov, elst, 8 + kept * entryBytes);
		payload.putInt(4, kept);
		EditListBox box = new EditListBox();
		parse(box::_parseDetails, payload, elst);
		return box.getEntries();
	}

	/**
	 * Copy a full box's payload for mp4parser, checking its length for its version, with its times zeroed
	 * and a duration it would read as below -1 set to -1 (unknown).
	 */
	private static ByteBuffer fullBox(byte[] moov, Box box, Layout layout) throws MediaFormatException {
		boolean v1 = version(moov, box) == 1;
		ByteBuffer copy = payload(moov, box, v1 ? layout.v1Length : layout.v0Length);
		byte[] bytes = copy.array();
		Arrays.fill(bytes, layout.timesAt, layout.timesAt + (v1 ? 16 : 8), (byte) 0);
		int durationAt = v1 ? layout.v1Duration : layout.v0Duration;
		long duration = v1 ? ByteBuffer.wrap(bytes, durationAt, 8).getLong() : ByteBuffer.wrap(bytes, durationAt, 4).getInt();
		if (duration < -1) {
			Arrays.fill(bytes, durationAt, durationAt + (v1 ? 8 : 4), (byte) 0xFF);
		}
		return copy;
	}

	/**
	 * Copy the first bytes of a box's payload, what mp4parser reads of it: never more, so a box that claims
	 * megabytes (a name, trailing bytes) costs nothing.
	 */
	private static ByteBuffer payload(byte[] moov, Box box, int length) throws MediaFormatException {
		if (box.end() - box.dataOffset() < length) {
			throw malformed(box.type() + " of " + box.size() + " bytes");
		}
		return ByteBuffer.wrap(Arrays.copyOfRange(moov, (int) box.dataOffset(), (int) box.dataOffset() + length));
	}

	private static int version(byte[] moov, Box box) throws MediaFormatException {
		if (box.end() <= box.dataOffset()) {
			throw malformed("Empty " + box.type());
		}
		return moov[(int) box.dataOffset()] & 0xFF;
	}

	/** mp4parser's box classes fail with runtime exceptions on damaged input: a format error here. */
	private static void parse(Consumer<ByteBuffer> parser, ByteBuffer payload, Box box) throws MediaFormatException {
		try {
			parser.accept(payload);
		}
		catch (RuntimeException ex) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, box.type() + " could not be parsed: " + ex, ex);
		}
	}

	private static MediaFormatException malformed(String message) {
		return new MediaFormatException(ProbeFailure.MALFORMED, message);
	}

}
