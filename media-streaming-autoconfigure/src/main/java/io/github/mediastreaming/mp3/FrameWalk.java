package io.github.mediastreaming.mp3;

import java.io.IOException;
import java.util.Arrays;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import org.jspecify.annotations.Nullable;

/**
 * The frames of an MP3 whose first frame carries no Xing or VBRI header, read for what that header would
 * have said. Most such files are CBR, which a few frames sampled across the file show at the cost of a
 * few small reads; a VBR one (a stream an encoder could not seek back into) is walked frame by frame, its
 * headers read in blocks, to count its frames and note a seek point every so many.
 *
 * @param frames how many frames the walk found
 * @param frameNumbers the seek points' frame numbers, from 0, the last one {@code frames}
 * @param offsets the seek points' byte offsets from the first frame
 */
record FrameWalk(long frames, long[] frameNumbers, long[] offsets) {

	/** Where frames are sampled to tell VBR from CBR, as fractions of the audio. */
	private static final double[] SAMPLES = { 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875 };

	private static final int SAMPLE_WINDOW_BYTES = 4 * MpegAudioHeader.MAX_FRAME_LENGTH;

	private static final int BLOCK_BYTES = 256 * 1024;

	/** Seek points kept at most: the walk notes one every {@link #POINT_EVERY} frames, then thins them. */
	private static final int MAX_POINTS = 512;

	private static final int POINT_EVERY = 16;

	/**
	 * Return whether frames sampled across the audio have bitrates other than the first frame's.
	 * @param source the file
	 * @param first the first frame's header
	 * @param firstFrame where it starts
	 * @param audioEnd where the audio ends
	 * @return whether the stream is VBR
	 * @throws IOException if the file cannot be read
	 */
	static boolean variable(MediaSource source, MpegAudioHeader first, long firstFrame, long audioEnd)
			throws IOException {
		for (double fraction : SAMPLES) {
			long position = firstFrame + (long) ((audioEnd - firstFrame) * fraction);
			int length = (int) Math.min(SAMPLE_WINDOW_BYTES, audioEnd - position);
			if (length < 8) {
				continue;
			}
			byte[] window = source.read(position, length);
			for (int i = 0; i + 4 <= window.length; i++) {
				MpegAudioHeader header = FrameSync.frameAt(window, i, first, false);
				if (header != null) {
					if (header.bitrate() != first.bitrate()) {
						return true;
					}
					break;
				}
			}
		}
		return false;
	}

	/**
	 * Walk the frames from the first to the end of the audio, or to the first bytes that are not a frame of
	 * the stream (a damaged or appended tail, which the duration then leaves out).
	 * @param source the file
	 * @param first the first frame's header
	 * @param firstFrame where it starts
	 * @param audioEnd where the audio ends
	 * @param budget what the seek points may take
	 * @return the frames and seek points
	 * @throws IOException if the file cannot be read
	 * @throws MediaFormatException if the seek points exceed the budget
	 */
	static FrameWalk walk(MediaSource source, MpegAudioHeader first, long firstFrame, long audioEnd,
			IndexBudget budget) throws IOException, MediaFormatException {
		long[] frameNumbers = new long[64];
		long[] offsets = new long[64];
		int points = 0;
		long frames = 0;
		long position = firstFrame;
		byte @Nullable [] block = null;
		long blockStart = 0;
		while (position + 4 <= audioEnd) {
			if (block == null || position + 4 > blockStart + block.length) {
				blockStart = position;
				block = source.read(position, (int) Math.min(BLOCK_BYTES, audioEnd - position));
				if (block.length < 4) {
					break;
				}
			}
			MpegAudioHeader header = FrameSync.header(block, (int) (position - blockStart));
			if (header == null || !first.sameStream(header) || position + header.frameLength() > audioEnd) {
				break;
			}
			if (frames % POINT_EVERY == 0) {
				if (points == frameNumbers.length) {
					budget.reserve(points, 2 * Long.BYTES, "MP3 seek points");
					frameNumbers = Arrays.copyOf(frameNumbers, 2 * points);
					offsets = Arrays.copyOf(offsets, 2 * points);
				}
				frameNumbers[points] = frames;
				offsets[points] = position - firstFrame;
				points++;
			}
			frames++;
			position += header.frameLength();
		}
		// Thinned evenly to at most MAX_POINTS, and closed by the end of the last frame.
		int step = Math.max(1, (points + MAX_POINTS - 1) / MAX_POINTS);
		int kept = (points + step - 1) / step;
		long[] keptFrames = new long[kept + 1];
		long[] keptOffsets = new long[kept + 1];
		for (int i = 0; i < kept; i++) {
			keptFrames[i] = frameNumbers[i * step];
			keptOffsets[i] = offsets[i * step];
		}
		keptFrames[kept] = frames;
		keptOffsets[kept] = position - firstFrame;
		return new FrameWalk(frames, keptFrames, keptOffsets);
	}

}
