package io.github.mediastreaming.mp4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which samples every track keeps for a cut, and the edit list that makes the tracks start together.
 * Pure arithmetic on the cached tables.
 *
 * @param tracks one entry per track, in {@code moov} order
 * @param firstOffset the lowest file offset of a kept sample
 * @param endOffset one past the highest byte of a kept sample
 */
record CutPlan(List<TrackCut> tracks, long firstOffset, long endOffset) {

	/**
	 * One track's part of a cut.
	 *
	 * @param from the first kept sample
	 * @param to one past the last kept sample ({@code from == to}: the track keeps nothing)
	 * @param emptyEdit an initial empty edit in movie ticks (a track that starts after the others)
	 * @param mediaTime the edit's media time: where playback starts in the new media timeline
	 * @param mediaDuration the kept samples' duration in media ticks
	 * @param editDuration the edit's duration in movie ticks
	 */
	record TrackCut(int from, int to, long emptyEdit, long mediaTime, long mediaDuration, long editDuration) {

		boolean empty() {
			return this.from >= this.to;
		}

	}

	/**
	 * Plan a cut.
	 * @param tables the tracks
	 * @param movieTimescale the movie timescale
	 * @param startSeconds the requested start
	 * @param endSeconds the requested end, {@code null} for the end of the media
	 * @param exactStart whether playback starts at {@code startSeconds} rather than at the key frame
	 * @return the plan
	 */
	static CutPlan of(List<TrackTable> tables, long movieTimescale, double startSeconds, @Nullable Double endSeconds,
			boolean exactStart) {
		TrackTable reference = reference(tables);
		double referenceDelay = delaySeconds(reference, movieTimescale);
		int keyFrame = syncSampleAtOrBefore(reference, Math.round((startSeconds - referenceDelay) * reference.timescale()));
		// Before a late track's first sample there is no frame to start from: the cut starts where asked.
		boolean startsAtKeyFrame = reference.sampleCount() > 0 && startSeconds >= referenceDelay;
		double keyFrameSeconds = startsAtKeyFrame
				? Math.max(0, referenceDelay + (double) reference.presentationTime(keyFrame) / reference.timescale())
				: startSeconds;
		double cutSeconds = exactStart ? Math.max(keyFrameSeconds, startSeconds) : keyFrameSeconds;
		List<TrackCut> cuts = new ArrayList<>(tables.size());
		long first = Long.MAX_VALUE;
		long end = 0;
		for (TrackTable table : tables) {
			// Times below are in the track's own timeline: movie time minus the source's initial empty edit.
			double delay = delaySeconds(table, movieTimescale);
			int from = (table == reference && startsAtKeyFrame) ? keyFrame
					: sampleAt(table, keyFrameSeconds - delay);
			int to = (endSeconds != null) ? Math.max(from + 1, sampleStartingAtOrAfter(table, endSeconds - delay))
					: table.sampleCount();
			if (endSeconds != null && endSeconds <= delay) {
				// The cut ends before this track starts: it keeps nothing.
				to = from;
			}
			to = Math.min(to, table.sampleCount());
			if (from >= to) {
				cuts.add(new TrackCut(from, from, 0, 0, 0, 0));
				continue;
			}
			for (int i = from; i < to; i++) {
				first = Math.min(first, table.offsets()[i]);
				end = Math.max(end, table.offsets()[i] + table.sizes()[i]);
			}
			long mediaDuration = table.decodeTimes()[to - 1] + table.durations()[to - 1] - table.decodeTimes()[from];
			// Where the cut falls in the track's timeline; before the track starts, the source's delay
			// shrinks to an empty edit of what remains of it, and the source's media time (the encoder
			// delay it hides) is kept.
			long lead = Math.round((cutSeconds - delay) * table.timescale());
			long emptyEdit = 0;
			if (lead < 0) {
				emptyEdit = Math.round((delay - cutSeconds) * movieTimescale);
				lead = 0;
			}
			long mediaTime = lead - table.decodeTimes()[from] + table.editMediaTime();
			if (mediaTime < 0) {
				// The first kept sample starts after the cut.
				emptyEdit += Math.round((double) -mediaTime / table.timescale() * movieTimescale);
				mediaTime = 0;
			}
			// With B-frames the last frame shown ends after the last frame decoded.
			long presentationEnd = mediaDuration;
			int[] composition = table.compositionOffsets();
			if (composition != null) {
				long base = table.decodeTimes()[from];
				for (int i = from; i < to; i++) {
					presentationEnd = Math.max(presentationEnd,
							table.decodeTimes()[i] - base + composition[i] + table.durations()[i]);
				}
			}
			long shown = Math.max(0, presentationEnd - mediaTime);
			if (endSeconds != null) {
				double emptySeconds = (double) emptyEdit / movieTimescale;
				shown = Math.min(shown,
						Math.max(0, Math.round((endSeconds - cutSeconds - emptySeconds) * table.timescale())));
			}
			long editDuration = Math.round((double) shown / table.timescale() * movieTimescale);
			cuts.add(new TrackCut(from, to, emptyEdit, mediaTime, mediaDuration, editDuration));
		}
		if (first == Long.MAX_VALUE) {
			first = 0;
		}
		return new CutPlan(List.copyOf(cuts), first, end);
	}

	/** How long after the movie's start a track starts in the source (its initial empty edit), in seconds. */
	private static double delaySeconds(TrackTable table, long movieTimescale) {
		return (double) table.editEmptyDuration() / movieTimescale;
	}

	/** The first video track with samples leads; without one, the first track with samples. */
	private static TrackTable reference(List<TrackTable> tables) {
		for (TrackTable table : tables) {
			if (table.isVideo() && table.sampleCount() > 0) {
				return table;
			}
		}
		for (TrackTable table : tables) {
			if (table.sampleCount() > 0) {
				return table;
			}
		}
		return tables.get(0);
	}

	/** The last sync sample whose presentation time is at or before the time (the first one if none). */
	static int syncSampleAtOrBefore(TrackTable table, long ticks) {
		if (table.sampleCount() == 0) {
			return 0;
		}
		int[] sync = table.syncSamples();
		if (sync == null) {
			return sampleAtTicks(table, ticks);
		}
		int best = (sync.length > 0) ? sync[0] : 0;
		for (int sample : sync) {
			if (table.presentationTime(sample) <= ticks) {
				best = sample;
			}
			else if (table.presentationTime(sample) > ticks + table.timescale() * 60L) {
				break;
			}
		}
		return best;
	}

	/** The sample presented at a time (decode order, edit list applied); for tracks with sync samples, the sync sample before it. */
	private static int sampleAt(TrackTable table, double seconds) {
		long ticks = Math.round(seconds * table.timescale());
		return (table.syncSamples() != null) ? syncSampleAtOrBefore(table, ticks) : sampleAtTicks(table, ticks);
	}

	private static int sampleAtTicks(TrackTable table, long ticks) {
		int index = Arrays.binarySearch(table.decodeTimes(), ticks + table.editMediaTime());
		int sample = (index >= 0) ? index : -index - 2;
		return Math.max(0, Math.min(sample, table.sampleCount() - 1));
	}

	private static int sampleStartingAtOrAfter(TrackTable table, double seconds) {
		long ticks = (long) Math.ceil(seconds * table.timescale()) + table.editMediaTime();
		int index = Arrays.binarySearch(table.decodeTimes(), ticks);
		return (index >= 0) ? index : -index - 1;
	}

}
