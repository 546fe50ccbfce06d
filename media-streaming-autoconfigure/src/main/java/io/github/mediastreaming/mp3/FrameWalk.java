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
 * headers read in blocks, to count its frames and note a seek point every so many. Bytes that are not a
 * frame of the stream (a damaged stretch, a stray tag) are skipped up to the next verified frame, as a
 * decoder does; the walk ends where none follows within {@link #RESYNC_BYTES}.
 *
 * @param frames how many frames the walk found
 * @param frameNumbers the seek points' frame numbers, from 0, the last one {@code frames}
 * @param offsets the seek points' byte offsets from the first frame
 */
record FrameWalk(long frames, long[] frameNumbers, long[] offsets) {

	/** Where frames are sampled to tell VBR from CBR, as fractions of the audio. */
	private static final double[] SAMPLES = { 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875 };

	private static final int SAMPLE_WINDOW_BYTES = 4 * MpegAudioHeader.MAX_FRAME_LENGTH;

	/** Each read of a local file's walk: page-cache copies, a few hundred a minute of audio at most. */
	private static final int LOCAL_BLOCK_BYTES = 256 * 1024;

	/** Each read of a remote source's walk (a ranged GET from an object store): fewer, larger requests. */
	private static final int REMOTE_BLOCK_BYTES = 2 * 1024 * 1024;

	/** How far past a damaged frame the walk looks for the next one before it takes the rest as a tail. */
	private static final int RESYNC_BYTES = 64 * 1024;

	/** What a block must hold past a damaged frame: the search, and two frames to verify the last candidate. */
	private static final int RESYNC_WINDOW_BYTES = RESYNC_BYTES + 2 * MpegAudioHeader.MAX_FRAME_LENGTH;

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
	 * Walk the frames from the first to the end of the audio, skipping a damaged stretch to the next verified
	 * frame of the stream, or to bytes after which none follows (a damaged or appended tail, which the
	 * duration then leaves out).
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
		int blockBytes = source.readsAreCheap() ? LOCAL_BLOCK_BYTES : REMOTE_BLOCK_BYTES;
		long[] frameNumbers = new long[64];
		long[] offsets = new long[64];
		int points = 0;
		long frames = 0;
		long position = firstFrame;
		long lastFrameEnd = firstFrame;
		byte @Nullable [] block = null;
		long blockStart = 0;
		while (position + 4 <= audioEnd) {
			if (block == null || position + 4 > blockStart + block.length) {
				blockStart = position;
				block = source.read(position, (int) Math.min(blockBytes, audioEnd - position));
				if (block.length < 4) {
					break;
				}
			}
			MpegAudioHeader header = FrameSync.header(block, (int) (position - blockStart));
			if (header == null || !first.sameStream(header) || position + header.frameLength() > audioEnd) {
				// Read on from here only when the block cannot hold the search, so a file of frames
				// each followed by a stray byte still costs one read per block.
				if (position + RESYNC_WINDOW_BYTES > blockStart + block.length && blockStart + block.length < audioEnd) {
					blockStart = position;
					block = source.read(position, (int) Math.min(blockBytes, audioEnd - position));
				}
				int next = nextFrame(block, (int) (position - blockStart), first, blockStart + block.length == audioEnd);
				if (next < 0) {
					break;
				}
				position = blockStart + next;
				continue;
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
			lastFrameEnd = position;
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
		keptOffsets[kept] = lastFrameEnd - firstFrame;
		return new FrameWalk(frames, keptFrames, keptOffsets);
	}

	/**
	 * Return where, in a block, the next verified frame of the stream starts after bytes that are not one,
	 * looking {@link #RESYNC_BYTES} ahead, or -1 when none does (the audio's tail).
	 */
	private static int nextFrame(byte[] block, int from, MpegAudioHeader first, boolean blockEndIsAudioEnd) {
		int last = Math.min(from + RESYNC_BYTES, block.length - 4);
		for (int i = from + 1; i <= last; i++) {
			if (FrameSync.frameAt(block, i, first, blockEndIsAudioEnd) != null) {
				return i;
			}
		}
		return -1;
	}

}
