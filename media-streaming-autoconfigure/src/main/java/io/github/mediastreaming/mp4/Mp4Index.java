package io.github.mediastreaming.mp4;

import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;
import org.jspecify.annotations.Nullable;

/**
 * The cached index of a (non-fragmented) MP4 file and its seeker. A seek plans the cut on the sample
 * tables, writes the new {@code moov}, and answers {@code ftyp}, {@code moov}, an {@code mdat} header and
 * the kept region of the file: no byte of media is read or copied in memory.
 *
 * @param sizeBytes the file size
 * @param ftyp the source {@code ftyp} box (empty when the file has none)
 * @param moov the source {@code moov} box
 * @param movieTimescale the {@code mvhd} timescale
 * @param durationUs the media duration ({@code mvhd}, else the longest track)
 * @param tracks the tracks, in {@code moov} order
 * @param moovAfterMdat whether the source puts its media before its {@code moov}
 */
public record Mp4Index(long sizeBytes, byte[] ftyp, byte[] moov, long movieTimescale, long durationUs,
		List<TrackTable> tracks, boolean moovAfterMdat) implements MediaSeeker {

	private static final long MAX_32_BIT = 0xFFFFFFFFL;

	@Override
	public SeekUnit unit() {
		return SeekUnit.SECONDS;
	}

	@Override
	public MediaBody seek(SeekRequest request) throws InvalidSeekException {
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
		if (start == 0 && end == null && !this.moovAfterMdat) {
			return MediaBody.wholeFile(this.sizeBytes);
		}
		return cut(start, (end != null && end >= duration) ? null : end, range.exactStart());
	}

	@Override
	public @Nullable MediaBody progressiveBody() {
		return this.moovAfterMdat ? cut(0, null, false) : null;
	}

	/** @return the media duration in seconds */
	double durationSeconds() {
		return this.durationUs / 1e6;
	}

	private MediaBody cut(double start, @Nullable Double end, boolean exactStart) {
		return cut(start, end, exactStart, false);
	}

	/**
	 * Cut, optionally forcing 64-bit chunk offsets (which only files over 4 GiB need), so tests can prove
	 * the {@code co64} path on small files.
	 */
	MediaBody cut(double start, @Nullable Double end, boolean exactStart, boolean forceWide) {
		CutPlan plan = CutPlan.of(this.tracks, this.movieTimescale, start, end, exactStart);
		long dataLength = plan.endOffset() - plan.firstOffset();
		int mdatHeader = (dataLength + 8 > MAX_32_BIT) ? 16 : 8;
		// The moov's size does not depend on the offsets it holds, only on stco versus co64: write it
		// with the source offsets, then move them once its size is known.
		MoovWriter.Written moov = MoovWriter.write(this, plan, 0, forceWide);
		long dataStart = this.ftyp.length + moov.moov().length + mdatHeader;
		if (!moov.wide() && plan.endOffset() - plan.firstOffset() + dataStart > MAX_32_BIT) {
			moov = MoovWriter.write(this, plan, 0, true);
			dataStart = this.ftyp.length + moov.moov().length + mdatHeader;
		}
		moov.shift(dataStart - plan.firstOffset());
		BoxWriter mdat = new BoxWriter(mdatHeader);
		if (mdatHeader == 16) {
			mdat.u32(1);
			mdat.ascii("mdat");
			mdat.u64(dataLength + 16);
		}
		else {
			mdat.u32(dataLength + 8);
			mdat.ascii("mdat");
		}
		return MediaBody.of(new BodyPart.Bytes(this.ftyp), new BodyPart.Bytes(moov.moov()), new BodyPart.Bytes(mdat.toByteArray()),
				new BodyPart.FileRegion(plan.firstOffset(), dataLength));
	}

	@Override
	public long retainedBytes() {
		long bytes = 128L + this.ftyp.length + this.moov.length;
		for (TrackTable track : this.tracks) {
			bytes += track.retainedBytes();
		}
		return bytes;
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

	@Override
	public String toString() {
		return "Mp4Index[" + this.tracks.size() + " tracks, " + this.sizeBytes + " bytes]";
	}

}
