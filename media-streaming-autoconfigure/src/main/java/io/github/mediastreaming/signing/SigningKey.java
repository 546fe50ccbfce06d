package io.github.mediastreaming.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One secret HMAC-SHA256 key. Its bytes never leave it: {@link #toString()} shows only their count, so
 * a key cannot end up in a log line or an error message by accident.
 */
public final class SigningKey {

	/** Fewest bytes a key may have: HMAC-SHA256's output length, as RFC 2104 advises. */
	public static final int MINIMUM_BYTES = 32;

	private static final String ALGORITHM = "HmacSHA256";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	private final int length;

	private SigningKey(byte[] bytes) {
		if (bytes.length < MINIMUM_BYTES) {
			throw new IllegalArgumentException(
					"A signing key needs at least " + MINIMUM_BYTES + " bytes, this one has " + bytes.length);
		}
		this.key = new SecretKeySpec(bytes, ALGORITHM);
		this.length = bytes.length;
	}

	/**
	 * Make a key of a secret's UTF-8 bytes.
	 * @param secret the secret, at least {@value #MINIMUM_BYTES} bytes in UTF-8
	 * @return the key
	 * @throws IllegalArgumentException if the secret is too short
	 */
	public static SigningKey of(String secret) {
		return new SigningKey(secret.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return the unpadded base64url HMAC-SHA256 of a message under this key.
	 * @param message the message, such as {@code 1767225600/media/movies/a.mp4}
	 * @return the signature, 43 characters
	 */
	public String sign(String message) {
		Mac mac;
		try {
			// Mac is not thread-safe; a fresh one per call costs about a microsecond.
			mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("Every Java runtime has " + ALGORITHM, ex);
		}
		return ENCODER.encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public String toString() {
		return "SigningKey (" + this.length + " bytes, not shown)";
	}

}
