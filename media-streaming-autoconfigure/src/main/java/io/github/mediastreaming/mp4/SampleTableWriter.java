package io.github.mediastreaming.mp4;

/**
 * Writes the sample tables of a track's kept samples {@code [from, to)}: run-length {@code stts} and
 * {@code ctts}, renumbered {@code stss}, {@code stsc} with {@code stco}/{@code co64} for chunks
 * regrouped from contiguous samples, {@code stsz} and {@code sdtp}.
 */
final class SampleTableWriter {

	private final BoxWriter out;

	private final TrackTable table;

	private final int from;

	private final int to;

	SampleTableWriter(BoxWriter out, TrackTable table, int from, int to) {
		this.out = out;
		this.table = table;
		this.from = from;
		this.to = Math.max(from, to);
	}

	void timeToSample() {
		runs("stts", 0, this.table.durations());
	}

	void compositionOffsets() {
		int[] offsets = this.table.compositionOffsets();
		if (offsets == null) {
			return;
		}
		boolean negative = false;
		for (int i = this.from; i < this.to; i++) {
			negative |= offsets[i] < 0;
		}
		// Version 1 makes the offsets signed.
		runs("ctts", negative ? 1 : 0, offsets);
	}

	/** Write a table of (run length, value) entries for the kept samples' values. */
	private void runs(String type, int version, int[] values) {
		int box = this.out.startFull(type, version, 0);
		int countAt = this.out.length();
		this.out.u32(0);
		int entries = 0;
		for (int i = this.from; i < this.to;) {
			int run = 1;
			while (i + run < this.to && values[i + run] == values[i]) {
				run++;
			}
			this.out.u32(run);
			this.out.u32(values[i] & 0xFFFFFFFFL);
			entries++;
			i += run;
		}
		this.out.putU32(countAt, entries);
		this.out.end(box);
	}

	void syncSamples() {
		int[] sync = this.table.syncSamples();
		if (sync == null) {
			return;
		}
		int box = this.out.startFull("stss", 0, 0);
		int countAt = this.out.length();
		this.out.u32(0);
		int entries = 0;
		for (int sample : sync) {
			if (sample >= this.from && sample < this.to) {
				this.out.u32(sample - this.from + 1);
				entries++;
			}
		}
		this.out.putU32(countAt, entries);
		this.out.end(box);
	}

	/**
	 * Regroup kept samples into chunks of contiguous bytes, then write stsc and the chunk offsets.
	 * @param offsetDelta what to add to each source offset
	 * @param wide whether to write co64
	 * @return where the chunk offset entries start in the output, for {@link MoovWriter.Written#shift}
	 */
	int chunks(long offsetDelta, boolean wide) {
		long[] offsets = this.table.offsets();
		int[] sizes = this.table.sizes();
		int chunkCount = 0;
		int[] chunkStarts = new int[Math.max(1, this.to - this.from)];
		for (int i = this.from; i < this.to; i++) {
			if (i == this.from || offsets[i] != offsets[i - 1] + sizes[i - 1] || this.table.description(i) != this.table.description(i - 1)) {
				chunkStarts[chunkCount++] = i;
			}
		}
		int stsc = this.out.startFull("stsc", 0, 0);
		int countAt = this.out.length();
		this.out.u32(0);
		int stscEntries = 0;
		int previousPerChunk = -1;
		int previousDescription = -1;
		for (int c = 0; c < chunkCount; c++) {
			int end = (c + 1 < chunkCount) ? chunkStarts[c + 1] : this.to;
			int perChunk = end - chunkStarts[c];
			int description = this.table.description(chunkStarts[c]);
			if (perChunk != previousPerChunk || description != previousDescription) {
				this.out.u32(c + 1);
				this.out.u32(perChunk);
				this.out.u32(description);
				stscEntries++;
				previousPerChunk = perChunk;
				previousDescription = description;
			}
		}
		this.out.putU32(countAt, stscEntries);
		this.out.end(stsc);
		int stco = this.out.startFull(wide ? "co64" : "stco", 0, 0);
		this.out.u32(chunkCount);
		int entries = this.out.length();
		for (int c = 0; c < chunkCount; c++) {
			long offset = offsets[chunkStarts[c]] + offsetDelta;
			if (wide) {
				this.out.u64(offset);
			}
			else {
				this.out.u32(offset);
			}
		}
		this.out.end(stco);
		return entries;
	}

	void sizes() {
		int[] sizes = this.table.sizes();
		boolean constant = this.to > this.from;
		for (int i = this.from + 1; i < this.to && constant; i++) {
			constant = sizes[i] == sizes[this.from];
		}
		int box = this.out.startFull("stsz", 0, 0);
		this.out.u32(constant ? sizes[this.from] : 0);
		this.out.u32(this.to - this.from);
		if (!constant) {
			for (int i = this.from; i < this.to; i++) {
				this.out.u32(sizes[i] & 0xFFFFFFFFL);
			}
		}
		this.out.end(box);
	}

	void dependencies() {
		byte[] dependencies = this.table.dependencies();
		if (dependencies == null) {
			return;
		}
		int box = this.out.startFull("sdtp", 0, 0);
		for (int i = this.from; i < this.to; i++) {
			this.out.u8(dependencies[i]);
		}
		this.out.end(box);
	}

}
