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

	private final int[] chunkTables;

	private final int[] chunkCounts;

	private MoovWriter(Mp4Index index, CutPlan plan, long offsetDelta, boolean wideOffsets) {
		this.index = index;
		this.plan = plan;
		this.offsetDelta = offsetDelta;
		this.wideOffsets = wideOffsets;
		this.chunkTables = new int[plan.tracks().size()];
		this.chunkCounts = new int[plan.tracks().size()];
	}

	/**
	 * Write the new {@code moov}.
	 * @param index the source
	 * @param plan the cut
	 * @param offsetDelta what to add to a source file offset to get its offset in the output
	 * @param wideOffsets whether to write {@code co64} rather than {@code stco}
	 * @return the box bytes
	 */
	static Written write(Mp4Index index, CutPlan plan, long offsetDelta, boolean wideOffsets) {
		try {
			MoovWriter writer = new MoovWriter(index, plan, offsetDelta, wideOffsets);
			byte[] moov = writer.moov();
			return new Written(moov, writer.chunkTables, writer.chunkCounts, wideOffsets);
		}
		catch (MediaFormatException ex) {
			// The same boxes were walked when the index was built: they cannot be malformed now.
			throw new IllegalStateException(ex);
		}
	}

	private byte[] moov() throws MediaFormatException {
		byte[] source = this.index.moov();
		// The cut's tables are at most the source's, plus new edit lists.
		BoxWriter out = new BoxWriter(source.length + 64 * this.plan.tracks().size() + 1024);
		int moov = out.start("moov");
		long movieDuration = 0;
		for (CutPlan.TrackCut cut : this.plan.tracks()) {
			movieDuration = Math.max(movieDuration, cut.emptyEdit() + cut.editDuration());
		}
		int track = 0;
		for (Box child : Box.children(source, 8, source.length)) {
			switch (child.type()) {
				case "mvhd" -> copyWithDuration(out, child, movieDuration, 16, 24);
				case "trak" -> {
					// A track the cut leaves empty is left out: players reject a video track without samples.
					if (!this.plan.tracks().get(track).empty()) {
						trak(out, child, track);
					}
					track++;
				}
				default -> out.copy(source, child.offset(), child.size());
			}
		}
		out.end(moov);
		return out.toByteArray();
	}

	private void trak(BoxWriter out, Box trak, int track) throws MediaFormatException {
		TrackTable table = this.index.tracks().get(track);
		CutPlan.TrackCut cut = this.plan.tracks().get(track);
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
				case "mdia" -> mdia(out, child, table, cut, track);
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

	private void mdia(BoxWriter out, Box mdia, TrackTable table, CutPlan.TrackCut cut, int track)
			throws MediaFormatException {
		byte[] source = this.index.moov();
		int start = out.start("mdia");
		for (Box child : Box.children(source, (int) mdia.dataOffset(), (int) mdia.end())) {
			switch (child.type()) {
				case "mdhd" -> copyWithDuration(out, child, cut.mediaDuration(), 16, 24);
				case "minf" -> {
					int minf = out.start("minf");
					for (Box grandchild : Box.children(source, (int) child.dataOffset(), (int) child.end())) {
						if (grandchild.type().equals("stbl")) {
							stbl(out, grandchild, table, cut, track);
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

	private void stbl(BoxWriter out, Box stbl, TrackTable table, CutPlan.TrackCut cut, int track)
			throws MediaFormatException {
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
		int entries = tables.chunks(this.offsetDelta, this.wideOffsets);
		this.chunkTables[track] = entries;
		this.chunkCounts[track] = readU32(out, entries - 4);
		tables.sizes();
		tables.dependencies();
		out.end(start);
	}

	private static int readU32(BoxWriter out, int at) {
		byte[] bytes = out.bytes();
		return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF);
	}

	/**
	 * A written {@code moov} and where its chunk offset tables are, so the offsets can be moved once the
	 * {@code moov}'s own size is known, without writing it again.
	 *
	 * @param moov the box bytes
	 * @param chunkTables per track, where its chunk offset entries start
	 * @param chunkCounts per track, how many entries
	 * @param wide whether the entries are 64-bit
	 */
	record Written(byte[] moov, int[] chunkTables, int[] chunkCounts, boolean wide) {

		/**
		 * Add a delta to every chunk offset, in place.
		 * @param delta what to add
		 */
		void shift(long delta) {
			int width = this.wide ? 8 : 4;
			for (int t = 0; t < this.chunkTables.length; t++) {
				for (int i = 0, at = this.chunkTables[t]; i < this.chunkCounts[t]; i++, at += width) {
					long value = 0;
					for (int b = 0; b < width; b++) {
						value = value << 8 | (this.moov[at + b] & 0xFF);
					}
					value += delta;
					for (int b = width - 1; b >= 0; b--) {
						this.moov[at + b] = (byte) value;
						value >>>= 8;
					}
				}
			}
		}

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
