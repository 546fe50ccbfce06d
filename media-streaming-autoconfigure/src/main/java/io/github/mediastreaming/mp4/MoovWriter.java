package io.github.mediastreaming.mp4;

import io.github.mediastreaming.index.MediaFormatException;

/**
 * Writes the {@code moov} of a cut: every box copied from the source {@code moov} except the ones the
 * cut changes. Durations are patched in {@code mvhd}, {@code tkhd} and {@code mdhd}; each track gets a
 * fresh edit list and fresh sample tables; sample-group and other per-sample boxes the cut would make
 * wrong ({@code sbgp}, {@code sgpd}, {@code stps}, {@code subs}, {@code saiz}, {@code saio}) are dropped.
 */
final class MoovWriter {

	private final Mp4Index index;

	private final CutPlan plan;

	private final long offsetDelta;

	private final boolean wideOffsets;

	private MoovWriter(Mp4Index index, CutPlan plan, long offsetDelta, boolean wideOffsets) {
		this.index = index;
		this.plan = plan;
		this.offsetDelta = offsetDelta;
		this.wideOffsets = wideOffsets;
	}

	/**
	 * Write the new {@code moov}.
	 * @param index the source
	 * @param plan the cut
	 * @param offsetDelta what to add to a source file offset to get its offset in the output
	 * @param wideOffsets whether to write {@code co64} rather than {@code stco}
	 * @return the box bytes
	 */
	static byte[] write(Mp4Index index, CutPlan plan, long offsetDelta, boolean wideOffsets) {
		try {
			return new MoovWriter(index, plan, offsetDelta, wideOffsets).moov();
		}
		catch (MediaFormatException ex) {
			// The same boxes were walked when the index was built: they cannot be malformed now.
			throw new IllegalStateException(ex);
		}
	}

	private byte[] moov() throws MediaFormatException {
		byte[] source = this.index.moov();
		BoxWriter out = new BoxWriter(source.length + 1024);
		int moov = out.start("moov");
		long movieDuration = 0;
		for (CutPlan.TrackCut cut : this.plan.tracks()) {
			movieDuration = Math.max(movieDuration, cut.emptyEdit() + cut.editDuration());
		}
		int track = 0;
		for (Box child : Box.children(source, 8, source.length)) {
			switch (child.type()) {
				case "mvhd" -> copyWithDuration(out, child, movieDuration, 16, 24);
				case "trak" -> trak(out, child, this.index.tracks().get(track), this.plan.tracks().get(track++));
				default -> out.copy(source, child.offset(), child.size());
			}
		}
		out.end(moov);
		return out.toByteArray();
	}

	private void trak(BoxWriter out, Box trak, TrackTable table, CutPlan.TrackCut cut) throws MediaFormatException {
		byte[] source = this.index.moov();
		int start = out.start("trak");
		for (Box child : Box.children(source, (int) trak.dataOffset(), (int) trak.end())) {
			switch (child.type()) {
				case "tkhd" -> {
					copyWithDuration(out, child, cut.emptyEdit() + cut.editDuration(), 20, 28);
					editList(out, cut);
				}
				case "edts" -> {
				}
				case "mdia" -> mdia(out, child, table, cut);
				default -> out.copy(source, child.offset(), child.size());
			}
		}
		out.end(start);
	}

	private void editList(BoxWriter out, CutPlan.TrackCut cut) {
		if (cut.empty()) {
			return;
		}
		boolean wide = cut.editDuration() > 0xFFFFFFFFL || cut.emptyEdit() > 0xFFFFFFFFL || cut.mediaTime() > Integer.MAX_VALUE;
		int edts = out.start("edts");
		int elst = out.startFull("elst", wide ? 1 : 0, 0);
		out.u32((cut.emptyEdit() > 0) ? 2 : 1);
		if (cut.emptyEdit() > 0) {
			edit(out, wide, cut.emptyEdit(), -1);
		}
		edit(out, wide, cut.editDuration(), cut.mediaTime());
		out.end(elst);
		out.end(edts);
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

	private void mdia(BoxWriter out, Box mdia, TrackTable table, CutPlan.TrackCut cut) throws MediaFormatException {
		byte[] source = this.index.moov();
		int start = out.start("mdia");
		for (Box child : Box.children(source, (int) mdia.dataOffset(), (int) mdia.end())) {
			switch (child.type()) {
				case "mdhd" -> copyWithDuration(out, child, cut.mediaDuration(), 16, 24);
				case "minf" -> {
					int minf = out.start("minf");
					for (Box grandchild : Box.children(source, (int) child.dataOffset(), (int) child.end())) {
						if (grandchild.type().equals("stbl")) {
							stbl(out, grandchild, table, cut);
						}
						else {
							out.copy(source, grandchild.offset(), grandchild.size());
						}
					}
					out.end(minf);
				}
				default -> out.copy(source, child.offset(), child.size());
			}
		}
		out.end(start);
	}

	private void stbl(BoxWriter out, Box stbl, TrackTable table, CutPlan.TrackCut cut) throws MediaFormatException {
		byte[] source = this.index.moov();
		int start = out.start("stbl");
		Box stsd = Box.find(Box.children(source, (int) stbl.dataOffset(), (int) stbl.end()), "stsd");
		if (stsd != null) {
			out.copy(source, stsd.offset(), stsd.size());
		}
		SampleTableWriter tables = new SampleTableWriter(out, table, cut.from(), cut.to());
		tables.timeToSample();
		tables.compositionOffsets();
		tables.syncSamples();
		tables.chunks(this.offsetDelta, this.wideOffsets);
		tables.sizes();
		tables.dependencies();
		out.end(start);
	}

	/** Copy a full box whose duration field sits at one offset for version 0 and another for version 1. */
	private void copyWithDuration(BoxWriter out, Box box, long duration, int v0Offset, int v1Offset) {
		byte[] source = this.index.moov();
		int at = out.length();
		out.copy(source, box.offset(), box.size());
		int payload = at + box.headerSize();
		if (source[(int) box.dataOffset()] == 1) {
			out.putU64(payload + v1Offset, duration);
		}
		else {
			out.putU32(payload + v0Offset, Math.min(duration, 0xFFFFFFFFL));
		}
	}

}
