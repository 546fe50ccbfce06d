package io.github.mediastreaming.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.MediaSource;

/**
 * A virtual file made of slices of other sources and runs of zeros: lets tests build and read
 * multi-gigabyte media without writing them.
 */
public final class SegmentedMediaSource implements MediaSource {

	private final List<Slice> slices = new ArrayList<>();

	private long size;

	/**
	 * Append bytes.
	 * @param bytes the bytes
	 * @return this source
	 */
	public SegmentedMediaSource bytes(byte[] bytes) {
		return slice(new ByteArrayMediaSource(bytes), 0, bytes.length);
	}

	/**
	 * Append a run of zero bytes.
	 * @param length how many
	 * @return this source
	 */
	public SegmentedMediaSource zeros(long length) {
		return slice(null, 0, length);
	}

	/**
	 * Append a part of another source.
	 * @param source the source, {@code null} for zeros
	 * @param offset where the part starts in it
	 * @param length the part's length
	 * @return this source
	 */
	public SegmentedMediaSource slice(MediaSource source, long offset, long length) {
		this.slices.add(new Slice(this.size, source, offset, length));
		this.size += length;
		return this;
	}

	/**
	 * Return the document a body plan describes, its file regions read from a source.
	 * @param body the plan
	 * @param file the source its regions refer to
	 * @return the virtual document
	 */
	public static SegmentedMediaSource of(MediaBody body, MediaSource file) {
		SegmentedMediaSource document = new SegmentedMediaSource();
		for (BodyPart part : body.parts()) {
			if (part instanceof BodyPart.Bytes bytes) {
				document.bytes(bytes.content());
			}
			else if (part instanceof BodyPart.FileRegion region) {
				document.slice(file, region.offset(), region.length());
			}
			else if (part instanceof BodyPart.Generated generated) {
				document.bytes(MediaBodies.generated(generated));
			}
		}
		return document;
	}

	@Override
	public long size() {
		return this.size;
	}

	@Override
	public byte[] read(long position, int length) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		long end = Math.min(this.size, position + length);
		for (Slice slice : this.slices) {
			long from = Math.max(position, slice.start());
			long to = Math.min(end, slice.start() + slice.length());
			if (from >= to) {
				continue;
			}
			int count = (int) (to - from);
			if (slice.source() == null) {
				out.write(new byte[count]);
			}
			else {
				out.write(slice.source().readFully(slice.offset() + from - slice.start(), count).data());
			}
		}
		return out.toByteArray();
	}

	private record Slice(long start, MediaSource source, long offset, long length) {

	}

}
