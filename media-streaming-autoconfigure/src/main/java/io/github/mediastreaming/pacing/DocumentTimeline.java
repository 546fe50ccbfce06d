package io.github.mediastreaming.pacing;

import java.util.ArrayList;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.MediaTimeline;

/**
 * Where media time lies in the bytes of one response body, measured from the body's first byte: each
 * region of the file contributes the media time its bytes complete by the file's {@link MediaTimeline}
 * (counted from the region's first byte), and in-memory parts (a rebuilt header, a resent sequence
 * header) contribute none. So a seek's document starts at media time 0, a range that starts mid-file is
 * timed from the media at its first byte, and a plain file is timed as the file is.
 * <p>
 * Example: an MP4 cut is {@code ftyp}, {@code moov} and an {@code mdat} header (no media time), then the
 * region from the first kept sample: its byte {@code n} completes
 * {@code file.timeUsAt(first + n) - file.timeUsAt(first)} of media.
 */
public final class DocumentTimeline {

	private final long[] starts;

	private final long[] ends;

	private final long[] fileOffsets;

	private final long[] baseTimesUs;

	private final MediaTimeline file;

	private final long durationUs;

	private DocumentTimeline(List<long[]> segments, MediaTimeline file, long durationUs) {
		int count = segments.size();
		this.starts = new long[count];
		this.ends = new long[count];
		this.fileOffsets = new long[count];
		this.baseTimesUs = new long[count];
		for (int i = 0; i < count; i++) {
			long[] segment = segments.get(i);
			this.starts[i] = segment[0];
			this.ends[i] = segment[1];
			this.fileOffsets[i] = segment[2];
			this.baseTimesUs[i] = segment[3];
		}
		this.file = file;
		this.durationUs = durationUs;
	}

	/**
	 * Return the timeline of a body of a file.
	 * @param body the body: in-memory parts and regions of the file
	 * @param file the file's timeline
	 * @return the body's timeline
	 */
	public static DocumentTimeline of(MediaBody body, MediaTimeline file) {
		List<long[]> segments = new ArrayList<>();
		long position = 0;
		long timeUs = 0;
		for (BodyPart part : body.parts()) {
			long end = position + part.length();
			if (part instanceof BodyPart.FileRegion region) {
				long first = file.timeUsAt(region.offset());
				segments.add(new long[] { position, end, region.offset(), timeUs - first });
				timeUs += file.timeUsAt(region.offset() + region.length()) - first;
			}
			position = end;
		}
		return new DocumentTimeline(segments, file, timeUs);
	}

	/**
	 * Return the media time playable once the body's bytes before an offset have arrived.
	 * @param offset an offset in the body
	 * @return microseconds from the body's first media
	 */
	public long timeUsAt(long offset) {
		long timeUs = 0;
		for (int i = 0; i < this.starts.length; i++) {
			if (offset <= this.starts[i]) {
				return timeUs;
			}
			long within = Math.min(offset, this.ends[i]) - this.starts[i];
			timeUs = this.baseTimesUs[i] + this.file.timeUsAt(this.fileOffsets[i] + within);
			if (offset <= this.ends[i]) {
				return timeUs;
			}
		}
		return timeUs;
	}

	/**
	 * Return how many bytes of the body make media up to a time playable.
	 * @param timeUs microseconds from the body's first media
	 * @return an offset in the body; the end of the last region past the last time
	 */
	public long offsetAt(long timeUs) {
		long end = 0;
		for (int i = 0; i < this.starts.length; i++) {
			long regionEnd = this.baseTimesUs[i] + this.file.timeUsAt(this.fileOffsets[i] + (this.ends[i] - this.starts[i]));
			if (timeUs <= regionEnd) {
				long fileOffset = this.file.offsetAt(timeUs - this.baseTimesUs[i]);
				return this.starts[i] + Math.max(0, Math.min(this.ends[i] - this.starts[i], fileOffset - this.fileOffsets[i]));
			}
			end = this.ends[i];
		}
		return end;
	}

	/** @return the media time the whole body holds */
	public long durationUs() {
		return this.durationUs;
	}

}
