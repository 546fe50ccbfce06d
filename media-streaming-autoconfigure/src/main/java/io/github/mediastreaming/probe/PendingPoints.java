package io.github.mediastreaming.probe;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.github.mediastreaming.index.MediaTimeline;

/**
 * Timeline points of interleaved tracks, as a player sees them: once the bytes before a point have
 * arrived, the media playable is the earliest time among the tracks' next blocks, which lie after the
 * point. So a point waits for the blocks that follow it, and goes to the timeline once
 * {@link #WINDOW} newer points exist (a track with no block since then has ended, as video that audio
 * outlasts, or is sparse, as subtitles, and holds nothing back). Memory is bounded: the window, and at
 * most {@link #MAX_TRACKS} tracks followed. Not thread-safe; one per walk.
 */
final class PendingPoints {

	/**
	 * Points waiting for the blocks after them: with two tracks opening one every 250 ms, 32 s of media
	 * (ffmpeg puts the last H.264 frames of a video that audio outlasts 10 s of audio late).
	 */
	static final int WINDOW = 256;

	/**
	 * Tracks followed at most; blocks of others do not hold points back. Also bounds the work: each block
	 * revisits the points opened since its track's last block, so a walk costs at most this many steps a
	 * point.
	 */
	static final int MAX_TRACKS = 16;

	private static final long UNRESOLVED = Long.MAX_VALUE;

	private final MediaTimeline.Builder points;

	private final long[] offsets = new long[WINDOW];

	private final long[] timesUs = new long[WINDOW];

	/** Each followed track's state, by track number. */
	private final Map<Long, Track> tracks = new HashMap<>();

	private final long spacingUs;

	private long created;

	private long flushed;

	/**
	 * Create pending points for a timeline.
	 * @param points where resolved points go
	 * @param spacingUs media time between the points of a track, at least
	 */
	PendingPoints(MediaTimeline.Builder points, long spacingUs) {
		this.points = points;
		this.spacingUs = spacingUs;
	}

	/**
	 * Note a block: a point opens before it when its track has moved on by the spacing since its last
	 * one (each track by its own clock: a track muxed a second behind the others gets its points too),
	 * and the open points before it that no earlier block of its track followed can play up to its time,
	 * at most.
	 * @param offset where the block starts
	 * @param trackNumber the block's track number
	 * @param timeUs its time
	 */
	void block(long offset, long trackNumber, long timeUs) {
		Track track = this.tracks.get(trackNumber);
		if (track == null) {
			if (this.tracks.size() == MAX_TRACKS) {
				return;
			}
			track = new Track();
			this.tracks.put(trackNumber, track);
		}
		if (timeUs >= track.openedUs + this.spacingUs || timeUs < track.openedUs - this.spacingUs) {
			open(offset);
			track.openedUs = timeUs;
		}
		for (long i = Math.max(track.seenUpTo, this.flushed); i < this.created; i++) {
			int slot = (int) (i % WINDOW);
			this.timesUs[slot] = Math.min(this.timesUs[slot], timeUs);
		}
		track.seenUpTo = this.created;
	}

	private void open(long offset) {
		if (this.created - this.flushed == WINDOW) {
			flushOne();
		}
		int slot = (int) (this.created % WINDOW);
		this.offsets[slot] = offset;
		this.timesUs[slot] = UNRESOLVED;
		this.created++;
	}

	/** Send every open point to the timeline, at the end of the walk or of the blocks it can read. */
	void flush() {
		while (this.flushed < this.created) {
			flushOne();
		}
		Arrays.fill(this.timesUs, UNRESOLVED);
	}

	private void flushOne() {
		int slot = (int) (this.flushed % WINDOW);
		if (this.timesUs[slot] != UNRESOLVED) {
			this.points.add(this.offsets[slot], this.timesUs[slot]);
		}
		this.flushed++;
	}

	/** A followed track. */
	private static final class Track {

		/** How many points had been opened when its last block was seen. */
		long seenUpTo;

		/** Its time at the last point it opened. */
		long openedUs = Long.MIN_VALUE / 2;

	}

}
