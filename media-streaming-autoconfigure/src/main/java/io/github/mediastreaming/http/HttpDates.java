package io.github.mediastreaming.http;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * HTTP dates (RFC 9110's IMF-fixdate, as Spring's {@code HttpHeaders} writes them) of file modification
 * times, remembered: a server answers many requests for a few files, and formatting a date is a few
 * microseconds of a small request's budget. Thread-safe without locks (each slot holds an immutable
 * pair; a lost race only formats twice).
 */
final class HttpDates {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
		.withZone(ZoneId.of("GMT"));

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

	private record Formatted(long seconds, String value) {

	}

}
