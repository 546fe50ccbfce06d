package io.github.mediastreaming.http;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Cache-Control} of a response that may be reused only for a while: a signed link's, which a
 * cache must stop serving when the link expires, or an expired link keeps working from a CDN for as long
 * as the configured {@code max-age} allows. Pure string work, so the rule is tested without a server.
 */
final class CacheFreshness {

	private CacheFreshness() {
	}

	/**
	 * Return the configured header with its freshness limited: every {@code max-age} and {@code s-maxage}
	 * lowered to {@code seconds} if it is higher, and {@code max-age=seconds} added when neither is given
	 * (a cache would otherwise pick a heuristic lifetime of its own). Permission to serve the response
	 * stale ({@code stale-while-revalidate}, {@code stale-if-error}) is dropped, since a stale copy of an
	 * expired link is an expired link served, and {@code must-revalidate} added when it is not there, so a
	 * cache that loses its origin does not serve one either (RFC 9111 section 4.2.4). A header that forbids
	 * storing ({@code no-store}) is left as it is.
	 * @param configured the configured header, {@code null} for none
	 * @param seconds how long the response may be reused, at least 0
	 * @return the header to send
	 */
	static String limit(@Nullable String configured, long seconds) {
		if (configured == null) {
			return "max-age=" + seconds + ", must-revalidate";
		}
		StringBuilder limited = new StringBuilder(configured.length() + 16);
		boolean lifetimeGiven = false;
		boolean mustRevalidate = false;
		for (String part : configured.split(",")) {
			String directive = part.trim();
			if (directive.isEmpty()) {
				continue;
			}
			int equals = directive.indexOf('=');
			String name = ((equals < 0) ? directive : directive.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
			if (name.equals("no-store")) {
				return configured;
			}
			if (name.equals("stale-while-revalidate") || name.equals("stale-if-error")) {
				continue;
			}
			mustRevalidate |= name.equals("must-revalidate");
			if (name.equals("max-age") || name.equals("s-maxage")) {
				lifetimeGiven = true;
				long given = (equals < 0) ? -1 : deltaSeconds(directive.substring(equals + 1));
				directive = name + "=" + ((given >= 0) ? Math.min(given, seconds) : seconds);
			}
			append(limited, directive);
		}
		if (!lifetimeGiven) {
			append(limited, "max-age=" + seconds);
		}
		if (!mustRevalidate) {
			append(limited, "must-revalidate");
		}
		return limited.toString();
	}

	private static void append(StringBuilder header, String directive) {
		if (!header.isEmpty()) {
			header.append(", ");
		}
		header.append(directive);
	}

	/** RFC 9111 delta-seconds, quoted or not; -1 when it is not one. */
	private static long deltaSeconds(String value) {
		String digits = value.trim();
		if (digits.length() >= 2 && digits.startsWith("\"") && digits.endsWith("\"")) {
			digits = digits.substring(1, digits.length() - 1);
		}
		if (digits.isEmpty() || digits.length() > 18) {
			return digits.isEmpty() ? -1 : Long.MAX_VALUE;
		}
		for (int i = 0; i < digits.length(); i++) {
			if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
				return -1;
			}
		}
		return Long.parseLong(digits);
	}

}
