package io.github.mediastreaming.http;

import java.util.List;
import java.util.regex.Pattern;

import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;
import org.jspecify.annotations.Nullable;

import org.springframework.util.MultiValueMap;

/**
 * The seek parameters of a request, as sent: {@code start} (bytes for FLV, seconds for MP4 and MP3),
 * {@code end} (seconds) and the optional FLV time parameter. They are parsed against the file's seek
 * unit once its index is known; only plain decimal numbers are accepted (no sign, exponent, NaN or
 * infinity). Times take any number of decimals (a JavaScript seek bar sends {@code 6.666666666666667}),
 * up to {@value #MAX_SECONDS_LENGTH} characters in all. A parameter given more than once, or without a
 * value ({@code ?start}), is refused like a malformed one rather than read one way or another.
 *
 * @param start the {@code start} value, {@code null} when absent, empty when given without a value
 * @param end the {@code end} value, {@code null} when absent, empty when given without a value
 * @param time the FLV time parameter's value, {@code null} when absent or not configured
 * @param repeated the name of a seek parameter given more than once, {@code null} if none
 */
record SeekQuery(@Nullable String start, @Nullable String end, @Nullable String time, @Nullable String repeated) {

	private static final Pattern BYTES = Pattern.compile("[0-9]{1,18}");

	/** Longest time value accepted: twelve integer digits and more decimals than a double keeps. */
	static final int MAX_SECONDS_LENGTH = 32;

	// Any number of decimals: Double.parseDouble rounds them to the nearest double (15 to 17 significant
	// digits), finer than any timescale a format uses; the length check in seconds() bounds the match.
	private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}(\\.[0-9]+)?");

	/**
	 * Read the parameters of a request.
	 * @param params the query parameters
	 * @param timeParameter the configured FLV time parameter name, {@code null} if none
	 * @return the query
	 */
	static SeekQuery from(MultiValueMap<String, String> params, @Nullable String timeParameter) {
		String repeated = repeated(params, "start");
		if (repeated == null) {
			repeated = repeated(params, "end");
		}
		if (repeated == null && timeParameter != null) {
			repeated = repeated(params, timeParameter);
		}
		return new SeekQuery(value(params, "start"), value(params, "end"),
				(timeParameter != null) ? value(params, timeParameter) : null, repeated);
	}

	private static @Nullable String value(MultiValueMap<String, String> params, String name) {
		List<String> values = params.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		String value = values.get(0);
		return (value != null) ? value : "";
	}

	private static @Nullable String repeated(MultiValueMap<String, String> params, String name) {
		List<String> values = params.get(name);
		return (values != null && values.size() > 1) ? name : null;
	}

	/**
	 * Return whether the request asks for a seek.
	 * @return {@code true} when any seek parameter is present
	 */
	boolean present() {
		return this.start != null || this.end != null || this.time != null;
	}

	/**
	 * Return the seek's start as the actuator endpoint shows it: the {@code start} value as sent, or for a
	 * seek by the FLV time parameter its name and value ({@code t=12.5}), since a bare {@code 12.5} would
	 * read as the byte offset an FLV {@code start} is.
	 * @param timeParameter the configured FLV time parameter name, {@code null} if none
	 * @return the start, {@code null} for no start
	 */
	@Nullable String shownStart(@Nullable String timeParameter) {
		return (this.start == null && this.time != null) ? timeParameter + "=" + this.time : this.start;
	}

	/**
	 * Return a stable description of the document a seek makes, distinguishing it in its ETag: the
	 * parameters as sent, and whether the start is exact (an MP4 cut with an edit list is another document
	 * than the same cut starting at its key frame, so a change of {@code mp4.exact-start} changes the tag).
	 * @param request the request these parameters make
	 * @return e.g. {@code start=10.5&end=20&t=null&exact}
	 */
	String variant(SeekRequest request) {
		String exact = (request instanceof SeekRequest.TimeRange range && range.exactStart()) ? "&exact" : "";
		return "start=" + this.start + "&end=" + this.end + "&t=" + this.time + exact;
	}

	/**
	 * Turn the parameters into a request for a seeker.
	 * @param unit the file's seek unit
	 * @param exactStart whether time seeks should start exactly at the requested time
	 * @return the request
	 * @throws InvalidSeekException if a value is not a valid number for this unit
	 */
	SeekRequest toRequest(SeekUnit unit, boolean exactStart) throws InvalidSeekException {
		if (this.repeated != null) {
			throw new InvalidSeekException("'" + this.repeated + "' is given more than once");
		}
		if (unit == SeekUnit.BYTES) {
			if (this.time != null) {
				if (this.start != null) {
					throw new InvalidSeekException("Give either a byte offset or a time, not both");
				}
				return new SeekRequest.TimeRange(seconds("time", this.time), null, false);
			}
			if (this.end != null) {
				throw new InvalidSeekException("'end' is not supported for this format; 'start' is a byte offset");
			}
			if (this.start == null || !BYTES.matcher(this.start).matches()) {
				throw new InvalidSeekException("'start' must be a byte offset: a whole number >= 0");
			}
			return new SeekRequest.ByteOffset(Long.parseLong(this.start));
		}
		if (this.time != null) {
			throw new InvalidSeekException("The time parameter is only for FLV files; use 'start' in seconds");
		}
		double startSeconds = (this.start != null) ? seconds("start", this.start) : 0;
		Double endSeconds = (this.end != null) ? seconds("end", this.end) : null;
		if (endSeconds != null && endSeconds <= startSeconds) {
			throw new InvalidSeekException("'end' must be greater than 'start'");
		}
		return new SeekRequest.TimeRange(startSeconds, endSeconds, exactStart);
	}

	private static double seconds(String name, String value) throws InvalidSeekException {
		if (value.length() > MAX_SECONDS_LENGTH) {
			throw new InvalidSeekException("'" + name + "' is too long: a time in seconds has at most "
					+ MAX_SECONDS_LENGTH + " characters");
		}
		if (!SECONDS.matcher(value).matches()) {
			throw new InvalidSeekException("'" + name + "' must be a time in seconds, such as 12 or 12.5");
		}
		return Double.parseDouble(value);
	}

}
