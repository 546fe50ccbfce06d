package io.github.mediastreaming.autoconfigure;

import io.github.mediastreaming.signing.SigningKey;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The startup report for a signing key that is too short: which property, how long the key is, and how
 * to make a good one, never the key's value.
 */
class InvalidSigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSigningKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSigningKeyException cause) {
		return new FailureAnalysis(
				"The signing key in '" + cause.property() + "' has " + cause.bytes()
						+ " bytes of UTF-8 (its value is not shown); a key needs at least " + SigningKey.MINIMUM_BYTES
						+ ".",
				"Set '" + cause.property() + "' to a longer secret, such as the output of 'openssl rand -base64 48'.",
				cause);
	}

}
