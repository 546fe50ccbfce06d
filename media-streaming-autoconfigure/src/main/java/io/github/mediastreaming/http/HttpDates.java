package io.github.mediastreaming.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * HTTP dates: written as RFC 9110's IMF-fixdate (as Spring's {@code HttpHeaders} writes them), file
 * modification times remembered, since a server answers many requests for a few files and formatting a
 * date is a few microseconds of a small request's budget (thread-safe without locks: each slot holds an
 * immutable pair; a lost race only formats twice); read in all three formats RFC 9110 section 5.6.7
 * obliges a recipient to accept, which Spring's parsing does not (it misses the asctime day padded with a
 * space: {@code Sun Nov  6 08:49:37 1994}).
 */
final class HttpDates {

	private static final ZoneId GMT = ZoneId.of("GMT");

	private static final DateTimeFormatter FORMAT = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
		.withZone(GMT);

	// Strict: a day name that is not the date's, or 31 February, is not a date (as Spring reads them).
	private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
		.ofPattern("EEE, d MMM uuuu HH:mm:ss 'GMT'", Locale.US)
		.withZone(GMT)
		.withResolverStyle(ResolverStyle.STRICT);

	private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.US)
		.withZone(GMT)
		.withResolverStyle(ResolverStyle.STRICT);

	private static final int SLOTS = 256;

	private static final AtomicReferenceArray<Formatted> recent = new AtomicReferenceArray<>(SLOTS);

	private HttpDates() {
	}

	/**
	 * Format a time, to the second.
	 * @param time the time
	 * @return the HTTP date
	 */
	static String format(Instant time) {
		long seconds = time.getEpochSecond();
		int slot = (int) (seconds ^ (seconds >>> 32)) & (SLOTS - 1);
		Formatted formatted = recent.get(slot);
		if (formatted == null || formatted.seconds != seconds) {
			formatted = new Formatted(seconds, FORMAT.format(Instant.ofEpochSecond(seconds)));
			recent.set(slot, formatted);
		}
		return formatted.value;
	}

	/**
	 * Read an HTTP date in any of RFC 9110's three formats: {@code Sun, 06 Nov 1994 08:49:37 GMT},
	 * {@code Sunday, 06-Nov-94 08:49:37 GMT}, {@code Sun Nov  6 08:49:37 1994}.
	 * @param value the header value, {@code null} when absent
	 * @return the time, {@code null} when absent or not a valid HTTP date (which RFC 9110 says to ignore)
	 */
	static @Nullable Instant parse(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String text = value;
		int semicolon = text.indexOf(';');
		if (semicolon >= 0) {
			// Old browsers append "; length=N" to If-Modified-Since; Spring read the date before it too.
			text = text.substring(0, semicolon);
		}
		text = text.trim();
		try {
			int comma = text.indexOf(", ");
			if (comma > 0) {
				return (text.indexOf('-', comma) > 0) ? rfc850(text) : IMF_FIXDATE.parse(text, Instant::from);
			}
			return ASCTIME.parse(text, Instant::from);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The obsolete RFC 850 form, whose two-digit year is the latest one not more than 50 years ahead. */
	private static Instant rfc850(String date) {
		int earliest = Year.now(ZoneOffset.UTC).getValue() - 49;
		return new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
			.appendValueReduced(ChronoField.YEAR, 2, 2, earliest)
			.appendPattern(" HH:mm:ss 'GMT'")
			.toFormatter(Locale.US)
			.withZone(GMT)
			.withResolverStyle(ResolverStyle.STRICT)
			.parse(date, Instant::from);
	}

	private record Formatted(long seconds, String value) {

	}

}
