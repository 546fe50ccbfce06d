package io.github.mediastreaming.mp4;

import java.io.IOException;
import java.util.List;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.MediaFormatException;

/**
 * The duration of a fragmented MP4 whose {@code moov} does not say it ({@code mehd} is optional, and
 * ffmpeg's {@code empty_moov} output has none): the sample durations of one track summed over every
 * {@code moof} ({@code tfhd} and {@code trex} defaults, {@code trun} per-sample values). Reads only the
 * {@code moof} boxes, never their media.
 */
final class FragmentDurations {

	private static final int MAX_MOOF_BYTES = 1024 * 1024;

	private static final int TFHD_BASE_DATA_OFFSET = 0x01;

	private static final int TFHD_DESCRIPTION_INDEX = 0x02;

	private static final int TFHD_DEFAULT_DURATION = 0x08;

	private static final int TRUN_DATA_OFFSET = 0x01;

	private static final int TRUN_FIRST_SAMPLE_FLAGS = 0x04;

	private static final int TRUN_DURATION = 0x100;

	private static final int TRUN_SIZE = 0x200;

	private static final int TRUN_FLAGS = 0x400;

	private static final int TRUN_COMPOSITION = 0x800;

	private FragmentDurations() {
	}

	/**
	 * Sum one track's sample durations over the fragments.
	 * @param source the file
	 * @param moofs the top-level {@code moof} boxes
	 * @param trackId the track to sum
	 * @param trexDefaultDuration the track's default sample duration from {@code trex}
	 * @return the duration in the track's media ticks
	 * @throws IOException if reading fails
	 * @throws MediaFormatException for a malformed fragment
	 */
	static long ticks(MediaSource source, List<Box> moofs, long trackId, long trexDefaultDuration)
			throws IOException, MediaFormatException {
		long total = 0;
		for (Box moof : moofs) {
			if (moof.size() > MAX_MOOF_BYTES) {
				continue;
			}
			byte[] bytes = source.readFully(moof.offset(), (int) moof.size()).data();
			for (Box traf : Box.children(bytes, moof.headerSize(), bytes.length)) {
				if (traf.type().equals("traf")) {
					total += trafTicks(bytes, traf, trackId, trexDefaultDuration);
				}
			}
		}
		return total;
	}

	private static long trafTicks(byte[] bytes, Box traf, long trackId, long trexDefaultDuration)
			throws MediaFormatException {
		long defaultDuration = trexDefaultDuration;
		long total = 0;
		for (Box child : Box.children(bytes, (int) traf.dataOffset(), (int) traf.end())) {
			ByteCursor box = new ByteCursor(bytes, (int) child.dataOffset(), (int) child.end());
			if (child.type().equals("tfhd")) {
				int flags = box.s32() & 0xFFFFFF;
				if (box.u32() != trackId) {
					return 0;
				}
				box.skip(((flags & TFHD_BASE_DATA_OFFSET) != 0) ? 8 : 0);
				box.skip(((flags & TFHD_DESCRIPTION_INDEX) != 0) ? 4 : 0);
				if ((flags & TFHD_DEFAULT_DURATION) != 0) {
					defaultDuration = box.u32();
				}
			}
			else if (child.type().equals("trun")) {
				int flags = box.s32() & 0xFFFFFF;
				long count = box.u32();
				box.skip(((flags & TRUN_DATA_OFFSET) != 0) ? 4 : 0);
				box.skip(((flags & TRUN_FIRST_SAMPLE_FLAGS) != 0) ? 4 : 0);
				if ((flags & TRUN_DURATION) == 0) {
					total += count * defaultDuration;
					continue;
				}
				int perSample = 4 + (((flags & TRUN_SIZE) != 0) ? 4 : 0) + (((flags & TRUN_FLAGS) != 0) ? 4 : 0)
						+ (((flags & TRUN_COMPOSITION) != 0) ? 4 : 0);
				for (long i = 0; i < count && box.remaining() >= perSample; i++) {
					total += box.u32();
					box.skip(perSample - 4);
				}
			}
		}
		return total;
	}

}
