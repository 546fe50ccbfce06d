package io.github.mediastreaming.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.mediastreaming.signing.SignedUrlVerifierTests.EXPIRES;
import static io.github.mediastreaming.signing.SignedUrlVerifierTests.KEY;
import static io.github.mediastreaming.signing.SignedUrlVerifierTests.OTHER_KEY;
import static io.github.mediastreaming.signing.SignedUrlVerifierTests.SIGNATURE;
import static io.github.mediastreaming.signing.SignedUrlVerifierTests.clockAt;
import static io.github.mediastreaming.signing.SignedUrlVerifierTests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MediaUrlSignerTests {

	private final SignedUrlSettings settings = settings(List.of(SigningKey.of(KEY), SigningKey.of(OTHER_KEY)));

	@Test
	void signsWithTheFirstKeyAnExpiryThatManySecondsAhead() {
		MediaUrlSigner signer = new MediaUrlSigner(this.settings, clockAt(EXPIRES - 7200));
		assertThat(signer.sign("/media/movies/a.mp4", Duration.ofHours(2)))
			.isEqualTo("/media/movies/a.mp4?expires=1767225600&signature=" + SIGNATURE);
	}

	@Test
	void signsTheDecodedPathAndEncodesItInTheLink() {
		MediaUrlSigner signer = new MediaUrlSigner(this.settings, clockAt(EXPIRES));
		assertThat(signer.sign("/media/movies/a b.mp4", Instant.ofEpochSecond(EXPIRES)))
			.isEqualTo("/media/movies/a%20b.mp4?expires=1767225600&signature=w9yHte02ofsKiko9s6oJ6IhTlePajRpqlfbb4xmL3pk");
	}

	@Test
	void defaultLifetimeComesFromTheSettings() {
		MediaUrlSigner signer = new MediaUrlSigner(this.settings, clockAt(EXPIRES));
		assertThat(signer.sign("/media/a.mp4")).contains("?expires=" + (EXPIRES + 6 * 3600) + "&signature=");
	}

	@Test
	void parameterNamesComeFromTheSettings() {
		SignedUrlSettings custom = new SignedUrlSettings(List.of(SigningKey.of(KEY)), "e", "s", Duration.ofHours(1),
				Duration.ofDays(1));
		MediaUrlSigner signer = new MediaUrlSigner(custom, clockAt(EXPIRES - 60));
		assertThat(signer.sign("/media/movies/a.mp4", Duration.ofMinutes(1)))
			.isEqualTo("/media/movies/a.mp4?e=1767225600&s=" + SIGNATURE);
	}

	@Test
	void linksBeyondTheMaximumLifetimeOrInThePastAreNotSigned() {
		MediaUrlSigner signer = new MediaUrlSigner(this.settings, clockAt(EXPIRES));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("/media/a.mp4", Duration.ofDays(8)));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("/media/a.mp4", Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> signer.sign("/media/a.mp4", Instant.ofEpochSecond(EXPIRES - 1)));
	}

	@Test
	void pathsWithAQueryOrNoLeadingSlashAreNotSigned() {
		MediaUrlSigner signer = new MediaUrlSigner(this.settings, clockAt(EXPIRES));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("/media/a.mp4?start=10"));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("media/a.mp4"));
	}

	@Test
	void whatItSignsTheVerifierAccepts() {
		MediaUrlSigner signer = new MediaUrlSigner(this.settings, clockAt(EXPIRES));
		String link = signer.sign("/media/movies/été 1.mp4", Duration.ofMinutes(5));
		String query = link.substring(link.indexOf('?') + 1);
		String expires = query.substring("expires=".length(), query.indexOf('&'));
		String signature = query.substring(query.indexOf("&signature=") + "&signature=".length());
		assertThat(new SignedUrlVerifier(this.settings, clockAt(EXPIRES)).verify("/media/movies/été 1.mp4", expires,
				signature))
			.isEqualTo(Verdict.VALID);
	}

	@Test
	void settingsRefuseParameterNamesThatNeedEncodingOrCollide() {
		List<SigningKey> keys = List.of(SigningKey.of(KEY));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SignedUrlSettings(keys, "exp ires", "signature", Duration.ofHours(1), Duration.ofDays(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SignedUrlSettings(keys, "x", "x", Duration.ofHours(1), Duration.ofDays(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SignedUrlSettings(keys, "e", "s", Duration.ofDays(2), Duration.ofDays(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SignedUrlSettings(List.of(), "e", "s", Duration.ofHours(1), Duration.ofDays(1)));
	}

}
