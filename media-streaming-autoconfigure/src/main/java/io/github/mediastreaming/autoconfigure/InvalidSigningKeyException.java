package io.github.mediastreaming.autoconfigure;

import io.github.mediastreaming.signing.SigningKey;

/**
 * A configured signing key too short to sign with. Its own exception, not Spring Boot's
 * {@code InvalidConfigurationPropertyValueException}, because the report Boot prints for that one shows
 * the property's value as the environment holds it: the secret itself.
 */
public class InvalidSigningKeyException extends RuntimeException {

	private final String property;

	private final int bytes;

	/**
	 * Create the exception.
	 * @param property the property that holds the key, such as {@code media.streaming.signed-urls.keys[0]}
	 * @param bytes the key's length in bytes of UTF-8
	 */
	public InvalidSigningKeyException(String property, int bytes) {
		super("The key in '" + property + "' has " + bytes + " bytes (not shown); a key needs at least "
				+ SigningKey.MINIMUM_BYTES + " bytes, such as the output of 'openssl rand -base64 48'");
		this.property = property;
		this.bytes = bytes;
	}

	/**
	 * Return the property that holds the key.
	 * @return its name
	 */
	public String property() {
		return this.property;
	}

	/**
	 * Return the key's length.
	 * @return bytes of UTF-8
	 */
	public int bytes() {
		return this.bytes;
	}

}
