package io.github.mediastreaming.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import io.github.mediastreaming.source.MediaFile;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The validators of one representation and the evaluation of the request's preconditions against them
 * (RFC 9110 section 13.2.2 order: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since,
 * then If-Range for ranges). Entity tags are parsed by Spring ({@link HttpHeaders#getIfMatch()}),
 * dates by {@link HttpDates#parse(String)} (all three formats of RFC 9110); the evaluation is ours
 * because Spring's {@code ServerWebExchange.checkNotModified} ignores {@code If-Match} on GET and HEAD
 * (it guards only unsafe methods against lost updates), while RFC 9110 section 13.1.1 applies them to
 * every method: a client resuming a download with {@code If-Match} must get a 412 once the file
 * changed, not the new bytes.
 *
 * @param etag the strong entity tag, quoted
 * @param lastModified the modification time, truncated to seconds as HTTP dates are
 */
record Validators(String etag, Instant lastModified) {

	Validators {
		lastModified = lastModified.truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * Return the validators of a file served as it is or of one of its derived documents.
	 * @param file the file
	 * @param variant what distinguishes the derived document (a seek, a reordering), empty for the file
	 * @return the validators
	 */
	static Validators of(MediaFile file, String variant) {
		String entityTag = file.entityTag();
		String tag = (entityTag != null) ? digest(entityTag)
				: Long.toHexString(file.sizeBytes()) + "-" + Long.toHexString(file.lastModified().toEpochMilli());
		if (!variant.isEmpty()) {
			tag = tag + "-" + digest(variant);
		}
		return new Validators("\"" + tag + "\"", file.lastModified());
	}

	/**
	 * Return 64 bits of the variant's SHA-256, in hex: a 32-bit hash would let two seeks of one file
	 * collide, and a cache would then answer a Range of one document with the bytes of another.
	 */
	private static String digest(String variant) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(variant.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * Evaluate the preconditions of a GET or HEAD request.
	 * @param headers the request headers
	 * @return the outcome
	 */
	Precondition evaluate(HttpHeaders headers) {
		List<String> ifMatch = tags(headers::getIfMatch);
		if (!ifMatch.isEmpty()) {
			if (!matches(ifMatch, false)) {
				return Precondition.FAILED;
			}
		}
		else if (before(HttpDates.parse(headers.getFirst(HttpHeaders.IF_UNMODIFIED_SINCE)))) {
			return Precondition.FAILED;
		}
		List<String> ifNoneMatch = tags(headers::getIfNoneMatch);
		if (!ifNoneMatch.isEmpty()) {
			return matches(ifNoneMatch, true) ? Precondition.NOT_MODIFIED : Precondition.PROCEED;
		}
		// An invalid date is read as none, which RFC 9110 says to ignore.
		Instant ifModifiedSince = HttpDates.parse(headers.getFirst(HttpHeaders.IF_MODIFIED_SINCE));
		if (ifModifiedSince != null && !this.lastModified.isAfter(ifModifiedSince)) {
			return Precondition.NOT_MODIFIED;
		}
		return Precondition.PROCEED;
	}

	/**
	 * Return whether the request's If-None-Match names this representation's tag itself (not {@code *}):
	 * the client holds this very document, so it exists, whatever else could be checked about it.
	 * @param headers the request headers
	 * @return whether the tag is named
	 */
	boolean namedByIfNoneMatch(HttpHeaders headers) {
		List<String> named = tags(headers::getIfNoneMatch).stream().filter((tag) -> !tag.trim().equals("*")).toList();
		return matches(named, true);
	}

	/** Parse one entity-tag header; a malformed one is ignored (RFC 9110 lets a server do so), not the rest. */
	private static List<String> tags(Supplier<List<String>> header) {
		try {
			return header.get();
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

	/**
	 * Return whether a Range request may be honoured given its If-Range header.
	 * @param ifRange the If-Range value, {@code null} when absent
	 * @return {@code true} when absent or matching (strong comparison, or an exact date)
	 */
	boolean rangeAllowed(@Nullable String ifRange) {
		if (ifRange == null) {
			return true;
		}
		String value = ifRange.trim();
		if (value.startsWith("\"") || value.startsWith("W/")) {
			return value.equals(this.etag);
		}
		return this.lastModified.equals(HttpDates.parse(value));
	}

	private boolean before(@Nullable Instant ifUnmodifiedSince) {
		return ifUnmodifiedSince != null && this.lastModified.isAfter(ifUnmodifiedSince);
	}

	private boolean matches(List<String> tags, boolean weak) {
		for (String tag : tags) {
			String candidate = tag.trim();
			if (candidate.equals("*")) {
				return true;
			}
			if (weak && candidate.startsWith("W/")) {
				candidate = candidate.substring(2);
			}
			if (candidate.equals(this.etag)) {
				return true;
			}
		}
		return false;
	}

	/** Outcome of the preconditions. */
	enum Precondition {

		/** Serve the request. */
		PROCEED,

		/** 304 Not Modified. */
		NOT_MODIFIED,

		/** 412 Precondition Failed. */
		FAILED

	}

}
