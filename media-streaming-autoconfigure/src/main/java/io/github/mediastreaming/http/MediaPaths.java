package io.github.mediastreaming.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriUtils;

/**
 * Checks the raw (still percent-encoded) path below the URL prefix before any store sees it, so no
 * request can name something outside the media root: encoded slashes, backslashes, NULs and percent
 * signs (double encoding), dot segments, colons and backslashes are refused with a 400; empty and
 * hidden segments (any segment starting with a dot) are simply not found. A pure function.
 */
final class MediaPaths {

	private MediaPaths() {
	}

	/**
	 * Return the raw path below the URL prefix, or {@code null} when it is not under it. The prefix is
	 * compared segment by segment once decoded, as the router matches it, so a prefix that needs encoding
	 * ({@code /vidéos}) matches however a client encodes it ({@code /vid%C3%A9os}, {@code /vid%c3%a9os}).
	 * @param raw the request path, percent-encoded as received
	 * @param prefix the prefix as configured (decoded), with a leading and a trailing slash
	 * @return the raw rest of the path, without a leading slash, or {@code null}
	 */
	static @Nullable String below(String raw, String prefix) {
		if (raw.startsWith(prefix)) {
			return raw.substring(prefix.length());
		}
		if (raw.indexOf('%') < 0 || !raw.startsWith("/")) {
			return null;
		}
		int at = 1;
		int from = 1;
		while (from < prefix.length()) {
			int prefixSlash = prefix.indexOf('/', from);
			int slash = raw.indexOf('/', at);
			if (slash < 0) {
				return null;
			}
			String segment;
			try {
				segment = UriUtils.decode(raw.substring(at, slash), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
			if (!segment.equals(prefix.substring(from, prefixSlash))) {
				return null;
			}
			at = slash + 1;
			from = prefixSlash + 1;
		}
		return raw.substring(at);
	}

	/**
	 * Check a raw path.
	 * @param raw the request path below the prefix, percent-encoded as received, without a leading slash
	 * @return the decoded path to look up, or the reason there is none
	 */
	static Checked check(String raw) {
		if (raw.isEmpty()) {
			return NOT_FOUND;
		}
		StringBuilder path = new StringBuilder(raw.length());
		int start = 0;
		while (start <= raw.length()) {
			int slash = raw.indexOf('/', start);
			int end = (slash < 0) ? raw.length() : slash;
			Checked segment = segment(raw.substring(start, end), path);
			if (segment != null) {
				return segment;
			}
			start = end + 1;
		}
		return new Checked.Safe(path.toString());
	}

	/** Append one decoded segment, or return why the path is refused. */
	private static Checked segment(String raw, StringBuilder path) {
		if (raw.indexOf('%') >= 0) {
			String lower = raw.toLowerCase(Locale.ROOT);
			if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || lower.contains("%25")) {
				return bad("Encoded slashes, backslashes, NULs and percent signs are not allowed in media paths");
			}
		}
		String segment;
		try {
			segment = UriUtils.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return bad("Malformed percent-encoding in the path");
		}
		if (segment.equals("..") || segment.equals(".")) {
			return bad("Dot segments are not allowed in media paths");
		}
		if (segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0 || segment.indexOf(':') >= 0) {
			return bad("Backslashes, colons and NULs are not allowed in media paths");
		}
		if (segment.isEmpty() || segment.startsWith(".")) {
			return NOT_FOUND;
		}
		if (!path.isEmpty()) {
			path.append('/');
		}
		path.append(segment);
		return null;
	}

	private static Checked bad(String detail) {
		return new Checked.Rejected(HttpStatus.BAD_REQUEST, detail);
	}

	private static final Checked NOT_FOUND = new Checked.Rejected(HttpStatus.NOT_FOUND, "No such media file");

	/** Outcome of the check. */
	sealed interface Checked permits Checked.Safe, Checked.Rejected {

		/**
		 * A path a store may look up.
		 *
		 * @param path decoded segments joined by '/'
		 */
		record Safe(String path) implements Checked {

		}

		/**
		 * A path no file answers.
		 *
		 * @param status 400 for a malformed or escaping path, 404 for anything else
		 * @param detail what was wrong, for the client
		 */
		record Rejected(HttpStatus status, String detail) implements Checked {

		}

	}

}
