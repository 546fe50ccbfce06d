package io.github.mediastreaming.http;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code Range} header (RFC 9110 section 14) selects from a representation of known length.
 */
sealed interface RangeSelection permits RangeSelection.Whole, RangeSelection.Partial, RangeSelection.Unsatisfiable {

	/** The whole representation: no Range, a malformed one (which RFC 9110 lets us ignore), or several ranges. */
	Whole WHOLE = new Whole();

	/** No range can be served: 416 with {@code Content-Range: bytes *&#47;length}. */
	Unsatisfiable UNSATISFIABLE = new Unsatisfiable();

	/**
	 * Parse a Range header.
	 *
	 * <p>Multiple ranges are answered with the whole representation (200), which RFC 9110 allows and
	 * every media client handles; players only ever ask for one range.
	 * @param header the header value, {@code null} when absent
	 * @param length the representation's length
	 * @return the selection
	 */
	static RangeSelection parse(@Nullable String header, long length) {
		if (header == null) {
			return WHOLE;
		}
		String value = header.trim();
		if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
			return WHOLE;
		}
		String spec = value.substring(6).trim();
		if (spec.indexOf(',') >= 0) {
			return WHOLE;
		}
		int dash = spec.indexOf('-');
		if (dash < 0) {
			return WHOLE;
		}
		String first = spec.substring(0, dash).trim();
		String last = spec.substring(dash + 1).trim();
		if (first.isEmpty()) {
			long suffix = parseDigits(last);
			if (suffix < 0) {
				return WHOLE;
			}
			if (suffix == 0 || length == 0) {
				return UNSATISFIABLE;
			}
			long start = Math.max(0, length - suffix);
			return new Partial(start, length - start);
		}
		long start = parseDigits(first);
		long end = last.isEmpty() ? Long.MAX_VALUE : parseDigits(last);
		if (start < 0 || end < 0 || end < start) {
			return WHOLE;
		}
		if (start >= length) {
			return UNSATISFIABLE;
		}
		long clippedEnd = Math.min(end, length - 1);
		return new Partial(start, clippedEnd - start + 1);
	}

	private static long parseDigits(String digits) {
		if (digits.isEmpty() || digits.length() > 18) {
			return -1;
		}
		for (int i = 0; i < digits.length(); i++) {
			if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
				return -1;
			}
		}
		return Long.parseLong(digits);
	}

	/** The whole representation. */
	record Whole() implements RangeSelection {

	}

	/**
	 * One satisfiable range.
	 *
	 * @param start the first byte
	 * @param length the number of bytes, at least 1
	 */
	record Partial(long start, long length) implements RangeSelection {

		/**
		 * Return the {@code Content-Range} value for a representation of the given length.
		 * @param total the representation's length
		 * @return e.g. {@code bytes 0-99/1000}
		 */
		String contentRange(long total) {
			return "bytes " + this.start + "-" + (this.start + this.length - 1) + "/" + total;
		}

	}

	/** No satisfiable range. */
	record Unsatisfiable() implements RangeSelection {

	}

}
