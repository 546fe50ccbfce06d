package io.github.mediastreaming.probe;

import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Matroska file's timeline. From the Clusters and their blocks ({@link MatroskaClusterWalk}),
 * which follow the packets within a fraction of a second. Else, when the walk cannot reach the end (an
 * unknown-size or damaged Cluster), from the Cues: each CuePoint gives a key frame's time and the Cluster
 * it starts, and the bytes before that Cluster complete the media up to that time; key frames up to 10 s
 * apart (ffmpeg's default) leave straight lines that run seconds ahead of the packets, so the Cues are
 * the second choice. A file whose Clusters and Cues cannot be read has no timeline (it is paced at its
 * average rate); the index does not fail for it.
 */
final class MatroskaTimeline {

	/** CuePoint, inside Cues. */
	static final long ID_CUE_POINT = 0xBB;

	/** CueTime, inside CuePoint. */
	static final long ID_CUE_TIME = 0xB3;

	/** CueTrackPositions, inside CuePoint. */
	static final long ID_CUE_TRACK_POSITIONS = 0xB7;

	/** CueTrack, inside CueTrackPositions. */
	static final long ID_CUE_TRACK = 0xF7;

	/** CueClusterPosition, inside CueTrackPositions: from the Segment's data. */
	static final long ID_CUE_CLUSTER_POSITION = 0xF1;

	/** Largest Cues read: a 2-hour film cued every second takes about 100 KB. */
	static final int MAX_CUES_SIZE = 4 * 1024 * 1024;

	/** Points kept: past this the timeline is thinned evenly. */
	static final int MAX_POINTS = 4096;

	private final MediaSource source;

	private final IndexBudget budget;

	private final long segmentData;

	private final long end;

	private final long scaleNs;

	/**
	 * Create a reader for one file.
	 * @param source the file
	 * @param budget the index's budget, which the Cues and the points are reserved in
	 * @param segmentData where the Segment's data starts (Cue positions count from there)
	 * @param end where the Segment ends (or the file, if sooner)
	 * @param scaleNs nanoseconds per timestamp unit
	 */
	MatroskaTimeline(MediaSource source, IndexBudget budget, long segmentData, long end, long scaleNs) {
		this.source = source;
		this.budget = budget;
		this.segmentData = segmentData;
		this.end = end;
		this.scaleNs = scaleNs;
	}

	/**
	 * Read the timeline.
	 * @param cuesPosition where the Cues element starts, -1 when unknown
	 * @param firstCluster where the first Cluster starts, -1 when unknown
	 * @param durationUs the duration from Info, 0 when it gives none (a file written live): then only a
	 * walk of the Clusters to the end gives a timeline, which ends where their media does
	 * @param segmentCut whether the file ends before its Segment does (a copy cut short), so that the
	 * media it holds, not the Duration, ends the timeline
	 * @return the timeline, or {@code null} when neither gives two points
	 * @throws MediaFormatException if the points do not fit the index budget
	 * @throws IOException if reading fails
	 */
	@Nullable MediaTimeline read(long cuesPosition, long firstCluster, long durationUs, boolean segmentCut)
			throws MediaFormatException, IOException {
		boolean unknownDuration = durationUs == 0;
		if (!this.source.readsAreCheap() && cuesPosition >= 0 && !unknownDuration) {
			// An object store pays a request a Cluster: its Cues, one read, give the key frames' points.
			MediaTimeline.Builder cued = MediaTimeline.builder(MAX_POINTS);
			if (fromCues(cuesPosition, cued)) {
				return build(cued, durationUs);
			}
		}
		if (firstCluster >= 0) {
			MediaTimeline.Builder walked = MediaTimeline.builder(MAX_POINTS);
			MatroskaClusterWalk walk = new MatroskaClusterWalk(this.source, this.end, this.scaleNs);
			if (walk.walk(firstCluster, walked)) {
				// A file cut short still declares the whole Duration, one written live declares none: it lasts
				// the media it holds (to its last block's start).
				if (unknownDuration) {
					return build(walked, walk.completedUs());
				}
				boolean held = segmentCut && walk.completedUs() > 0;
				return build(walked, held ? Math.min(durationUs, walk.completedUs()) : durationUs);
			}
		}
		if (unknownDuration) {
			// The last Cue is a key frame, up to seconds before the end: no duration to build on.
			return null;
		}
		MediaTimeline.Builder points = MediaTimeline.builder(MAX_POINTS);
		if (cuesPosition >= 0 && fromCues(cuesPosition, points)) {
			return build(points, durationUs);
		}
		return null;
	}

	private @Nullable MediaTimeline build(MediaTimeline.Builder points, long durationUs) throws MediaFormatException {
		this.budget.reserve(points.retainedBytes(), "bytes of Matroska timeline points");
		return points.build(this.end, durationUs);
	}

	/** Add the first cued track's points; false when the Cues cannot be read. */
	private boolean fromCues(long position, MediaTimeline.Builder points) throws MediaFormatException, IOException {
		EbmlElement cues;
		ByteCursor data;
		try {
			cues = EbmlElement.read(this.source, position);
			if (cues.id() != MatroskaIndexReader.ID_CUES || cues.hasUnknownSize() || cues.dataSizeBytes() > MAX_CUES_SIZE
					|| cues.endOffsetBytes() > this.source.size()) {
				return false;
			}
			this.budget.reserve(cues.dataSizeBytes(), "bytes of Matroska Cues (read once, not kept)");
			data = cues.readData(this.source, MAX_CUES_SIZE, "Cues");
		}
		catch (MediaFormatException ex) {
			if (ex.reason() == ProbeFailure.TOO_LARGE) {
				throw ex;
			}
			return false; // not Cues after all: the Clusters are walked instead
		}
		long track = -1;
		int added = 0;
		try {
			while (data.remaining() > 0) {
				long id = Ebml.readId(data);
				int size = MatroskaIndexReader.childSize(data, Ebml.readSize(data));
				ByteCursor child = new ByteCursor(data.data(), data.position(), data.position() + size);
				data.skip(size);
				if (id != ID_CUE_POINT) {
					continue;
				}
				long[] cue = cuePoint(child, track);
				if (cue != null) {
					track = cue[0];
					added++;
					points.add(this.segmentData + cue[2], microseconds(cue[1]));
				}
			}
		}
		catch (MediaFormatException ex) {
			return false; // damaged Cues: the Clusters are walked instead
		}
		return added > 0;
	}

	/** Return {track, time, clusterPosition} of a CuePoint for a track (any, when -1), or null. */
	private static long @Nullable [] cuePoint(ByteCursor point, long track) throws MediaFormatException {
		long time = -1;
		long cueTrack = -1;
		long cluster = -1;
		while (point.remaining() > 0) {
			long id = Ebml.readId(point);
			int size = MatroskaIndexReader.childSize(point, Ebml.readSize(point));
			if (id == ID_CUE_TIME) {
				time = Ebml.readUnsigned(point, size);
			}
			else if (id == ID_CUE_TRACK_POSITIONS && cluster < 0) {
				ByteCursor positions = new ByteCursor(point.data(), point.position(), point.position() + size);
				point.skip(size);
				long thisTrack = -1;
				long thisCluster = -1;
				while (positions.remaining() > 0) {
					long childId = Ebml.readId(positions);
					int childSize = MatroskaIndexReader.childSize(positions, Ebml.readSize(positions));
					if (childId == ID_CUE_TRACK) {
						thisTrack = Ebml.readUnsigned(positions, childSize);
					}
					else if (childId == ID_CUE_CLUSTER_POSITION) {
						thisCluster = Ebml.readUnsigned(positions, childSize);
					}
					else {
						positions.skip(childSize);
					}
				}
				if (track < 0 || thisTrack == track) {
					cueTrack = thisTrack;
					cluster = thisCluster;
				}
			}
			else {
				point.skip(size);
			}
		}
		return (time >= 0 && cluster >= 0) ? new long[] { cueTrack, time, cluster } : null;
	}

	private long microseconds(long timestamp) {
		return microseconds(timestamp, this.scaleNs);
	}

	/**
	 * Timestamp units to microseconds, saturating (a damaged value must not wrap to a small time), and at
	 * least 0 (a block's relative time may put it before its Cluster's at the start of the file).
	 * @param timestamp a timestamp in the Segment's units
	 * @param scaleNs nanoseconds per unit
	 * @return microseconds, from 0 to {@link Long#MAX_VALUE}
	 */
	static long microseconds(long timestamp, long scaleNs) {
		double us = (double) timestamp * scaleNs / 1000;
		return (us >= Long.MAX_VALUE) ? Long.MAX_VALUE : (long) Math.max(0, us);
	}

}
