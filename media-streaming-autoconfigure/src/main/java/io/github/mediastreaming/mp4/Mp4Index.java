package io.github.mediastreaming.mp4;

import java.util.ArrayList;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;
import org.jspecify.annotations.Nullable;

/**
 * The cached index of a (non-fragmented) MP4 file and its seeker. A seek maps the request to the point
 * that decides the cut ({@link #canonical}), plans the cut on the sample tables (binary searches), and
 * answers a {@link CutDocument} head produced on demand followed by the kept region of the file: no byte
 * of media is read or copied in memory, and no {@code moov} is held per request. Immutable; equal by
 * content.
 *
 * @param sizeBytes the file size
 * @param template the source {@code ftyp} and {@code moov} without sample tables
 * @param movieTimescale the {@code mvhd} timescale
 * @param durationUs the media duration ({@code mvhd}, else the longest track)
 * @param tracks the tracks, in {@code moov} order
 * @param moovAfterMdat whether the source puts its media before its {@code moov}
 */
record Mp4Index(long sizeBytes, MoovTemplate template, long movieTimescale, long durationUs,
		List<TrackTable> tracks, boolean moovAfterMdat) implements MediaSeeker {

	@Override
	public SeekUnit unit() {
		return SeekUnit.SECONDS;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * For MP4: a time range whose start is the key frame the cut starts at (or, with an exact start, the
	 * requested time rounded to a tick of the reference track's timescale), and whose end is the start of
	 * the reference sample that ends the cut ({@code null} when the cut runs to the end).
	 */
	@Override
	public SeekRequest canonical(SeekRequest request) throws InvalidSeekException {
		CutPlan.CutPoint point = point(request);
		double scale = CutPlan.pointTimescale(this.tracks);
		return new SeekRequest.TimeRange(point.startTicks() / scale,
				(point.endTicks() >= 0) ? point.endTicks() / scale : null, point.exactStart());
	}

	@Override
	public MediaBody seek(SeekRequest request) throws InvalidSeekException {
		CutPlan.CutPoint point = point(request);
		if (point.equals(CutPlan.CutPoint.WHOLE) && !this.moovAfterMdat) {
			return MediaBody.wholeFile(this.sizeBytes);
		}
		return cut(point, false);
	}

	@Override
	public @Nullable MediaBody progressiveBody() {
		return this.moovAfterMdat ? cut(CutPlan.CutPoint.WHOLE, false) : null;
	}

	/** @return the media duration in seconds */
	double durationSeconds() {
		return this.durationUs / 1e6;
	}

	/**
	 * Cut, optionally forcing 64-bit chunk offsets (which only files over 4 GiB need), so tests can prove
	 * the {@code co64} path on small files.
	 * @param request the seek
	 * @param forceWide whether to write {@code co64} whatever the offsets
	 * @return the body
	 * @throws InvalidSeekException if the request is outside the media
	 */
	MediaBody cut(SeekRequest request, boolean forceWide) throws InvalidSeekException {
		return cut(point(request), forceWide);
	}

	private MediaBody cut(CutPlan.CutPoint point, boolean forceWide) {
		CutPlan plan = CutPlan.of(this.tracks, this.movieTimescale, point);
		CutDocument head = CutDocument.of(this.template, this.tracks, plan, forceWide);
		List<BodyPart> parts = new ArrayList<>(1 + plan.data().size());
		parts.add(BodyPart.Generated.of(head));
		for (CutPlan.DataRegion region : plan.data()) {
			parts.add(new BodyPart.FileRegion(region.offset(), region.length()));
		}
		return new MediaBody(parts);
	}

	private CutPlan.CutPoint point(SeekRequest request) throws InvalidSeekException {
		if (!(request instanceof SeekRequest.TimeRange range)) {
			throw new InvalidSeekException("'start' is a time in seconds for MP4 files");
		}
		double duration = durationSeconds();
		double start = range.startSeconds();
		Double end = range.endSeconds();
		if (!(start >= 0) || start >= duration) {
			throw new InvalidSeekException(
					"'start' must be at least 0 and less than the duration, " + String.format("%.3f", duration) + " s");
		}
		if (end != null && !(end > start)) {
			throw new InvalidSeekException("'end' must be greater than 'start'");
		}
		if (start == 0 && (end == null || end >= duration)) {
			// The whole media: the file itself, whatever its first key frame's presentation time.
			return CutPlan.CutPoint.WHOLE;
		}
		return CutPlan.point(this.tracks, this.movieTimescale, start, end, range.exactStart(), duration);
	}

	@Override
	public long retainedBytes() {
		long bytes = 2 * Heap.OBJECT + this.template.retainedBytes();
		for (TrackTable track : this.tracks) {
			bytes += track.retainedBytes();
		}
		return bytes;
	}

	@Override
	public String toString() {
		return "Mp4Index[" + this.tracks.size() + " tracks, " + this.sizeBytes + " bytes]";
	}

}
