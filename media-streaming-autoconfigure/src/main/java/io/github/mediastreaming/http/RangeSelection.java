package io.github.mediastreaming.http;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRange;

/**
 * What a {@code Range} header (RFC 9110 section 14) selects from a representation of known length.
 */
sealed interface RangeSelection permits RangeSelection.Whole, RangeSelection.Partial, RangeSelection.Unsatisfiable {

	/** The whole representation: no Range, a malformed one (which RFC 9110 lets us ignore), or several ranges. */
	Whole WHOLE = new Whole();

	/** No range can be served: 416 with {@code Content-Range: bytes *&#47;length}. */
	Unsatisfiable UNSATISFIABLE = new Unsatisfiable();

	/**
	 * Parse a Range header with Spring's {@link HttpRange}, then apply RFC 9110's rules for a media
	 * server: a header that does not parse, or asks for several ranges, is ignored (the whole
	 * representation, 200, which every media client handles; players only ever ask for one range); a
	 * range that starts at or past the end cannot be satisfied (416). Positions are digits only, as RFC
	 * 9110's grammar has them: Spring reads them with {@link Long#parseLong}, which also takes a sign
	 * ({@code bytes=+5-} would be served as {@code bytes=5-}).
	 * @param header the header value, {@code null} when absent
	 * @param length the representation's length
	 * @return the selection
	 */
	static RangeSelection parse(@Nullable String header, long length) {
		if (header == null) {
			return WHOLE;
		}
		String value = header.trim();
		// The unit is case-insensitive (RFC 9110 section 14.1); Spring expects it lower case.
		if (value.regionMatches(true, 0, "bytes=", 0, 6)) {
			value = "bytes=" + value.substring(6);
		}
		if (!digitsDashesAndCommas(value)) {
			return WHOLE;
		}
		List<HttpRange> ranges;
		try {
			ranges = HttpRange.parseRanges(value);
		}
		catch (IllegalArgumentException ex) {
			return WHOLE;
		}
		if (ranges.size() != 1) {
			return WHOLE;
		}
		HttpRange range = ranges.get(0);
		long start = range.getRangeStart(length);
		if (length == 0 || start >= length) {
			return UNSATISFIABLE;
		}
		return new Partial(start, range.getRangeEnd(length) - start + 1);
	}

	/** Whether what follows {@code bytes=} holds only what a range set can: digits, dashes, commas, blanks. */
	private static boolean digitsDashesAndCommas(String value) {
		for (int i = value.indexOf('=') + 1; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || c == '-' || c == ',' || c == ' ' || c == '\t')) {
				return false;
			}
		}
		return true;
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
