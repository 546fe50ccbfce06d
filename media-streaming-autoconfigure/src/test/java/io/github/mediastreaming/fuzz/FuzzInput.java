package io.github.mediastreaming.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.testsupport.TruncatedMediaSource;

/**
 * How a fuzz target reads its bytes: a media file followed by a 16-byte trailer of choices, so that a
 * real file with a trailer appended is a good seed and a finding replays from one file. Inputs shorter
 * than the trailer are a file with every choice zero.
 * <p>
 * The trailer, byte by byte:
 * <pre>
 * 0      budget and source: bits 0-2 halve the index budget (0: 256 KiB, 7: 2 KiB); bits 4-5 = 3 make the
 *        source claim more bytes than it holds (a file truncated after its size was taken)
 * 1-2    big-endian: how many bytes more than it holds the truncated source claims, minus one
 * 3      bit 0: whether time cuts ask for an exact start (an MP4 edit list)
 * 4-15   three cuts of 4 bytes: a big-endian 16-bit start and a 16-bit span, each a fraction of 65536
 * </pre>
 *
 * @param file the media file's bytes
 * @param claimedSize the size the source reports, at least the file's length
 * @param budgetBytes the index budget
 * @param exactStart whether time cuts ask for an exact start
 * @param cuts where to cut the index
 */
record FuzzInput(byte[] file, long claimedSize, long budgetBytes, boolean exactStart, List<Cut> cuts) {

	/** Length of the trailer of choices. */
	static final int TRAILER_BYTES = 16;

	/** The largest budget a target gets: room for the fixtures' indexes, not for declared millions. */
	static final long MAXIMUM_BUDGET_BYTES = 256 * 1024;

	private static final int CUTS = 3;

	private static final int TRUNCATED_SOURCE = 3;

	/**
	 * Split fuzzer bytes into a file and its choices.
	 * @param input the fuzzer's bytes
	 * @return the input
	 */
	static FuzzInput parse(byte[] input) {
		if (input.length < TRAILER_BYTES) {
			return new FuzzInput(input, input.length, MAXIMUM_BUDGET_BYTES, false, List.of());
		}
		int at = input.length - TRAILER_BYTES;
		byte[] file = Arrays.copyOf(input, at);
		int flags = input[at] & 0xFF;
		long budget = MAXIMUM_BUDGET_BYTES >> (flags & 7);
		long claimed = file.length;
		if (((flags >> 4) & 3) == TRUNCATED_SOURCE) {
			claimed += u16(input, at + 1) + 1;
		}
		boolean exactStart = (input[at + 3] & 1) != 0;
		List<Cut> cuts = new ArrayList<>();
		for (int i = 0; i < CUTS; i++) {
			int cut = at + 4 + 4 * i;
			cuts.add(new Cut(u16(input, cut), u16(input, cut + 2)));
		}
		return new FuzzInput(file, claimed, budget, exactStart, List.copyOf(cuts));
	}

	/**
	 * Return the bytes of a seed: a file, a budget of {@link #MAXIMUM_BUDGET_BYTES}, an exact source, and
	 * cuts near the start, in the middle with an end, and near the end.
	 * @param file the file
	 * @return the fuzzer bytes
	 */
	static byte[] seed(byte[] file) {
		byte[] trailer = { 0, 0, 0, 1, // whole budget, exact source, exact start
				0x10, 0, 0, 0, // cut at 1/16 of the media, to its end
				(byte) 0x80, 0, 0x20, 0, // cut at 1/2, for 1/8 of the media
				(byte) 0xF0, 0, 0, 0 }; // cut at 15/16, to its end
		byte[] seed = Arrays.copyOf(file, file.length + TRAILER_BYTES);
		System.arraycopy(trailer, 0, seed, file.length, TRAILER_BYTES);
		return seed;
	}

	/**
	 * Return whether the source claims more bytes than it holds.
	 * @return {@code true} for a truncated source
	 */
	boolean truncated() {
		return this.claimedSize > this.file.length;
	}

	/**
	 * Return the source a reader gets.
	 * @return the file's bytes, truncated if chosen so
	 */
	MediaSource source() {
		return truncated() ? new TruncatedMediaSource(this.file, this.claimedSize) : new ByteArrayMediaSource(this.file);
	}

	/**
	 * Return a new budget.
	 * @return the chosen budget
	 */
	IndexBudget budget() {
		return IndexBudget.of(this.budgetBytes);
	}

	private static int u16(byte[] bytes, int at) {
		return (bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF);
	}

	/**
	 * One cut's choices.
	 *
	 * @param start where it starts, a fraction of 65536 (of the duration, or of the file size for byte
	 * offsets)
	 * @param span how long it lasts, a fraction of 65536 of the duration; 0 for the end of the media
	 */
	record Cut(int start, int span) {

		/**
		 * Return the start as a fraction, reaching a quarter past the end so cuts beyond the media are tried.
		 * @return from 0 to 1.25
		 */
		double startFraction() {
			return this.start * 1.25 / 65536;
		}

		/**
		 * Return the span as a fraction.
		 * @return from 0 to 1.25
		 */
		double spanFraction() {
			return this.span * 1.25 / 65536;
		}

	}

}
