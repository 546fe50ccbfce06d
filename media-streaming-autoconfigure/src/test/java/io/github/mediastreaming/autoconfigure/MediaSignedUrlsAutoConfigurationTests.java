package io.github.mediastreaming.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.mediastreaming.http.SignedUrlFilter;
import io.github.mediastreaming.signing.MediaUrlSigner;
import io.github.mediastreaming.signing.SignedUrlSettings;
import io.github.mediastreaming.signing.SignedUrlVerifier;
import io.github.mediastreaming.signing.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MediaSignedUrlsAutoConfigurationTests {

	private static final String KEY = "a secret of thirty-two bytes or more, 1";

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MediaSignedUrlsAutoConfiguration.class, MediaStreamingAutoConfiguration.class));

	private ReactiveWebApplicationContextRunner enabled(String... more) {
		return this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.signed-urls.enabled=true",
					"media.streaming.signed-urls.keys[0]=" + KEY)
			.withPropertyValues(more);
	}

	@Test
	void whenNotEnabledThenNoSignerAndNoFilterAreRegistered() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(MediaUrlSigner.class);
			assertThat(context).doesNotHaveBean(SignedUrlFilter.class);
			assertThat(context).hasBean("mediaRoutes");
		});
	}

	@Test
	void whenNotEnabledThenAShortKeyIsNotAnError() {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.signed-urls.keys[0]=short")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void whenEnabledThenSignerVerifierAndFilterAreRegisteredWithTheDefaults() {
		enabled().run((context) -> {
			assertThat(context).hasSingleBean(MediaUrlSigner.class);
			assertThat(context).hasSingleBean(SignedUrlVerifier.class);
			assertThat(context).hasSingleBean(SignedUrlFilter.class);
			SignedUrlSettings settings = context.getBean(SignedUrlSettings.class);
			assertThat(settings.expiresParameter()).isEqualTo("expires");
			assertThat(settings.signatureParameter()).isEqualTo("signature");
			assertThat(settings.defaultLifetime()).isEqualTo(Duration.ofHours(6));
			assertThat(settings.maximumLifetime()).isEqualTo(Duration.ofDays(7));
			assertThat(context.getBean(MediaUrlSigner.class).sign("/media/a.mp4")).contains("?expires=")
				.contains("&signature=");
		});
	}

	@Test
	void whenMediaStreamingIsDisabledThenSignedUrlsAreNotConfiguredEither() {
		enabled("media.streaming.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(MediaUrlSigner.class);
		});
	}

	@Test
	void whenEnabledWithoutKeysThenStartupFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.signed-urls.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming.signed-urls.keys"));
	}

	@Test
	void whenAKeyIsShorterThan32BytesThenStartupFailsNamingItWithoutShowingIt() {
		enabled("media.streaming.signed-urls.keys[1]=a short secret").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("media.streaming.signed-urls.keys[1]")
			.hasMessageContaining("32 bytes")
			.hasMessageNotContaining("a short secret"));
	}

	@Test
	void whenTheExpiresParameterIsASeekParameterThenStartupFailsNamingTheProperty() {
		enabled("media.streaming.signed-urls.expires-parameter=start").run((context) -> assertThat(context)
			.getFailure()
			.rootCause()
			.hasMessageContaining("media.streaming.signed-urls.expires-parameter"));
	}

	@Test
	void whenTheSignatureParameterIsTheFlvTimeParameterThenStartupFailsNamingTheProperty() {
		enabled("media.streaming.flv.time-parameter=t", "media.streaming.signed-urls.signature-parameter=t")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming.signed-urls.signature-parameter"));
	}

	@Test
	void whenTheSignatureParameterNeedsEncodingThenStartupFailsNamingTheProperty() {
		enabled("media.streaming.signed-urls.signature-parameter=sig&x").run((context) -> assertThat(context)
			.getFailure()
			.rootCause()
			.hasMessageContaining("media.streaming.signed-urls.signature-parameter"));
	}

	@Test
	void whenBothParametersHaveOneNameThenStartupFailsNamingTheProperty() {
		enabled("media.streaming.signed-urls.expires-parameter=x", "media.streaming.signed-urls.signature-parameter=x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming.signed-urls.signature-parameter")
				.hasMessageContaining("differ"));
	}

	@Test
	void whenTheDefaultLifetimeExceedsTheMaximumThenStartupFailsNamingTheProperty() {
		enabled("media.streaming.signed-urls.default-lifetime=8d").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("media.streaming.signed-urls.default-lifetime"));
	}

	@Test
	void whenTheMaximumLifetimeIsZeroThenStartupFailsNamingTheProperty() {
		enabled("media.streaming.signed-urls.maximum-lifetime=0s").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("media.streaming.signed-urls.maximum-lifetime"));
	}

	@Test
	void whenTheUserDefinesASignerThenTheirsWins() {
		enabled().withUserConfiguration(UserSignerConfiguration.class)
			.run((context) -> assertThat(context.getBean(MediaUrlSigner.class))
				.isSameAs(context.getBean(UserSignerConfiguration.class).signer));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSignerConfiguration {

		final MediaUrlSigner signer = new MediaUrlSigner(new SignedUrlSettings(List.of(SigningKey.of(KEY)), "e", "s",
				Duration.ofMinutes(1), Duration.ofMinutes(5)), Clock.systemUTC());

		@Bean
		MediaUrlSigner userSigner() {
			return this.signer;
		}

	}

}
