package io.github.mediastreaming.mp3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;
import org.jspecify.annotations.Nullable;

/**
 * The cached index of an MP3 file and its seeker. A seek answers with the ID3v2 tag (so players keep the
 * title and cover), then the audio from the frame that contains the start time; the Xing/Info frame is
 * left out after a seek, since its frame count would describe the whole file.
 *
 * @param sizeBytes the file size
 * @param id3v2Length the bytes of ID3v2 tags at the front
 * @param audioStart the first audio frame (after a Xing, Info or VBRI frame)
 * @param audioEnd where the audio ends (before ID3v1 and APEv2 tags)
 * @param stream the first frame's header (version, layer and sample rate of every frame)
 * @param cbr whether every frame has the stream's bitrate
 * @param frames the number of audio frames
 * @param durationUs the duration
 * @param tableFrames frame numbers of the seek table's entries (VBR), ascending, empty for CBR
 * @param tableOffsets byte offsets from {@code audioStart} of those frames (exact for VBRI, estimates for a
 * Xing TOC)
 */
public record Mp3Index(long sizeBytes, long id3v2Length, long audioStart, long audioEnd, MpegAudioHeader stream,
		boolean cbr, long frames, long durationUs, long[] tableFrames, long[] tableOffsets) implements MediaSeeker {

	private static final int SCAN_MARGIN_BYTES = 2 * MpegAudioHeader.MAX_FRAME_LENGTH;

	private static final int MAX_TIMELINE_POINTS = 512;

	@Override
	public SeekUnit unit() {
		return SeekUnit.SECONDS;
	}

	@Override
	public MediaBody seek(SeekRequest request) throws InvalidSeekException {
		throw new InvalidSeekException("MP3 seeks read the file to find a frame boundary");
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * For MP3: a quarter into the frame the cut starts at (0 for the first) and three quarters into the
	 * frame before the one that ends it, so every start within one frame, and every end within one frame,
	 * gives one form, and a cut of one frame keeps its end after its start.
	 */
	@Override
	public SeekRequest canonical(SeekRequest request) throws InvalidSeekException {
		SeekRequest.TimeRange range = validate(request);
		double frameSeconds = (double) this.stream.samplesPerFrame() / this.stream.sampleRate();
		long startFrame = frameAt(range.startSeconds());
		Double end = range.endSeconds();
		Double canonicalEnd = (end == null || endsWithTheAudio(end)) ? null : (endFrame(end) - 0.25) * frameSeconds;
		return new SeekRequest.TimeRange((startFrame == 0) ? 0 : (startFrame + 0.25) * frameSeconds, canonicalEnd, false);
	}

	private SeekRequest.TimeRange validate(SeekRequest request) throws InvalidSeekException {
		if (!(request instanceof SeekRequest.TimeRange range)) {
			throw new InvalidSeekException("'start' is a time in seconds for MP3 files");
		}
		double durationSeconds = this.durationUs / 1e6;
		double start = range.startSeconds();
		if (!(start >= 0) || start >= durationSeconds) {
			throw new InvalidSeekException(
					"'start' must be at least 0 and less than the duration, " + String.format("%.3f", durationSeconds) + " s");
		}
		if (range.endSeconds() != null && !(range.endSeconds() > start)) {
			throw new InvalidSeekException("'end' must be greater than 'start'");
		}
		return range;
	}

	/** Whether a cut with this end keeps the last frame: the end is inside or after that frame. */
	private boolean endsWithTheAudio(double endSeconds) {
		return endSeconds >= this.durationUs / 1e6 || endFrame(endSeconds) >= this.frames;
	}

	/** The frame an end stops before: the first frame that starts at or after it, at most the frame count. */
	private long endFrame(double endSeconds) {
		return Math.min(this.frames, (long) Math.ceil(endSeconds * this.stream.sampleRate() / this.stream.samplesPerFrame()));
	}

	@Override
	public MediaBody seek(SeekRequest request, MediaSource file) throws InvalidSeekException, IOException {
		SeekRequest.TimeRange range = validate(request);
		double start = range.startSeconds();
		Double end = range.endSeconds();
		long startFrame = frameAt(start);
		if (startFrame == 0 && end == null) {
			return MediaBody.wholeFile(this.sizeBytes);
		}
		long from = (startFrame == 0) ? this.audioStart : locate(startFrame, file, false);
		// An end inside the last frame keeps it: there is no frame after it to stop before.
		long to = (end == null || endsWithTheAudio(end)) ? this.sizeBytes : locate(endFrame(end), file, true);
		if (to <= from) {
			throw new InvalidSeekException("'end' must be later than 'start' by at least one MP3 frame");
		}
		List<BodyPart> parts = new ArrayList<>();
		parts.add(new BodyPart.FileRegion(0, this.id3v2Length));
		parts.add(new BodyPart.FileRegion(from, to - from));
		return new MediaBody(parts);
	}

	@Override
	public long retainedBytes() {
		return 128L + 16L * this.tableFrames.length;
	}

	/**
	 * Return the number of the frame that contains a time.
	 * @param seconds the time
	 * @return the frame number, from 0
	 */
	long frameAt(double seconds) {
		return Math.min(this.frames - 1, (long) Math.floor(seconds * this.stream.sampleRate() / this.stream.samplesPerFrame()));
	}

	/**
	 * Find the real start of a frame: estimate its offset, then scan a short window around it. CBR frame
	 * numbers are exact, so the last boundary not after the frame wins; a VBR estimate is approximate, so
	 * for a start the nearest boundary at or before it wins (the response starts no later than asked) and
	 * for an end the nearest at or after it (it ends no earlier), or else the nearest on the other side.
	 */
	private long locate(long frame, MediaSource file, boolean end) throws IOException, InvalidSeekException {
		long estimate = Math.max(this.audioStart, Math.min(this.audioEnd - 1, estimate(frame)));
		long windowStart = Math.max(this.audioStart, estimate - SCAN_MARGIN_BYTES);
		long windowEnd = Math.min(this.audioEnd, estimate + SCAN_MARGIN_BYTES);
		if (windowEnd - windowStart < 4) {
			throw new InvalidSeekException("No MP3 frame found near the requested time");
		}
		byte[] window = file.read(windowStart, (int) (windowEnd - windowStart));
		boolean atEnd = windowStart + window.length == this.audioEnd;
		long atOrBefore = -1;
		long after = -1;
		for (int i = 0; i + 4 <= window.length; i++) {
			if (FrameSync.frameAt(window, i, this.stream, atEnd) == null) {
				continue;
			}
			long candidate = windowStart + i;
			boolean early = this.cbr ? Math.round((candidate - this.audioStart) / averageFrameLength(this.stream)) <= frame
					: (end ? candidate < estimate : candidate <= estimate);
			if (early) {
				atOrBefore = candidate;
			}
			else if (after < 0) {
				after = candidate;
			}
		}
		long best;
		if (this.cbr) {
			best = atOrBefore;
		}
		else if (end) {
			best = (after >= 0) ? after : atOrBefore;
		}
		else {
			best = (atOrBefore >= 0) ? atOrBefore : after;
		}
		if (best < 0) {
			throw new InvalidSeekException("No MP3 frame found near the requested time");
		}
		return best;
	}

	private long estimate(long frame) {
		if (this.cbr || this.tableFrames.length < 2) {
			double length = this.cbr ? averageFrameLength(this.stream)
					: (double) (this.audioEnd - this.audioStart) / this.frames;
			return this.audioStart + (long) Math.floor(frame * length);
		}
		int entry = Arrays.binarySearch(this.tableFrames, frame);
		int lower = (entry >= 0) ? entry : Math.max(0, -entry - 2);
		int upper = Math.min(this.tableFrames.length - 1, lower + 1);
		long frameSpan = this.tableFrames[upper] - this.tableFrames[lower];
		double fraction = (frameSpan > 0) ? (double) (frame - this.tableFrames[lower]) / frameSpan : 0;
		return this.audioStart + this.tableOffsets[lower]
				+ (long) (fraction * (this.tableOffsets[upper] - this.tableOffsets[lower]));
	}

	/** The mean frame length of a CBR stream (padding makes single frames one byte longer). */
	private static double averageFrameLength(MpegAudioHeader header) {
		return (header.layer() == 1) ? 48.0 * header.bitrate() / header.sampleRate()
				: header.samplesPerFrame() / 8.0 * header.bitrate() / header.sampleRate();
	}

	/** Collects what the reader finds, then computes duration and bitrate. */
	static final class Builder {

		private final long size;

		private final long id3v2Length;

		private final long audioEnd;

		private MpegAudioHeader header;

		private @Nullable MpegAudioHeader audioHeader;

		private long audioStart;

		private boolean cbr;

		private long frames;

		private long declaredBytes = -1;

		private long[] tableFrames = new long[0];

		private long[] tableOffsets = new long[0];

		Builder(long size, long id3v2Length, long audioEnd, MpegAudioHeader header) {
			this.size = size;
			this.id3v2Length = id3v2Length;
			this.audioEnd = audioEnd;
			this.header = header;
		}

		void cbr(long audioStart, @Nullable MpegAudioHeader audioHeader, long frames) {
			this.audioStart = audioStart;
			this.audioHeader = audioHeader;
			this.frames = frames;
			this.cbr = true;
		}

		void xing(long audioStart, long frames, long bytes, int @Nullable [] toc) {
			this.audioStart = audioStart;
			this.frames = frames;
			this.declaredBytes = bytes;
			if (toc != null) {
				// The TOC's fractions are of the stream the header describes, even when the file was cut short.
				long audioBytes = cutShort(bytes) ? bytes : audioBytes();
				this.tableFrames = new long[101];
				this.tableOffsets = new long[101];
				for (int i = 0; i < 100; i++) {
					this.tableFrames[i] = Math.round(i / 100.0 * frames);
					this.tableOffsets[i] = (long) (toc[i] / 256.0 * audioBytes);
				}
				this.tableFrames[100] = frames;
				this.tableOffsets[100] = audioBytes;
				// A TOC must not go backwards; clamp a damaged one so the search stays monotonic.
				for (int i = 1; i <= 100; i++) {
					this.tableOffsets[i] = Math.max(this.tableOffsets[i], this.tableOffsets[i - 1]);
				}
			}
		}

		void vbri(long audioStart, long frames, long bytes, long[] frameNumbers, long[] offsets) {
			this.audioStart = audioStart;
			this.frames = frames;
			this.declaredBytes = bytes;
			this.tableFrames = frameNumbers;
			this.tableOffsets = offsets;
		}

		void declaredBytes(long bytes) {
			this.declaredBytes = bytes;
		}

		/**
		 * Return where the stream the first frame's header describes ends: its byte count includes the
		 * header's own frame.
		 * @param firstFrame where that frame starts
		 * @return the end, or -1 when the header gives no byte or frame count
		 */
		long declaredStreamEnd(long firstFrame) {
			return (this.declaredBytes > 0 && this.frames > 0) ? firstFrame + this.declaredBytes : -1;
		}

		/**
		 * Add frames that follow the stream the header describes (another file's, joined with {@code cat}):
		 * the index becomes VBR, its seek table the header's (or the first frame) then the walk's points.
		 * @param tailStart where the walk started
		 * @param tail the frames from there
		 */
		void append(long tailStart, FrameWalk tail) {
			long headBytes = tailStart - this.audioStart;
			long headFrames = this.frames;
			int kept = 0;
			while (kept < this.tableFrames.length && this.tableFrames[kept] < headFrames
					&& this.tableOffsets[kept] < headBytes) {
				kept++;
			}
			// The head's own entries (a Xing TOC, a VBRI table), else its first frame; then the tail's points,
			// the first of them the head's end.
			int head = Math.max(1, kept);
			int points = tail.frameNumbers().length;
			long[] frameNumbers = Arrays.copyOf(this.tableFrames, head + points);
			long[] offsets = Arrays.copyOf(this.tableOffsets, head + points);
			for (int i = 0; i < points; i++) {
				frameNumbers[head + i] = headFrames + tail.frameNumbers()[i];
				offsets[head + i] = headBytes + tail.offsets()[i];
			}
			this.tableFrames = frameNumbers;
			this.tableOffsets = offsets;
			this.frames = headFrames + tail.frames();
			this.declaredBytes = -1;
			this.cbr = false;
		}

		private long audioBytes() {
			long available = this.audioEnd - this.audioStart;
			return (this.declaredBytes > 0 && this.declaredBytes <= available) ? this.declaredBytes : available;
		}

		MediaIndex build(MediaSource source) throws IOException {
			long audioBytes = Math.max(0, this.audioEnd - this.audioStart);
			long durationUs;
			long bitrate;
			if (this.cbr) {
				if (this.audioHeader == null) {
					byte[] first = source.read(this.audioStart, 4);
					MpegAudioHeader parsed = FrameSync.header(first, 0);
					this.audioHeader = (parsed != null && parsed.sameStream(this.header)) ? parsed : this.header;
				}
				this.header = this.audioHeader;
				bitrate = this.header.bitrate();
				// An Info frame's count describes the file before it was truncated: trust the bytes present.
				long framesPresent = (long) Math.ceil(audioBytes / averageFrameLength(this.header));
				long frames = (this.frames > 0) ? Math.min(this.frames, framesPresent) : framesPresent;
				durationUs = (long) (frames * this.header.frameDurationUs());
				this.frames = Math.max(1, (long) (durationUs / this.header.frameDurationUs()));
			}
			else {
				if (cutShort(this.declaredBytes)) {
					// Cut short (a partial upload): the header counts the whole file's frames. Time only those
					// the bytes present hold, found on the seek table.
					this.frames = Math.max(1, framesAt(audioBytes));
					trimTable(audioBytes);
				}
				durationUs = (long) (this.frames * this.header.frameDurationUs());
				bitrate = (durationUs > 0) ? (long) (audioBytes * 8e6 / durationUs) : 0;
			}
			Mp3Index index = new Mp3Index(this.size, this.id3v2Length, this.audioStart, this.audioEnd,
					this.header, this.cbr, this.frames, durationUs, this.tableFrames,
					this.tableOffsets);
			return new MediaIndex(this.size, durationUs, bitrate, index, timeline(durationUs));
		}

		/**
		 * Whether the file holds less audio than its Xing or VBRI header counts: more than a frame less (the
		 * count includes that header's own frame, which the audio here starts after).
		 */
		private boolean cutShort(long declaredBytes) {
			return declaredBytes > Math.max(0, this.audioEnd - this.audioStart) + MpegAudioHeader.MAX_FRAME_LENGTH;
		}

		/** The frame number at a byte offset of the audio, interpolated on the seek table (else in proportion). */
		private long framesAt(long offset) {
			long[] offsets = this.tableOffsets;
			long[] frameNumbers = this.tableFrames;
			long fromOffset = 0;
			long fromFrame = 0;
			long toOffset = this.declaredBytes;
			long toFrame = this.frames;
			for (int i = 0; i < offsets.length; i++) {
				if (offsets[i] <= offset) {
					fromOffset = offsets[i];
					fromFrame = frameNumbers[i];
				}
				else {
					toOffset = offsets[i];
					toFrame = frameNumbers[i];
					break;
				}
			}
			if (toOffset <= fromOffset) {
				return fromFrame;
			}
			return fromFrame + Math.round((double) (toFrame - fromFrame) * (offset - fromOffset) / (toOffset - fromOffset));
		}

		/** Drop the seek table's entries past the bytes present. */
		private void trimTable(long audioBytes) {
			int kept = 0;
			while (kept < this.tableOffsets.length && this.tableOffsets[kept] < audioBytes
					&& this.tableFrames[kept] < this.frames) {
				kept++;
			}
			this.tableOffsets = Arrays.copyOf(this.tableOffsets, kept);
			this.tableFrames = Arrays.copyOf(this.tableFrames, kept);
		}

		/**
		 * The timeline: a straight line over the audio for CBR (and for VBR without a table, whose best
		 * guess is its average), else through the seek table's entries (frame numbers are times).
		 */
		private @Nullable MediaTimeline timeline(long durationUs) {
			if (this.audioEnd <= this.audioStart || durationUs <= 0) {
				return null;
			}
			// A VBRI table may declare 65,535 entries: a few hundred points time a song as well.
			MediaTimeline.Builder timeline = MediaTimeline.builder(MAX_TIMELINE_POINTS);
			timeline.add(this.audioStart, 0);
			if (!this.cbr) {
				double frameUs = this.header.frameDurationUs();
				for (int i = 0; i < this.tableFrames.length; i++) {
					timeline.add(this.audioStart + this.tableOffsets[i], (long) (this.tableFrames[i] * frameUs));
				}
			}
			return timeline.build(this.audioEnd, durationUs);
		}

	}

}
