package io.github.mediastreaming.signing;

import java.util.Locale;

/**
 * What {@link SignedUrlVerifier} decided about a link. Every refusal but {@link #EXPIRED} is answered
 * alike (403), so a client cannot tell which part of its link was wrong; the reasons are kept apart
 * for the operator's metrics only.
 */
public enum Verdict {

	/** A signature from one of the keys, not expired, within the maximum lifetime. */
	VALID,

	/** The expiry or the signature parameter is absent (or given more than once). */
	MISSING,

	/** The signature matches no key, or the expiry is not a number of epoch seconds. */
	INVALID,

	/** A correct signature whose expiry has passed. */
	EXPIRED,

	/**
	 * A correct signature whose expiry lies further ahead than the maximum lifetime: a link meant to last
	 * for years, or one signed with a leaked key and a far expiry.
	 */
	TOO_LONG;

	/**
	 * Return whether the link lets the request through.
	 * @return {@code true} for {@link #VALID}
	 */
	public boolean valid() {
		return this == VALID;
	}

	/**
	 * Return the lower-case name used in metric tags.
	 * @return e.g. {@code "too_long"}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
