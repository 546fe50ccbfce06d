package io.github.mediastreaming.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Signatures and verdicts without a server. The expected signatures were computed with openssl, not with
 * this code: {@code echo -n '1767225600/media/movies/a.mp4' | openssl dgst -sha256 -hmac "$KEY" -binary | base64 | tr '+/' '-_' | tr -d '='}.
 */
class SignedUrlVerifierTests {

	static final String KEY = "an example key of thirty-two bytes or more!";

	static final String OTHER_KEY = "another key, also thirty-two bytes or more";

	/** 2026-01-01T00:00:00Z. */
	static final long EXPIRES = 1767225600L;

	static final String PATH = "/media/movies/a.mp4";

	static final String SIGNATURE = "JI-BBTFqYqtbygKxQx7genPe4mrJLyV5VmI7A-1blpw";

	@Test
	void signatureIsTheUnpaddedBase64UrlHmacSha256OfExpiresAndPath() {
		assertThat(SigningKey.of(KEY).sign(EXPIRES + PATH)).isEqualTo(SIGNATURE);
		assertThat(SigningKey.of(KEY).sign(EXPIRES + "/media/movies/a b.mp4"))
			.isEqualTo("w9yHte02ofsKiko9s6oJ6IhTlePajRpqlfbb4xmL3pk");
	}

	@Test
	void linkIsValidUntilItsExpirySecondIncludedAndExpiredAfter() {
		assertThat(verifierAt(EXPIRES - 3600).verify(PATH, "1767225600", SIGNATURE)).isEqualTo(Verdict.VALID);
		assertThat(verifierAt(EXPIRES).verify(PATH, "1767225600", SIGNATURE)).isEqualTo(Verdict.VALID);
		assertThat(verifierAt(EXPIRES + 1).verify(PATH, "1767225600", SIGNATURE)).isEqualTo(Verdict.EXPIRED);
	}

	@Test
	void signatureForAnotherPathIsInvalid() {
		assertThat(verifierAt(EXPIRES - 60).verify("/media/movies/b.mp4", "1767225600", SIGNATURE))
			.isEqualTo(Verdict.INVALID);
	}

	@Test
	void changedExpiryIsInvalid() {
		assertThat(verifierAt(EXPIRES - 60).verify(PATH, "1767225601", SIGNATURE)).isEqualTo(Verdict.INVALID);
	}

	@Test
	void expiredLinkWithAWrongSignatureIsInvalidNotExpired() {
		String wrong = "A" + SIGNATURE.substring(1);
		assertThat(verifierAt(EXPIRES + 10).verify(PATH, "1767225600", wrong)).isEqualTo(Verdict.INVALID);
	}

	@Test
	void paddedOrStandardBase64SignaturesAreInvalid() {
		SignedUrlVerifier verifier = verifierAt(EXPIRES - 60);
		assertThat(verifier.verify(PATH, "1767225600", SIGNATURE + "=")).isEqualTo(Verdict.INVALID);
		assertThat(verifier.verify(PATH, "1767225600", SIGNATURE.replace('-', '+'))).isEqualTo(Verdict.INVALID);
		assertThat(verifier.verify(PATH, "1767225600", "")).isEqualTo(Verdict.INVALID);
	}

	@Test
	void absentParametersAreMissing() {
		SignedUrlVerifier verifier = verifierAt(EXPIRES - 60);
		assertThat(verifier.verify(PATH, null, SIGNATURE)).isEqualTo(Verdict.MISSING);
		assertThat(verifier.verify(PATH, "1767225600", null)).isEqualTo(Verdict.MISSING);
	}

	@Test
	void everyKeyVerifiesSoKeysCanRotate() {
		SignedUrlSettings rotated = settings(List.of(SigningKey.of(OTHER_KEY), SigningKey.of(KEY)));
		SignedUrlVerifier verifier = new SignedUrlVerifier(rotated, clockAt(EXPIRES - 60));
		assertThat(verifier.verify(PATH, "1767225600", SIGNATURE)).isEqualTo(Verdict.VALID);
		String signedWithNewKey = SigningKey.of(OTHER_KEY).sign(EXPIRES + PATH);
		assertThat(verifier.verify(PATH, "1767225600", signedWithNewKey)).isEqualTo(Verdict.VALID);
		assertThat(verifierAt(EXPIRES - 60).verify(PATH, "1767225600", signedWithNewKey)).isEqualTo(Verdict.INVALID);
	}

	@Test
	void correctlySignedExpiryBeyondTheMaximumLifetimeIsTooLong() {
		// A minute's grace for an instance whose clock trails the signer's (SignedUrlClockSkewTests).
		long furthest = Duration.ofDays(7).getSeconds() + SignedUrlVerifier.CLOCK_SKEW_SECONDS;
		SignedUrlVerifier verifier = verifierAt(EXPIRES - furthest - 1);
		assertThat(verifier.verify(PATH, "1767225600", SIGNATURE)).isEqualTo(Verdict.TOO_LONG);
		assertThat(verifierAt(EXPIRES - furthest).verify(PATH, "1767225600", SIGNATURE)).isEqualTo(Verdict.VALID);
	}

	@Test
	void aMaximumLifetimeAsLongAsADurationCanBeDoesNotMakeEveryLinkTooLong() {
		SignedUrlSettings forever = new SignedUrlSettings(List.of(SigningKey.of(KEY)), "expires", "signature",
				Duration.ofHours(6), Duration.ofSeconds(Long.MAX_VALUE));
		SignedUrlVerifier verifier = new SignedUrlVerifier(forever, clockAt(0));
		assertThat(verifier.verify(PATH, "1767225600", SIGNATURE)).isEqualTo(Verdict.VALID);
	}

	@Test
	void correctlySignedExpiriesThatAreNotPlainEpochSecondsAreInvalid() {
		SignedUrlVerifier verifier = verifierAt(0);
		for (String expires : new String[] { "", "-1", "+1767225600", "1767225600.0", " 1767225600", "9999999999999",
				"١٧٦٧٢٢٥٦٠٠" }) {
			String signature = SigningKey.of(KEY).sign(expires + PATH);
			assertThat(verifier.verify(PATH, expires, signature)).as(expires).isEqualTo(Verdict.INVALID);
		}
	}

	@Test
	void keysShorterThan32BytesAreRefusedWithoutShowingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.of("short secret"))
			.withMessageNotContaining("short secret");
		assertThat(SigningKey.of(KEY).toString()).doesNotContain(KEY).contains("43 bytes");
	}

	static SignedUrlSettings settings(List<SigningKey> keys) {
		return new SignedUrlSettings(keys, "expires", "signature", Duration.ofHours(6), Duration.ofDays(7));
	}

	static Clock clockAt(long epochSeconds) {
		return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
	}

	private static SignedUrlVerifier verifierAt(long epochSeconds) {
		return new SignedUrlVerifier(settings(List.of(SigningKey.of(KEY))), clockAt(epochSeconds));
	}

}
