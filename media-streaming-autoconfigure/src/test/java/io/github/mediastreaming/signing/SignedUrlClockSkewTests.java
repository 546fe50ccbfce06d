package io.github.mediastreaming.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links signed on one instance of a fleet and checked on another (docs/deployment.md: any instance may
 * answer any request), whose clocks, kept by NTP, still differ by a few milliseconds.
 */
class SignedUrlClockSkewTests {

	private static final SignedUrlSettings SETTINGS = new SignedUrlSettings(
			List.of(SigningKey.of("an example key of thirty-two bytes or more!")), "expires", "signature",
			Duration.ofHours(6), Duration.ofDays(7));

	/** 2026-01-01T00:00:00Z. */
	private static final Instant SECOND = Instant.ofEpochSecond(1767225600L);

	@Test
	void linkSignedForTheMaximumLifetimeIsValidOnAnInstanceWhoseClockIsAMillisecondBehind() {
		// The signer's clock has just passed a second boundary; the verifier's, 1 ms behind, has not.
		MediaUrlSigner signer = new MediaUrlSigner(SETTINGS, Clock.fixed(SECOND, ZoneOffset.UTC));
		SignedUrlVerifier verifier = new SignedUrlVerifier(SETTINGS,
				Clock.fixed(SECOND.minusMillis(1), ZoneOffset.UTC));
		String link = signer.sign("/media/a.mp4", SETTINGS.maximumLifetime());
		String expires = link.substring(link.indexOf("expires=") + 8, link.indexOf('&'));
		String signature = link.substring(link.indexOf("signature=") + 10);
		assertThat(verifier.verify("/media/a.mp4", expires, signature)).isEqualTo(Verdict.VALID);
	}

}
