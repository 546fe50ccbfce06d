package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import io.github.mediastreaming.body.ContentCursor;
import io.github.mediastreaming.body.GeneratedContent;

/**
 * The head of a cut document, produced on demand: the source {@code ftyp}, the rebuilt {@code moov} and
 * the {@code mdat} header; the media follows as the regions of the file the plan keeps. The head is laid out as
 * segments whose lengths are known from a few binary searches per table, so its exact length is known
 * before a byte is written, and its bytes are computed from the cached index as a response sends them,
 * a buffer at a time: no request holds the {@code moov} (2 MB for a 2-hour movie cut at one hour).
 * <p>
 * The {@code moov} copies every box of the template except the ones the cut changes: durations are
 * patched in {@code mvhd}, {@code tkhd} and {@code mdhd}; each kept track gets a fresh edit list and
 * fresh sample tables ({@link CutTables}); a track the cut leaves empty is left out, since players
 * reject a video track without samples; sample-group and other per-sample boxes the cut would make
 * wrong ({@code sbgp}, {@code sgpd}, {@code subs}, ...) are not in the template. Chunk offsets use
 * {@code co64} only when an offset needs 64 bits, and the {@code mdat} header a 64-bit size only when the
 * media does. Immutable; equal when built from equal indexes and plans.
 */
final class CutDocument implements GeneratedContent {

	private static final long MAX_32_BIT = 0xFFFFFFFFL;

	private final MoovTemplate template;

	private final List<TrackTable> tracks;

	private final CutPlan plan;

	private final boolean wide;

	private final List<Segment> segments;

	private final long[] ends;

	private final long retainedBytes;

	private CutDocument(MoovTemplate template, List<TrackTable> tracks, CutPlan plan, boolean wide) {
		this.template = template;
		this.tracks = tracks;
		this.plan = plan;
		this.wide = wide;
		// Offsets move by the head's length, which does not depend on them: measure, then lay out again.
		long headLength = new Layout(0).length;
		this.segments = new Layout(headLength).segments;
		this.ends = new long[this.segments.size()];
		long end = 0;
		for (int i = 0; i < this.ends.length; i++) {
			end += this.segments.get(i).length();
			this.ends[i] = end;
		}
		// The segments (a few a box: thousands for a file of thousands of tracks), their list and ends, the
		// plan's cut of each track and its regions of the file.
		long bytes = 2 * Heap.OBJECT + Heap.array(this.ends.length, 8) + Heap.array(this.segments.size(), 4)
				+ Heap.array(plan.tracks().size(), 4) + plan.tracks().size() * (Heap.OBJECT + 40)
				+ Heap.array(plan.data().size(), 4) + plan.data().size() * (Heap.OBJECT + 24);
		for (Segment segment : this.segments) {
			bytes += segment.retainedBytes();
		}
		this.retainedBytes = bytes;
	}

	/**
	 * Lay out the head of a cut.
	 * @param template the source's {@code ftyp} and {@code moov} without sample tables
	 * @param tracks the source's tracks
	 * @param plan the cut
	 * @param forceWide whether to write {@code co64} even when 32-bit offsets would do (for tests of files
	 * over 4 GiB)
	 * @return the head
	 */
	static CutDocument of(MoovTemplate template, List<TrackTable> tracks, CutPlan plan, boolean forceWide) {
		CutDocument narrow = new CutDocument(template, tracks, plan, forceWide);
		if (!narrow.wide && narrow.length() + plan.dataLength() > MAX_32_BIT) {
			return new CutDocument(template, tracks, plan, true);
		}
		return narrow;
	}

	@Override
	public long length() {
		return (this.ends.length > 0) ? this.ends[this.ends.length - 1] : 0;
	}

	@Override
	public long retainedBytes() {
		return this.retainedBytes;
	}

	@Override
	public ContentCursor open(long position) {
		if (position < 0 || position > length()) {
			throw new IllegalArgumentException("Position " + position + " outside " + length() + " bytes");
		}
		return new Cursor(position);
	}

	/** @return the cut this head belongs to */
	CutPlan plan() {
		return this.plan;
	}

	/** @return the tracks the cut was planned on */
	List<TrackTable> tracks() {
		return this.tracks;
	}

	/** @return whether the chunk offsets are 64-bit */
	boolean wide() {
		return this.wide;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CutDocument that && this.wide == that.wide && this.plan.equals(that.plan)
				&& this.template.equals(that.template) && this.tracks.equals(that.tracks);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.plan, this.wide);
	}

	@Override
	public String toString() {
		return "CutDocument[" + length() + " bytes, " + this.plan + "]";
	}

	/** Produces the head's bytes from a position on, segment after segment. */
	private final class Cursor implements ContentCursor {

		private long position;

		private int segment;

		Cursor(long position) {
			this.position = position;
			while (this.segment < CutDocument.this.ends.length && CutDocument.this.ends[this.segment] <= position) {
				this.segment++;
			}
		}

		@Override
		public int read(ByteBuffer target) {
			int written = 0;
			long[] ends = CutDocument.this.ends;
			while (target.hasRemaining() && this.segment < ends.length) {
				long start = (this.segment > 0) ? ends[this.segment - 1] : 0;
				int count = CutDocument.this.segments.get(this.segment).write(this.position - start, target);
				this.position += count;
				written += count;
				if (this.position == ends[this.segment]) {
					this.segment++;
				}
			}
			return written;
		}

	}

	/** Lays the head out as segments, given what chunk offsets move by. */
	private final class Layout {

		private final List<Segment> segments = new ArrayList<>();

		private final Deque<long[]> open = new ArrayDeque<>();

		private final Deque<byte[]> headers = new ArrayDeque<>();

		private long length;

		Layout(long headLength) {
			MoovTemplate template = CutDocument.this.template;
			add(new Segment.Copy(template, 0, template.ftypLength()));
			moov(headLength);
			long data = CutDocument.this.plan.dataLength();
			BoxWriter mdat = new BoxWriter(16);
			if (data + 8 > MAX_32_BIT) {
				mdat.u32(1);
				mdat.ascii("mdat");
				mdat.u64(data + 16);
			}
			else {
				mdat.u32(data + 8);
				mdat.ascii("mdat");
			}
			add(new Segment.Literal(mdat.toByteArray()));
		}

		private void moov(long headLength) {
			MoovTemplate template = CutDocument.this.template;
			CutPlan plan = CutDocument.this.plan;
			open("moov");
			int track = 0;
			for (Box child : template.children(template.moov())) {
				switch (child.type()) {
					case "mvhd" -> patched(child, plan.movieDuration(), 16, 24);
					case "trak" -> {
						CutPlan.TrackCut cut = plan.tracks().get(track);
						if (!cut.empty()) {
							// Each track's bytes sit in one region of the mdat, moved by what that region moves.
							trak(child, track, headLength + plan.shift(cut.firstByte()));
						}
						track++;
					}
					default -> add(new Segment.Copy(template, child));
				}
			}
			close();
		}

		private void trak(Box trak, int track, long delta) {
			MoovTemplate template = CutDocument.this.template;
			CutPlan.TrackCut cut = CutDocument.this.plan.tracks().get(track);
			open("trak");
			for (Box child : template.children(trak)) {
				switch (child.type()) {
					case "tkhd" -> {
						patched(child, cut.emptyEdit() + cut.editDuration(), 20, 28);
						editList(cut);
					}
					case "mdia" -> {
						open("mdia");
						for (Box part : template.children(child)) {
							switch (part.type()) {
								case "mdhd" -> patched(part, cut.mediaDuration(), 16, 24);
								case "minf" -> minf(part, track, delta);
								default -> add(new Segment.Copy(template, part));
							}
						}
						close();
					}
					default -> add(new Segment.Copy(template, child));
				}
			}
			close();
		}

		private void minf(Box minf, int track, long delta) {
			MoovTemplate template = CutDocument.this.template;
			open("minf");
			for (Box part : template.children(minf)) {
				if (part.type().equals("stbl")) {
					open("stbl");
					for (Box stsd : template.children(part)) {
						add(new Segment.Copy(template, stsd));
					}
					tables(CutDocument.this.tracks.get(track), CutDocument.this.plan.tracks().get(track), delta);
					close();
				}
				else {
					add(new Segment.Copy(template, part));
				}
			}
			close();
		}

		private void tables(TrackTable table, CutPlan.TrackCut cut, long delta) {
			int from = cut.from();
			int to = cut.to();
			table("stts", 0, new CutTables.Runs(table.durations(), from, to));
			CompositionOffsets compositions = table.compositions();
			if (compositions != null) {
				// Version 1 makes the offsets signed.
				table("ctts", compositions.anyNegative() ? 1 : 0, new CutTables.Runs(compositions.runs(), from, to));
			}
			if (table.sync() != null) {
				table("stss", 0, new CutTables.Sync(table.sync(), from, to));
			}
			table("stsc", 0, new CutTables.ChunkRuns(table.chunks(), from, to));
			BoxWriter stsz = new BoxWriter(20);
			int box = stsz.startFull("stsz", 0, 0);
			boolean constant = table.sizes().isConstant();
			stsz.u32(constant ? table.sizes().constantSize() : 0);
			stsz.u32(to - from);
			Segment.Entries sizes = new CutTables.Sizes(table.sizes(), from, constant ? from : to);
			stsz.putU32(box, 20 + sizes.length());
			add(new Segment.Literal(stsz.toByteArray()));
			add(sizes);
			table(CutDocument.this.wide ? "co64" : "stco", 0,
					new CutTables.Offsets(table, from, to, delta, CutDocument.this.wide));
			if (table.dependencies() != null) {
				BoxWriter sdtp = new BoxWriter(12);
				int start = sdtp.startFull("sdtp", 0, 0);
				Segment.Entries flags = new CutTables.Flags(table.dependencies(), from, to);
				sdtp.putU32(start, 12 + flags.length());
				add(new Segment.Literal(sdtp.toByteArray()));
				add(flags);
			}
		}

		/** A full box of counted entries: header, version, flags, entry count, then the entries. */
		private void table(String type, int version, Segment.Entries entries) {
			BoxWriter header = new BoxWriter(16);
			int box = header.startFull(type, version, 0);
			header.u32(entries.count());
			header.putU32(box, 16 + entries.length());
			add(new Segment.Literal(header.toByteArray()));
			add(entries);
		}

		private void editList(CutPlan.TrackCut cut) {
			boolean wide = cut.editDuration() > MAX_32_BIT || cut.emptyEdit() > MAX_32_BIT
					|| cut.mediaTime() > Integer.MAX_VALUE;
			BoxWriter out = new BoxWriter(64);
			int edts = out.start("edts");
			int elst = out.startFull("elst", wide ? 1 : 0, 0);
			out.u32((cut.emptyEdit() > 0) ? 2 : 1);
			if (cut.emptyEdit() > 0) {
				edit(out, wide, cut.emptyEdit(), -1);
			}
			edit(out, wide, cut.editDuration(), cut.mediaTime());
			out.end(elst);
			out.end(edts);
			add(new Segment.Literal(out.toByteArray()));
		}

		private static void edit(BoxWriter out, boolean wide, long duration, long mediaTime) {
			if (wide) {
				out.u64(duration);
				out.u64(mediaTime);
			}
			else {
				out.u32(duration);
				out.u32(mediaTime);
			}
			out.u32(0x00010000); // media rate 1.0
		}

		/** A full box copied with its duration field, at one offset for version 0 and another for version 1. */
		private void patched(Box box, long duration, int v0Offset, int v1Offset) {
			MoovTemplate template = CutDocument.this.template;
			byte[] bytes = template.copyOf(box);
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			if (template.version(box) == 1) {
				buffer.putLong(box.headerSize() + v1Offset, duration);
			}
			else {
				buffer.putInt(box.headerSize() + v0Offset, (int) Math.min(duration, MAX_32_BIT));
			}
			add(new Segment.Literal(bytes));
		}

		private void open(String type) {
			byte[] header = new byte[8];
			ByteBuffer.wrap(header).putInt(4, fourCc(type));
			this.headers.push(header);
			this.open.push(new long[] { this.length });
			add(new Segment.Literal(header));
		}

		private void close() {
			byte[] header = this.headers.pop();
			long start = this.open.pop()[0];
			ByteBuffer.wrap(header).putInt(0, (int) (this.length - start));
		}

		private void add(Segment segment) {
			this.segments.add(segment);
			this.length += segment.length();
		}

		private static int fourCc(String type) {
			return type.charAt(0) << 24 | type.charAt(1) << 16 | type.charAt(2) << 8 | type.charAt(3);
		}

	}

}
