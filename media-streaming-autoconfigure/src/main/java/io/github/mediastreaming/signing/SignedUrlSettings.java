package io.github.mediastreaming.signing;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How links are signed and checked.
 *
 * @param keys the keys: the first signs, every one verifies (so a new key can be put first while links
 * signed with the old one still work until they expire)
 * @param expiresParameter the query parameter that carries the expiry in epoch seconds, such as
 * {@code expires}
 * @param signatureParameter the query parameter that carries the signature, such as {@code signature}
 * @param defaultLifetime how long a link {@link MediaUrlSigner#sign(String)} builds lasts
 * @param maximumLifetime the furthest ahead an expiry may lie, checked when signing and when verifying
 */
public record SignedUrlSettings(List<SigningKey> keys, String expiresParameter, String signatureParameter,
		Duration defaultLifetime, Duration maximumLifetime) {

	/** The default expiry parameter. */
	public static final String DEFAULT_EXPIRES_PARAMETER = "expires";

	/** The default signature parameter. */
	public static final String DEFAULT_SIGNATURE_PARAMETER = "signature";

	/** The default lifetime of a signed link: a long film, paused for a while. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofHours(6);

	/** The default maximum lifetime. */
	public static final Duration DEFAULT_MAXIMUM_LIFETIME = Duration.ofDays(7);

	/** Characters a parameter name may use: unreserved in a URL, so it needs no encoding. */
	private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9._~-]+");

	public SignedUrlSettings {
		keys = List.copyOf(keys);
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("At least one signing key is needed");
		}
		if (!isParameterName(expiresParameter) || !isParameterName(signatureParameter)
				|| expiresParameter.equals(signatureParameter)) {
			throw new IllegalArgumentException("The expiry and signature parameters need two different names of "
					+ "letters, digits, '.', '_', '~' or '-', were '" + expiresParameter + "' and '" + signatureParameter
					+ "'");
		}
		if (maximumLifetime.getSeconds() < 1 || defaultLifetime.getSeconds() < 1
				|| defaultLifetime.compareTo(maximumLifetime) > 0) {
			throw new IllegalArgumentException("Lifetimes must be at least 1s, the default no longer than the maximum; "
					+ "were " + defaultLifetime + " and " + maximumLifetime);
		}
	}

	/**
	 * Return whether a name can be a signing parameter as it is, without encoding.
	 * @param name the name
	 * @return whether it is a non-empty run of unreserved URL characters
	 */
	public static boolean isParameterName(String name) {
		return PARAMETER.matcher(name).matches();
	}

	/**
	 * Return the key that signs new links.
	 * @return the first key
	 */
	public SigningKey signingKey() {
		return this.keys.get(0);
	}

}
