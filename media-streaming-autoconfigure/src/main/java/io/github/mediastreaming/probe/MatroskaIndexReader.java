package io.github.mediastreaming.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.index.ProbeFailure;

/**
 * Probes a Matroska or WebM file: checks the EBML header's DocType, then walks the Segment's children by
 * their sizes (skipping SeekHead, Tracks, Clusters...) to the {@code Info} element, whose
 * {@code Duration} (a float in {@code TimestampScale} units, nanoseconds each by default 1 000 000) gives
 * the duration. For example {@code Duration 6021.0} with the default scale is 6 021 000 µs. Matroska
 * declares no bitrate; the average {@code size / duration} is used.
 *
 * <p>A file written live (ffmpeg to a pipe or with {@code -live 1}, a browser's {@code MediaRecorder}) has
 * no {@code Duration}: it lasts as far as its Clusters' blocks go, when they can be walked to the end (the
 * timeline's walk, below; Clusters of unknown size, as {@code MediaRecorder} writes them, within its read
 * budget). One whose Clusters cannot be walked to the end has nothing to pace by and is reported as
 * {@link ProbeFailure#NO_BITRATE}, as is one whose unknown-size Cluster comes before {@code Info}.
 *
 * <p>The timeline comes from the Clusters' blocks, else from the Cues (found through the SeekHead)
 * ({@link MatroskaTimeline}); from the Cues first when reads are not cheap (an object store, where each
 * Cluster would cost a request). A file that ends before its Segment's declared end (a copy or upload cut
 * short) lasts the media its Clusters hold, not its Info's Duration.
 */
public final class MatroskaIndexReader implements MediaIndexReader {

	/** EBML header element. */
	static final long ID_EBML = 0x1A45DFA3L;

	/** DocType, inside the EBML header. */
	static final long ID_DOC_TYPE = 0x4282;

	/** Segment: the root of the Matroska content. */
	static final long ID_SEGMENT = 0x18538067L;

	/** Segment Info. */
	static final long ID_INFO = 0x1549A966L;

	/** SeekHead: where the Segment's top-level elements are. */
	static final long ID_SEEK_HEAD = 0x114D9B74L;

	/** Seek, inside SeekHead. */
	static final long ID_SEEK = 0x4DBB;

	/** SeekID, inside Seek: the ID of the element pointed to. */
	static final long ID_SEEK_ID = 0x53AB;

	/** SeekPosition, inside Seek: its offset from the Segment's data. */
	static final long ID_SEEK_POSITION = 0x53AC;

	/** Cues: the key frames' times and clusters. */
	static final long ID_CUES = 0x1C53BB6BL;

	/** Cluster: media data. */
	static final long ID_CLUSTER = 0x1F43B675L;

	/** TimestampScale, inside Info: nanoseconds per timestamp unit. */
	static final long ID_TIMESTAMP_SCALE = 0x2AD7B1;

	/** Duration, inside Info: a float in timestamp units. */
	static final long ID_DURATION = 0x4489;

	/** The default TimestampScale: 1 ms per unit. */
	static final long DEFAULT_TIMESTAMP_SCALE_NS = 1_000_000;

	/** DocTypes this reader accepts. */
	static final Set<String> DOC_TYPES = Set.of("matroska", "webm");

	/** Largest EBML header accepted. */
	static final int MAX_EBML_HEADER_SIZE = 4096;

	/** Largest Info element accepted (titles and app names make it a few hundred bytes). */
	static final int MAX_INFO_SIZE = 64 * 1024;

	/** Largest SeekHead read. */
	static final int MAX_SEEK_HEAD_SIZE = 64 * 1024;

	/** Top-level and Segment-level elements visited before giving up. */
	static final int MAX_ELEMENTS = 4096;

	/** Create a reader; it is stateless. */
	public MatroskaIndexReader() {
	}

	@Override
	public MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException {
		long size = source.size();
		EbmlElement header = EbmlElement.read(source, 0);
		if (header.id() != ID_EBML) {
			throw ProbeReads.malformed("No EBML header: first element is 0x" + Long.toHexString(header.id()));
		}
		checkDocType(header.readData(source, MAX_EBML_HEADER_SIZE, "header"));
		EbmlElement segment = EbmlElement.read(source, header.endOffsetBytes());
		if (segment.id() != ID_SEGMENT) {
			throw ProbeReads.malformed("No Matroska Segment after the EBML header");
		}
		SegmentLayout layout = scanSegment(source, segment);
		Timing timing = readTiming(layout.info().readData(source, MAX_INFO_SIZE, "Info"));
		long end = segment.hasUnknownSize() ? size : Math.min(size, segment.endOffsetBytes());
		boolean cut = !segment.hasUnknownSize() && segment.endOffsetBytes() > size;
		MediaTimeline timeline = new MatroskaTimeline(source, budget, segment.dataOffsetBytes(), end,
				timing.scaleNs()).read(layout.cuesPosition(), layout.firstClusterPosition(), timing.durationUs(), cut);
		// A file cut short, or written without a Duration, lasts the media it holds, which its timeline ends with.
		boolean held = cut || timing.durationUs() == 0;
		long durationUs = (held && timeline != null) ? timeline.durationUs() : timing.durationUs();
		if (durationUs == 0) {
			throw ProbeReads.noBitrate("Matroska Info has no usable Duration (" + timing.declared()
					+ "), and the Clusters cannot be walked to the end for one");
		}
		return ProbeReads.index("matroska", size, durationUs, 0, timeline);
	}

	private static void checkDocType(ByteCursor header) throws MediaFormatException {
		while (header.remaining() > 0) {
			long id = Ebml.readId(header);
			int size = childSize(header, Ebml.readSize(header));
			if (id == ID_DOC_TYPE) {
				String docType = new String(header.bytes(size), StandardCharsets.US_ASCII).replace("\0", "");
				if (!DOC_TYPES.contains(docType)) {
					throw ProbeReads.malformed("EBML DocType '" + docType + "' is not matroska or webm");
				}
				return;
			}
			header.skip(size);
		}
		throw ProbeReads.malformed("EBML header without DocType");
	}

	/**
	 * Walk the Segment's children by their sizes to its Info element, and on to the first Cluster,
	 * noting where the Cues are (from the SeekHead or met on the way).
	 */
	private static SegmentLayout scanSegment(MediaSource source, EbmlElement segment)
			throws MediaFormatException, IOException {
		long fileSize = source.size();
		// A Segment running past the end is a cut file: Info near its start may still be there.
		long end = segment.hasUnknownSize() ? fileSize : Math.min(segment.endOffsetBytes(), fileSize);
		long position = segment.dataOffsetBytes();
		EbmlElement info = null;
		long cues = -1;
		for (int i = 0; i < MAX_ELEMENTS && position < end; i++) {
			EbmlElement child = EbmlElement.read(source, position);
			if (child.id() == ID_INFO) {
				info = child;
			}
			else if (child.id() == ID_CUES) {
				cues = position;
			}
			else if (child.id() == ID_SEEK_HEAD && cues < 0 && !child.hasUnknownSize()
					&& child.dataSizeBytes() <= MAX_SEEK_HEAD_SIZE) {
				cues = cuesPosition(source, child, segment.dataOffsetBytes());
			}
			else if (child.id() == ID_CLUSTER) {
				if (info != null) {
					return new SegmentLayout(info, cues, position);
				}
				if (child.hasUnknownSize()) {
					throw ProbeReads.noBitrate("Live Matroska file: an unknown-size Cluster comes before Info");
				}
			}
			if (child.hasUnknownSize()) {
				if (info != null) {
					return new SegmentLayout(info, cues, -1);
				}
				throw ProbeReads
					.malformed("Unknown-size element 0x" + Long.toHexString(child.id()) + " in the Segment");
			}
			position = child.endOffsetBytes();
		}
		if (info != null) {
			return new SegmentLayout(info, cues, -1);
		}
		if (position >= end) {
			throw ProbeReads.truncated("a Matroska Segment before its Info element", position);
		}
		throw ProbeReads.malformed("No Matroska Info in the first " + MAX_ELEMENTS + " Segment elements");
	}

	/**
	 * Return the file offset the SeekHead gives for the Cues, -1 when it gives none or cannot be read (a
	 * damaged SeekHead costs the timeline, not the index).
	 */
	private static long cuesPosition(MediaSource source, EbmlElement seekHead, long segmentData) throws IOException {
		try {
			return cuesPosition(seekHead.readData(source, MAX_SEEK_HEAD_SIZE, "SeekHead"), segmentData);
		}
		catch (MediaFormatException ex) {
			return -1;
		}
	}

	private static long cuesPosition(ByteCursor seekHead, long segmentData) throws MediaFormatException {
		while (seekHead.remaining() > 0) {
			long id = Ebml.readId(seekHead);
			int size = childSize(seekHead, Ebml.readSize(seekHead));
			if (id != ID_SEEK) {
				seekHead.skip(size);
				continue;
			}
			ByteCursor seek = new ByteCursor(seekHead.data(), seekHead.position(), seekHead.position() + size);
			seekHead.skip(size);
			long target = -1;
			long targetPosition = -1;
			while (seek.remaining() > 0) {
				long childId = Ebml.readId(seek);
				int childSize = childSize(seek, Ebml.readSize(seek));
				if (childId == ID_SEEK_ID) {
					target = Ebml.readUnsigned(seek, Math.min(childSize, Ebml.MAX_ID_LENGTH));
					seek.skip(childSize - Math.min(childSize, Ebml.MAX_ID_LENGTH));
				}
				else if (childId == ID_SEEK_POSITION) {
					targetPosition = Ebml.readUnsigned(seek, childSize);
				}
				else {
					seek.skip(childSize);
				}
			}
			if (target == ID_CUES && targetPosition >= 0 && targetPosition < Long.MAX_VALUE - segmentData) {
				return segmentData + targetPosition;
			}
		}
		return -1;
	}

	private static Timing readTiming(ByteCursor info) throws MediaFormatException {
		long timestampScaleNs = DEFAULT_TIMESTAMP_SCALE_NS;
		double duration = -1;
		while (info.remaining() > 0) {
			long id = Ebml.readId(info);
			int size = childSize(info, Ebml.readSize(info));
			if (id == ID_TIMESTAMP_SCALE) {
				timestampScaleNs = Ebml.readUnsigned(info, size);
			}
			else if (id == ID_DURATION) {
				duration = Ebml.readFloat(info, size);
			}
			else {
				info.skip(size);
			}
		}
		if (timestampScaleNs <= 0) {
			throw ProbeReads.malformed("Matroska TimestampScale of " + timestampScaleNs);
		}
		double durationUs = duration * timestampScaleNs / 1000.0;
		// None (a file written live), or one that is no duration: the Clusters may still tell.
		boolean usable = durationUs >= 1 && durationUs <= Long.MAX_VALUE;
		return new Timing(timestampScaleNs, usable ? Math.round(durationUs) : 0, duration);
	}

	static int childSize(ByteCursor parent, long size) throws MediaFormatException {
		if (size < 0 || size > parent.remaining()) {
			String declared = (size < 0) ? "unknown" : Long.toString(size);
			throw ProbeReads.malformed("EBML child of size " + declared + " runs past its parent");
		}
		return (int) size;
	}

	/**
	 * What the walk of the Segment found.
	 *
	 * @param info the Info element
	 * @param cuesPosition where the Cues element starts, -1 when unknown
	 * @param firstClusterPosition where the first Cluster starts, -1 when none was reached
	 */
	private record SegmentLayout(EbmlElement info, long cuesPosition, long firstClusterPosition) {

	}

	/**
	 * The Segment's clock.
	 *
	 * @param scaleNs nanoseconds per timestamp unit
	 * @param durationUs the duration, 0 when {@code Info} gives none that is usable
	 * @param declared the {@code Duration} as declared, in timestamp units (-1 without one)
	 */
	private record Timing(long scaleNs, long durationUs, double declared) {

	}

}
