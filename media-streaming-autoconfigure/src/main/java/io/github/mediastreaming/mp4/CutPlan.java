package io.github.mediastreaming.mp4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.mediastreaming.index.InvalidSeekException;
import org.jspecify.annotations.Nullable;

/**
 * Which samples every track keeps for a cut, and the edit list that makes the tracks start together.
 * Pure arithmetic on the cached tables: binary searches, no walk over the kept samples.
 *
 * @param tracks one entry per track, in {@code moov} order
 * @param movieTimescale the movie timescale the edit durations are in
 * @param data the regions of the file the {@code mdat} holds, in file order: the tracks' kept bytes, a
 * region for tracks whose kept bytes overlap. A track whose one kept sample lies far from the others (a
 * timecode track's single sample at the start of the media, chapter titles at its end) adds its own small
 * region instead of every byte between it and the rest.
 */
record CutPlan(List<TrackCut> tracks, long movieTimescale, List<DataRegion> data) {

	/** How much audio a cut keeps before its start for the decoder to settle (Opus needs 80 ms). */
	static final double PRE_ROLL_SECONDS = 0.08;

	/**
	 * One track's part of a cut.
	 *
	 * @param from the first kept sample
	 * @param to one past the last kept sample ({@code from == to}: the track keeps nothing)
	 * @param emptyEdit an initial empty edit in movie ticks (a track that starts after the others)
	 * @param mediaTime the edit's media time: where playback starts in the new media timeline
	 * @param mediaDuration the kept samples' duration in media ticks
	 * @param editDuration the edit's duration in movie ticks
	 * @param firstByte the file offset of the track's first kept byte (0 when it keeps nothing)
	 */
	record TrackCut(int from, int to, long emptyEdit, long mediaTime, long mediaDuration, long editDuration,
			long firstByte) {

		boolean empty() {
			return this.from >= this.to;
		}

	}

	/**
	 * What decides a cut, as integers in the reference track's timescale (movie time, so a late reference
	 * track's delay included). Every request maps to one of these before it is planned, so requests that
	 * map to the same point get the same plan.
	 *
	 * @param startTicks where the cut starts: the key frame, or with {@code exactStart} the requested time
	 * @param exactStart whether an edit list hides the frames between the key frame and the start
	 * @param endTicks where the cut ends, at the start of the reference sample that ends it; -1 for the
	 * end of the media
	 */
	record CutPoint(long startTicks, boolean exactStart, long endTicks) {

		/** The whole media, from its first key frame. */
		static final CutPoint WHOLE = new CutPoint(0, false, -1);

	}

	/**
	 * Return the point that decides the cut a request asks for.
	 * @param tables the tracks
	 * @param movieTimescale the movie timescale
	 * @param startSeconds the requested start, within the media
	 * @param endSeconds the requested end, after the start, {@code null} for the end of the media
	 * @param exactStart whether playback should start at {@code startSeconds} rather than at the key frame
	 * @param durationSeconds the media duration
	 * @return the point
	 * @throws InvalidSeekException if the end falls within the same tick as the start
	 */
	static CutPoint point(List<TrackTable> tables, long movieTimescale, double startSeconds, Double endSeconds,
			boolean exactStart, double durationSeconds) throws InvalidSeekException {
		TrackTable reference = reference(tables);
		long scale = reference.timescale();
		long start = Math.round(startSeconds * scale);
		if (start > 0 && (double) start / scale >= durationSeconds) {
			// Rounding must not carry a start just before the end past it.
			start--;
		}
		long end = -1;
		if (endSeconds != null && endSeconds < durationSeconds) {
			end = endAt(reference, delayTicks(reference, movieTimescale), Math.round(endSeconds * scale));
			end = (end >= 0 && (double) end / scale >= durationSeconds) ? -1 : end;
		}
		KeyFrame keyFrame = KeyFrame.of(reference, movieTimescale, start);
		CutPoint point;
		if (!keyFrame.startsThere()) {
			point = new CutPoint(start, false, end);
		}
		else if (exactStart && start > keyFrame.ticks()) {
			point = new CutPoint(start, true, end);
		}
		else {
			// Any start that picks this key frame, without hiding frames, gives this cut.
			point = new CutPoint(keyFrame.delay() + Math.max(0, reference.presentationTime(keyFrame.sample())), false,
					end);
		}
		if (point.endTicks() >= 0 && point.endTicks() <= point.startTicks()) {
			throw new InvalidSeekException("'end' must be later than 'start' by at least one tick of the media");
		}
		return point;
	}

	/**
	 * Plan the cut at a point.
	 * @param tables the tracks
	 * @param movieTimescale the movie timescale
	 * @param point what decides the cut, from {@link #point}
	 * @return the plan
	 */
	static CutPlan of(List<TrackTable> tables, long movieTimescale, CutPoint point) {
		TrackTable reference = reference(tables);
		double scale = reference.timescale();
		KeyFrame keyFrame = KeyFrame.of(reference, movieTimescale, point.startTicks());
		long cutTicks = point.exactStart() ? Math.max(keyFrame.ticks(), point.startTicks()) : keyFrame.ticks();
		double keyFrameSeconds = keyFrame.ticks() / scale;
		double cutSeconds = cutTicks / scale;
		Double endSeconds = (point.endTicks() >= 0) ? point.endTicks() / scale : null;
		List<TrackCut> cuts = new ArrayList<>(tables.size());
		List<long[]> spans = new ArrayList<>(tables.size());
		for (TrackTable table : tables) {
			// Times below are in the track's own timeline: movie time minus the source's initial empty edit.
			double delay = delaySeconds(table, movieTimescale);
			Double trackEnd = trackEnd(table, movieTimescale, endSeconds);
			int from = withPreRoll(table, (table == reference && keyFrame.startsThere()) ? keyFrame.sample()
					: sampleAt(table, keyFrameSeconds - delay));
			int to = (trackEnd != null) ? Math.max(from + 1, sampleStartingAtOrAfter(table, trackEnd - delay))
					: table.sampleCount();
			if (trackEnd != null && trackEnd <= delay) {
				// The cut ends before this track starts: it keeps nothing.
				to = from;
			}
			to = Math.min(to, table.sampleCount());
			if (from >= to) {
				cuts.add(new TrackCut(from, from, 0, 0, 0, 0, 0));
				continue;
			}
			long[] span = table.span(from, to);
			spans.add(span);
			long fromTime = table.decodeTime(from);
			long mediaDuration = table.decodeTime(to) - fromTime;
			// Where the cut falls in the track's timeline; before the track starts, the source's delay
			// shrinks to an empty edit of what remains of it, and the source's media time (the encoder
			// delay it hides) is kept.
			long lead = Math.round((cutSeconds - delay) * table.timescale());
			long emptyEdit = 0;
			if (lead < 0) {
				emptyEdit = Math.round((delay - cutSeconds) * movieTimescale);
				lead = 0;
			}
			long mediaTime = lead - fromTime + table.editMediaTime();
			if (mediaTime < 0) {
				// The first kept sample starts after the cut.
				emptyEdit += Math.round((double) -mediaTime / table.timescale() * movieTimescale);
				mediaTime = 0;
			}
			// With B-frames the last frame shown ends after the last frame decoded.
			long presentationEnd = table.presentationEnd(from, to) - fromTime;
			long shown = Math.max(0, presentationEnd - mediaTime);
			if (trackEnd != null) {
				double emptySeconds = (double) emptyEdit / movieTimescale;
				shown = Math.min(shown,
						Math.max(0, Math.round((trackEnd - cutSeconds - emptySeconds) * table.timescale())));
			}
			long editDuration = Math.round((double) shown / table.timescale() * movieTimescale);
			cuts.add(new TrackCut(from, to, emptyEdit, mediaTime, mediaDuration, editDuration, span[0]));
		}
		return new CutPlan(List.copyOf(cuts), movieTimescale, regions(spans));
	}

	/**
	 * One region of the file the {@code mdat} holds.
	 *
	 * @param offset its first byte in the file
	 * @param length its length
	 * @param position where it starts in the {@code mdat}'s payload
	 */
	record DataRegion(long offset, long length, long position) {

		boolean contains(long fileOffset) {
			return fileOffset >= this.offset && fileOffset <= this.offset + this.length;
		}

	}

	/** The tracks' spans merged where they overlap or touch, in file order. */
	private static List<DataRegion> regions(List<long[]> spans) {
		spans.sort(Comparator.comparingLong((long[] span) -> span[0]));
		List<DataRegion> regions = new ArrayList<>();
		long position = 0;
		int i = 0;
		while (i < spans.size()) {
			long start = spans.get(i)[0];
			long end = spans.get(i)[1];
			i++;
			while (i < spans.size() && spans.get(i)[0] <= end) {
				end = Math.max(end, spans.get(i)[1]);
				i++;
			}
			regions.add(new DataRegion(start, end - start, position));
			position += end - start;
		}
		return List.copyOf(regions);
	}

	/**
	 * Return what a kept byte's offset in the file moves by to its place in the {@code mdat}'s payload.
	 * @param fileOffset the offset of a kept byte
	 * @return its position in the payload minus its file offset
	 */
	long shift(long fileOffset) {
		for (DataRegion region : this.data) {
			if (region.contains(fileOffset)) {
				return region.position() - region.offset();
			}
		}
		throw new IllegalArgumentException("Offset " + fileOffset + " is not kept by " + this);
	}

	/**
	 * Where an audio track's kept samples start: {@value #PRE_ROLL_SECONDS} s before the sample playing at
	 * the cut, at least one sample, which the edit list then hides. An audio decoder's first frame is noise
	 * without the frames before it (AAC's overlapping transform, an MP3 frame's bit reservoir, Opus's
	 * 80 ms pre-skip), an audible click at every seek; the source's own edit list hides its encoder delay
	 * the same way.
	 */
	private static int withPreRoll(TrackTable table, int from) {
		if (from == 0 || !table.handler().equals("soun")) {
			return from;
		}
		long back = Math.round(PRE_ROLL_SECONDS * table.timescale());
		int earliest = table.durations().firstSampleAtOrAfter(Math.max(0, table.decodeTime(from) - back));
		return Math.min(from - 1, earliest);
	}

	/**
	 * Where a track's part of a cut ends, in movie seconds: the requested end, or earlier where the track's
	 * own edit ends (a trimmed export shows 4 s of its 8 s of media); {@code null} for the media's end.
	 */
	private static @Nullable Double trackEnd(TrackTable table, long movieTimescale, @Nullable Double endSeconds) {
		if (table.editDuration() <= 0) {
			return endSeconds;
		}
		double editEnd = delaySeconds(table, movieTimescale) + (double) table.editDuration() / movieTimescale;
		return (endSeconds == null || editEnd < endSeconds) ? editEnd : endSeconds;
	}

	/** @return the lowest file offset of a kept byte, 0 when the cut keeps nothing */
	long firstOffset() {
		return this.data.isEmpty() ? 0 : this.data.get(0).offset();
	}

	/** @return one past the highest file offset of a kept byte, 0 when the cut keeps nothing */
	long endOffset() {
		DataRegion last = this.data.isEmpty() ? null : this.data.get(this.data.size() - 1);
		return (last != null) ? last.offset() + last.length() : 0;
	}

	/** @return the kept media's bytes: the length of the {@code mdat}'s payload */
	long dataLength() {
		long length = 0;
		for (DataRegion region : this.data) {
			length += region.length();
		}
		return length;
	}

	/** @return the cut's duration in movie ticks: its longest track, empty edit included */
	long movieDuration() {
		long duration = 0;
		for (TrackCut cut : this.tracks) {
			duration = Math.max(duration, cut.emptyEdit() + cut.editDuration());
		}
		return duration;
	}

	/**
	 * Return the reference track's timescale, the unit of {@link CutPoint}.
	 * @param tables the tracks
	 * @return ticks per second
	 */
	static long pointTimescale(List<TrackTable> tables) {
		return reference(tables).timescale();
	}

	/**
	 * The key frame a start picks on the reference track.
	 *
	 * @param sample the key frame (0 when the reference track has no samples)
	 * @param ticks where the cut starts when it starts at the key frame: its presentation time in movie
	 * time, not before 0; the start itself when the reference track has not begun there
	 * @param startsThere whether the cut starts at the key frame: false before a late reference track's
	 * first sample, where there is no frame to start from and the cut starts where asked
	 * @param delay the reference track's initial empty edit in its ticks
	 */
	private record KeyFrame(int sample, long ticks, boolean startsThere, long delay) {

		static KeyFrame of(TrackTable reference, long movieTimescale, long startTicks) {
			long delay = delayTicks(reference, movieTimescale);
			if (reference.sampleCount() == 0 || startTicks < delay) {
				return new KeyFrame(0, startTicks, false, delay);
			}
			int sample = syncSampleAtOrBefore(reference, startTicks - delay);
			return new KeyFrame(sample, Math.max(0, delay + reference.presentationTime(sample)), true, delay);
		}

	}

	/** A track's initial empty edit in its own ticks. */
	private static long delayTicks(TrackTable table, long movieTimescale) {
		return Math.round((double) table.editEmptyDuration() / movieTimescale * table.timescale());
	}

	/**
	 * Where an end lands on the reference track: the movie time of the first sample that starts at or
	 * after it (decode order, as the cut ends every track); -1 within its last sample (the end of the
	 * media). An end before the reference track starts, or after it ends, stays where it is: the other
	 * tracks end there (a video that starts late, audio that outlasts the video).
	 */
	private static long endAt(TrackTable reference, long delay, long endTicks) {
		if (endTicks <= delay) {
			return endTicks;
		}
		int to = reference.durations().firstSampleAtOrAfter(endTicks - delay + reference.editMediaTime());
		if (to >= reference.sampleCount()) {
			long referenceEnd = reference.decodeTime(reference.sampleCount()) - reference.editMediaTime() + delay;
			return (endTicks < referenceEnd) ? -1 : endTicks;
		}
		return reference.decodeTime(to) - reference.editMediaTime() + delay;
	}

	/** How long after the movie's start a track starts in the source (its initial empty edit), in seconds. */
	private static double delaySeconds(TrackTable table, long movieTimescale) {
		return (double) table.editEmptyDuration() / movieTimescale;
	}

	/**
	 * The first video track with samples leads; without one, the first audio track with samples (a text or
	 * data track's samples are cues seconds long, which would snap an audio cut to them); else the first
	 * track with samples.
	 */
	private static TrackTable reference(List<TrackTable> tables) {
		for (TrackTable table : tables) {
			if (table.isVideo() && table.sampleCount() > 0) {
				return table;
			}
		}
		for (TrackTable table : tables) {
			if (table.handler().equals("soun") && table.sampleCount() > 0) {
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

	/**
	 * The last sync sample whose presentation time is at or before the time (the first one if none), by a
	 * binary search: sync samples are presented in decode order.
	 */
	static int syncSampleAtOrBefore(TrackTable table, long ticks) {
		if (table.sampleCount() == 0) {
			return 0;
		}
		SyncSamples sync = table.sync();
		if (sync == null) {
			return sampleAtTicks(table, ticks);
		}
		if (sync.count() == 0) {
			return 0;
		}
		int low = 0;
		int high = sync.count() - 1;
		int found = 0;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			if (table.presentationTime(sync.sample(middle)) <= ticks) {
				found = middle;
				low = middle + 1;
			}
			else {
				high = middle - 1;
			}
		}
		return sync.sample(found);
	}

	/** The sample presented at a time (decode order, edit list applied); for tracks with sync samples, the sync sample before it. */
	private static int sampleAt(TrackTable table, double seconds) {
		long ticks = Math.round(seconds * table.timescale());
		return (table.sync() != null) ? syncSampleAtOrBefore(table, ticks) : sampleAtTicks(table, ticks);
	}

	private static int sampleAtTicks(TrackTable table, long ticks) {
		int sample = table.durations().lastSampleAtOrBefore(ticks + table.editMediaTime());
		return Math.max(0, Math.min(sample, table.sampleCount() - 1));
	}

	private static int sampleStartingAtOrAfter(TrackTable table, double seconds) {
		long ticks = (long) Math.ceil(seconds * table.timescale()) + table.editMediaTime();
		return table.durations().firstSampleAtOrAfter(ticks);
	}

}
