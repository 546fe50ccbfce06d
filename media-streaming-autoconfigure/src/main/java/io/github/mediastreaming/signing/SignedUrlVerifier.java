package io.github.mediastreaming.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Checks a signed link: is its signature the HMAC-SHA256 of {@code expires + path} under one of the
 * keys, has it not expired, and does its expiry lie no further ahead than the maximum lifetime?
 *
 * <p>The signature is checked first, against every key and in constant time
 * ({@link MessageDigest#isEqual}), so neither the answer nor the time it takes tells a forger how much of
 * a guess was right; only a correctly signed link can be told that it has expired. For example, with
 * the key {@code k} a link to {@code /media/a.mp4} expiring at 1767225600 carries
 * {@code signature = base64url(HMAC-SHA256(k, "1767225600/media/a.mp4"))}: it is {@link Verdict#VALID}
 * until 2026-01-01T00:00:00Z (that second included) and {@link Verdict#EXPIRED} after; the same link
 * with {@code /media/b.mp4} is {@link Verdict#INVALID}.
 */
public final class SignedUrlVerifier {

	/** Longest expiry accepted: epoch seconds stay below 12 digits for the next 30,000 years. */
	private static final int MAXIMUM_EXPIRES_DIGITS = 12;

	/**
	 * How far an instance's clock may trail the signer's before a link signed for the whole maximum
	 * lifetime looks too long to it: the instances of a fleet differ by milliseconds under NTP, and a
	 * link signed just after a second boundary is a second too long on a clock just before it.
	 */
	static final long CLOCK_SKEW_SECONDS = 60;

	private final List<SigningKey> keys;

	private final long maximumLifetimeSeconds;

	private final Clock clock;

	/**
	 * Create a verifier.
	 * @param settings the keys and the maximum lifetime
	 * @param clock the time to check expiries against
	 */
	public SignedUrlVerifier(SignedUrlSettings settings, Clock clock) {
		this.keys = settings.keys();
		this.maximumLifetimeSeconds = settings.maximumLifetime().getSeconds();
		this.clock = clock;
	}

	/**
	 * Check a link.
	 * @param path the request path, decoded (as nginx's {@code $uri}), such as {@code /media/movies/a b.mp4}
	 * @param expires the expiry parameter's value, {@code null} when absent
	 * @param signature the signature parameter's value, {@code null} when absent
	 * @return the verdict
	 */
	public Verdict verify(String path, @Nullable String expires, @Nullable String signature) {
		if (expires == null || signature == null) {
			return Verdict.MISSING;
		}
		byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
		boolean matches = false;
		for (SigningKey key : this.keys) {
			// No early exit: the time does not tell which key, if any, matched.
			matches |= MessageDigest.isEqual(key.sign(expires + path).getBytes(StandardCharsets.US_ASCII), given);
		}
		if (!matches) {
			return Verdict.INVALID;
		}
		long expiresSeconds = epochSeconds(expires);
		if (expiresSeconds < 0) {
			return Verdict.INVALID;
		}
		long now = this.clock.instant().getEpochSecond();
		if (now > expiresSeconds) {
			return Verdict.EXPIRED;
		}
		// Subtracted rather than added: a maximum lifetime near Long.MAX_VALUE seconds must not overflow.
		if (expiresSeconds - now - CLOCK_SKEW_SECONDS > this.maximumLifetimeSeconds) {
			return Verdict.TOO_LONG;
		}
		return Verdict.VALID;
	}

	/**
	 * Return how many seconds a {@link Verdict#VALID} link has left: it works through its expiry's second.
	 * @param expires the expiry parameter's value, which {@link #verify} found valid
	 * @return the seconds, at least 0
	 */
	public long secondsLeft(String expires) {
		return Math.max(0, epochSeconds(expires) - this.clock.instant().getEpochSecond());
	}

	/** Parse plain decimal digits (no sign, no spaces); -1 for anything else. */
	static long epochSeconds(String value) {
		if (value.isEmpty() || value.length() > MAXIMUM_EXPIRES_DIGITS) {
			return -1;
		}
		long seconds = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			seconds = seconds * 10 + (c - '0');
		}
		return seconds;
	}

}
