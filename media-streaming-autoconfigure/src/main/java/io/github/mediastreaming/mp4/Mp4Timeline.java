package io.github.mediastreaming.mp4;

import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaTimeline;
import org.jspecify.annotations.Nullable;

/**
 * Where media time lies in an MP4 file's bytes, derived from its sample tables at index time: for every
 * second of the movie, the bytes that must have arrived for every sample of every track that starts
 * before it (decode times through each track's edit list) to be complete. That is a {@link MediaTimeline}
 * of at most about {@value #MAX_POINTS} points (a 2-hour movie keeps one every 4 seconds, about 29 KB);
 * no second copy of the tables is kept. Only the media is timed: a {@code moov} at the end of a file delays
 * nothing here, since the bodies that are paced by this timeline (a reordered file, a cut) send it first.
 */
final class Mp4Timeline {

	/** Most points a file's timeline keeps. */
	static final int MAX_POINTS = 2048;

	private Mp4Timeline() {
	}

	/**
	 * Build a file's timeline, reserving its memory in the budget first.
	 * @param tracks the file's tracks
	 * @param movieTimescale the movie timescale (empty edits are in its ticks)
	 * @param durationUs the movie's duration
	 * @param budget where the points are reserved
	 * @return the timeline, {@code null} when the media is too short to time
	 * @throws MediaFormatException if the points exceed the budget
	 */
	static @Nullable MediaTimeline of(List<TrackTable> tracks, long movieTimescale, long durationUs, IndexBudget budget)
			throws MediaFormatException {
		return of(tracks, movieTimescale, durationUs, budget, false);
	}

	/**
	 * Build a file's timeline, optionally walking every sample of every track, which the timeline of a
	 * track whose samples lie in order does not need, so tests can compare the two.
	 * @param tracks the file's tracks
	 * @param movieTimescale the movie timescale (empty edits are in its ticks)
	 * @param durationUs the movie's duration
	 * @param budget where the points are reserved
	 * @param walkEveryTrack whether to walk the samples of tracks that lie in order too
	 * @return the timeline, {@code null} when the media is too short to time
	 * @throws MediaFormatException if the points exceed the budget
	 */
	static @Nullable MediaTimeline of(List<TrackTable> tracks, long movieTimescale, long durationUs, IndexBudget budget,
			boolean walkEveryTrack) throws MediaFormatException {
		int seconds = (int) Math.min(Integer.MAX_VALUE - 1, (durationUs + 999_999) / 1_000_000);
		if (seconds < 1) {
			return null;
		}
		// A long file keeps a point every few seconds.
		int step = (seconds + MAX_POINTS - 1) / MAX_POINTS;
		int points = seconds / step + 2;
		// The bytes each second needs while reading, then two arrays of longs a point.
		budget.reserve(seconds + 1L, 8, "seconds of the timeline");
		budget.reserve(points, 32, "timeline points");
		long[] needed = new long[seconds + 1];
		long first = Long.MAX_VALUE;
		long end = 0;
		for (TrackTable track : tracks) {
			if (track.sampleCount() > 0) {
				first = Math.min(first, track.offset(0));
				boolean atPoints = track.chunks().ordered() && !walkEveryTrack;
				end = Math.max(end, atPoints ? needAtPoints(track, movieTimescale, needed, step)
						: need(track, movieTimescale, needed));
			}
		}
		if (first >= end) {
			return null;
		}
		long[] offsets = new long[points];
		long[] times = new long[points];
		offsets[0] = first;
		int count = 1;
		long reached = first;
		for (int second = 1; second <= seconds; second++) {
			reached = Math.max(reached, needed[second]);
			if (second % step == 0 || second == seconds) {
				long time = Math.min(durationUs, second * 1_000_000L);
				if (reached > offsets[count - 1]) {
					offsets[count] = reached;
					times[count++] = time;
				}
				else {
					// No more bytes needed for this second: the last point completes it too.
					times[count - 1] = time;
				}
			}
		}
		if (end > offsets[count - 1]) {
			offsets[count] = end;
			times[count++] = durationUs;
		}
		else {
			times[count - 1] = durationUs;
		}
		return (count < 2) ? null : MediaTimeline.of(Arrays.copyOf(offsets, count), Arrays.copyOf(times, count));
	}

	/**
	 * Raise {@code needed[k]}, at the seconds where the timeline keeps a point (every {@code step}-th and
	 * the last), to the end of every sample of a track that starts before second {@code k}; return where
	 * the track's samples end. For a track whose samples lie in sample order ({@link ChunkTable#ordered()},
	 * what every muxer writes), those bytes end where the last sample that starts before the second ends,
	 * so this reads one sample a point instead of walking them all: 3,600 lookups rather than 517,500 for
	 * a 2-hour movie, each a step of one forward walk over the {@code stts} runs and the {@code stsc}
	 * entries.
	 */
	private static long needAtPoints(TrackTable track, long movieTimescale, long[] needed, int step) {
		RunTable.Counter starts = track.durations().counter();
		ChunkTable.SampleEnds ends = track.chunks().sampleEnds(track.sizes());
		long scale = track.timescale();
		long shift = shift(track, movieTimescale);
		int last = needed.length - 1;
		for (int second = step; second < last; second += step) {
			int before = starts.countBelow(secondStart(second, scale, shift));
			if (before > 0) {
				needed[second] = Math.max(needed[second], ends.endOf(before - 1));
			}
		}
		long end = ends.endOf(track.sampleCount() - 1);
		needed[last] = Math.max(needed[last], end);
		return end;
	}

	/**
	 * Raise {@code needed[k]} to the end of every sample of a track that starts before second {@code k};
	 * return where the track's samples end. One walk over the samples, entry by entry of the
	 * sample-to-chunk table and chunk by chunk, the durations read run by run ({@link RunTable.Values}): it
	 * runs over every sample of a file while it is indexed (517,500 for a 2-hour movie), so nothing per
	 * sample that can be done per chunk or per run.
	 */
	private static long need(TrackTable track, long movieTimescale, long[] needed) {
		ChunkTable chunks = track.chunks();
		RunTable.Values durations = track.durations().values(0);
		long scale = track.timescale();
		// The bucket and its boundary only move forward, so no division per sample.
		long shift = shift(track, movieTimescale);
		int last = needed.length - 1;
		int bucket = 1;
		long boundary = secondStart(1, scale, shift);
		long decode = 0;
		long end = 0;
		int count = track.sampleCount();
		int sample = 0;
		int entries = chunks.entryCount();
		int chunkCount = chunks.chunkCount();
		for (int entry = 0; entry < entries && sample < count; entry++) {
			int nextChunk = (entry + 1 < entries) ? Math.min(chunks.entryFirstChunk(entry + 1), chunkCount) : chunkCount;
			int perChunk = chunks.entrySamplesPerChunk(entry);
			for (int chunk = chunks.entryFirstChunk(entry); chunk < nextChunk && sample < count; chunk++) {
				int stop = (int) Math.min((long) sample + perChunk, count);
				if (stop == sample) {
					// A chunk that holds no sample holds no media the timeline needs.
					continue;
				}
				long offset = chunks.chunkOffset(chunk);
				for (; sample < stop; sample++) {
					offset += track.size(sample);
					while (decode >= boundary && bucket < last) {
						bucket++;
						boundary = secondStart(bucket, scale, shift);
					}
					// Needed by every second after the sample starts.
					if (offset > needed[bucket]) {
						needed[bucket] = offset;
					}
					decode += durations.next();
				}
				// Offsets only grow within a chunk: its last sample ends furthest.
				end = Math.max(end, offset);
			}
		}
		return end;
	}

	/**
	 * Return how far a track's decode times are from the movie's presentation times, in its ticks: its
	 * empty edit, less its edit's media time (held within a long: an edit list can say anything).
	 */
	private static long shift(TrackTable track, long movieTimescale) {
		long empty = Math.round((double) track.editEmptyDuration() / movieTimescale * track.timescale());
		long shift = empty - track.editMediaTime();
		// Overflow when the operands differ in sign and the result's sign differs from the first's.
		return (((empty ^ track.editMediaTime()) & (empty ^ shift)) < 0) ? ((empty < 0) ? Long.MIN_VALUE : Long.MAX_VALUE)
				: shift;
	}

	/**
	 * Return the decode time, in a track's ticks, at which second {@code k} of the movie starts:
	 * {@code k * timescale - shift}, held within a long, so both ways of building a timeline agree on
	 * any edit list.
	 */
	private static long secondStart(int second, long timescale, long shift) {
		// Below 2^63: fewer than 2^31 seconds of a timescale below 2^32; only a negative shift can overflow.
		long ticks = second * timescale;
		return (shift < 0 && ticks > Long.MAX_VALUE + shift) ? Long.MAX_VALUE : ticks - shift;
	}

}
