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
import io.github.mediastreaming.index.ProbeFailure;

/**
 * Probes a Matroska or WebM file: checks the EBML header's DocType, then walks the Segment's children by
 * their sizes (skipping SeekHead, Tracks, Clusters...) to the {@code Info} element, whose
 * {@code Duration} (a float in {@code TimestampScale} units, nanoseconds each by default 1 000 000) gives
 * the duration. For example {@code Duration 6021.0} with the default scale is 6 021 000 µs. Matroska
 * declares no bitrate; the average {@code size / duration} is used.
 *
 * <p>A live file (unknown-size Cluster before {@code Info}, or no {@code Duration}) has nothing to pace by
 * and is reported as {@link ProbeFailure#NO_BITRATE}.
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
		EbmlElement info = findInfo(source, segment);
		long durationUs = readDurationUs(info.readData(source, MAX_INFO_SIZE, "Info"));
		return ProbeReads.index("matroska", size, durationUs, 0);
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

	private static EbmlElement findInfo(MediaSource source, EbmlElement segment)
			throws MediaFormatException, IOException {
		long fileSize = source.size();
		// A Segment running past the end is a cut file: Info near its start may still be there.
		long end = segment.hasUnknownSize() ? fileSize : Math.min(segment.endOffsetBytes(), fileSize);
		long position = segment.dataOffsetBytes();
		for (int i = 0; i < MAX_ELEMENTS && position < end; i++) {
			EbmlElement child = EbmlElement.read(source, position);
			if (child.id() == ID_INFO) {
				return child;
			}
			if (child.hasUnknownSize()) {
				if (child.id() == ID_CLUSTER) {
					throw ProbeReads.noBitrate("Live Matroska file: an unknown-size Cluster comes before Info");
				}
				throw ProbeReads
					.malformed("Unknown-size element 0x" + Long.toHexString(child.id()) + " in the Segment");
			}
			position = child.endOffsetBytes();
		}
		if (position >= end) {
			throw ProbeReads.truncated("a Matroska Segment before its Info element", position);
		}
		throw ProbeReads.malformed("No Matroska Info in the first " + MAX_ELEMENTS + " Segment elements");
	}

	private static long readDurationUs(ByteCursor info) throws MediaFormatException {
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
		if (!(durationUs >= 1) || durationUs > Long.MAX_VALUE) {
			throw ProbeReads.noBitrate("Matroska Info has no usable Duration (" + duration + ")");
		}
		return Math.round(durationUs);
	}

	private static int childSize(ByteCursor parent, long size) throws MediaFormatException {
		if (size < 0 || size > parent.remaining()) {
			String declared = (size < 0) ? "unknown" : Long.toString(size);
			throw ProbeReads.malformed("EBML child of size " + declared + " runs past its parent");
		}
		return (int) size;
	}

}
