package io.github.mediastreaming.body;

import java.util.ArrayList;
import java.util.List;

/**
 * Immutable plan of a response body: parts sent one after the other. A plain file is one
 * {@link BodyPart.FileRegion}; an FLV seek is a rewritten header followed by the file from a key frame;
 * an MP4 seek is a {@link BodyPart.Generated} head ({@code ftyp}, the rebuilt {@code moov} and the
 * {@code mdat} header, produced from the cached index as it is sent) followed by the regions of the file the
 * cut keeps.
 *
 * @param parts the parts in order; empty parts are dropped
 */
public record MediaBody(List<BodyPart> parts) {

	public MediaBody {
		parts = parts.stream().filter((part) -> part.length() > 0).toList();
	}

	/**
	 * Return the plan of a whole file served as it is.
	 * @param size the file size
	 * @return a single-region body
	 */
	public static MediaBody wholeFile(long size) {
		return new MediaBody(List.of(new BodyPart.FileRegion(0, size)));
	}

	/**
	 * Return a body built from the given parts.
	 * @param parts the parts in order
	 * @return the body
	 */
	public static MediaBody of(BodyPart... parts) {
		return new MediaBody(List.of(parts));
	}

	/**
	 * Return the total length in bytes.
	 * @return the sum of the parts' lengths
	 */
	public long length() {
		long total = 0;
		for (BodyPart part : this.parts) {
			total += part.length();
		}
		return total;
	}

	/**
	 * Return the bytes {@code [start, start + length)} of this body as a new plan, for a {@code Range}
	 * request on a rebuilt document.
	 * @param start the first byte, from 0
	 * @param length how many bytes
	 * @return the sliced plan
	 * @throws IllegalArgumentException if the range is outside this body
	 */
	public MediaBody slice(long start, long length) {
		if (start < 0 || length < 0 || start + length > length()) {
			throw new IllegalArgumentException(
					"Range " + start + "+" + length + " outside body of " + length() + " bytes");
		}
		List<BodyPart> sliced = new ArrayList<>();
		long partStart = 0;
		long end = start + length;
		for (BodyPart part : this.parts) {
			long partEnd = partStart + part.length();
			long from = Math.max(start, partStart);
			long to = Math.min(end, partEnd);
			if (from < to) {
				sliced.add(part.slice(from - partStart, to - from));
			}
			partStart = partEnd;
		}
		return new MediaBody(sliced);
	}

}
