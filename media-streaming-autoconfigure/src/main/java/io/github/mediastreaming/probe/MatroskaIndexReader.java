package io.github.mediastreaming.probe;

import java.io.EOFException;
import java.io.IOException;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.MediaFormat;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.ProbeFailure;

/**
 * Reads a Matroska or WebM file's Segment Info: {@code TimestampScale} (nanoseconds per tick, default
 * 1,000,000) and {@code Duration} (ticks, a float). Segment children are walked by their EBML sizes, so
 * Clusters are skipped without being read; an unknown-size element before Info ends the walk.
 */
public final class MatroskaIndexReader implements MediaIndexReader {

	private static final long EBML_ID = 0x1A45DFA3L;

	private static final long SEGMENT_ID = 0x18538067L;

	private static final long INFO_ID = 0x1549A966L;

	private static final long TIMESTAMP_SCALE_ID = 0x2AD7B1L;

	private static final long DURATION_ID = 0x4489L;

	private static final long DOC_TYPE_ID = 0x4282L;

	private static final long DEFAULT_TIMESTAMP_SCALE_NS = 1_000_000;

	private static final int HEADER_READ_BYTES = 16;

	private static final int MAX_HEADER_BYTES = 4096;

	private static final int MAX_INFO_BYTES = 64 * 1024;

	private static final int MAX_ELEMENTS = 10_000;

	@Override
	public MediaIndex read(MediaSource source) throws MediaFormatException, IOException {
		try {
			return readSegment(source);
		}
		catch (EOFException | IndexOutOfBoundsException ex) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED, "Matroska file ends inside an element", ex);
		}
	}

	private MediaIndex readSegment(MediaSource source) throws MediaFormatException, IOException {
		long size = source.size();
		Element ebml = element(source, 0);
		if (ebml.id() != EBML_ID || ebml.unknownSize() || ebml.size() > MAX_HEADER_BYTES) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Not an EBML (Matroska/WebM) file");
		}
		checkDocType(source.readFully(ebml.dataOffset(), (int) ebml.size()));
		Element segment = element(source, ebml.end());
		if (segment.id() != SEGMENT_ID) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "No Segment after the EBML header");
		}
		long segmentEnd = segment.unknownSize() ? size : Math.min(size, segment.end());
		long position = segment.dataOffset();
		for (int i = 0; i < MAX_ELEMENTS && position < segmentEnd; i++) {
			Element child = element(source, position);
			if (child.id() == INFO_ID) {
				if (child.unknownSize() || child.size() > MAX_INFO_BYTES) {
					throw new MediaFormatException(ProbeFailure.MALFORMED, "Segment Info of impossible size");
				}
				return info(source.readFully(child.dataOffset(), (int) child.size()), size);
			}
			if (child.unknownSize()) {
				throw new MediaFormatException(ProbeFailure.NO_BITRATE, "Unknown-size element before Segment Info");
			}
			position = child.end();
		}
		throw new MediaFormatException(ProbeFailure.NO_BITRATE, "No Segment Info found");
	}

	private static void checkDocType(ByteCursor header) throws MediaFormatException {
		while (header.remaining() > 0) {
			long id = Ebml.id(header);
			long length = Ebml.size(header);
			if (length < 0 || length > header.remaining()) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "Bad EBML header element size");
			}
			if (id == DOC_TYPE_ID) {
				String docType = header.ascii((int) length).trim().replace("\0", "");
				if (!docType.equals("matroska") && !docType.equals("webm")) {
					throw new MediaFormatException(ProbeFailure.UNKNOWN_FORMAT, "EBML document type " + docType);
				}
				return;
			}
			header.skip((int) length);
		}
	}

	private static MediaIndex info(ByteCursor info, long size) throws MediaFormatException {
		long scale = DEFAULT_TIMESTAMP_SCALE_NS;
		double duration = -1;
		while (info.remaining() > 0) {
			long id = Ebml.id(info);
			long length = Ebml.size(info);
			if (length < 0 || length > info.remaining()) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "Bad Segment Info element size");
			}
			if (id == TIMESTAMP_SCALE_ID && length >= 1 && length <= 8) {
				scale = unsigned(info, (int) length);
			}
			else if (id == DURATION_ID && (length == 4 || length == 8)) {
				duration = (length == 4) ? Float.intBitsToFloat(info.s32()) : info.f64();
			}
			else {
				info.skip((int) length);
			}
		}
		if (!(duration > 0) || Double.isInfinite(duration) || scale <= 0) {
			throw new MediaFormatException(ProbeFailure.NO_BITRATE, "Segment Info has no usable Duration");
		}
		long durationUs = (long) (duration * scale / 1000.0);
		return new MediaIndex(MediaFormat.MATROSKA, size, durationUs, 0, null);
	}

	private static long unsigned(ByteCursor cursor, int length) {
		long value = 0;
		for (int i = 0; i < length; i++) {
			value = value << 8 | cursor.u8();
		}
		return value;
	}

	private static Element element(MediaSource source, long position) throws IOException, MediaFormatException {
		byte[] bytes = source.read(position, HEADER_READ_BYTES);
		if (bytes.length < 2) {
			throw new EOFException("No element header at " + position);
		}
		ByteCursor cursor = new ByteCursor(bytes);
		long id = Ebml.id(cursor);
		long size = Ebml.size(cursor);
		if (id < 0) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Bad EBML element id");
		}
		return new Element(id, position + cursor.position(), size);
	}

	/**
	 * An element's header.
	 *
	 * @param id the element id, marker bits included (as the specification writes ids)
	 * @param dataOffset where its data starts
	 * @param size its data size, -1 when unknown
	 */
	private record Element(long id, long dataOffset, long size) {

		boolean unknownSize() {
			return this.size < 0;
		}

		long end() {
			return this.dataOffset + this.size;
		}

	}

}
