package io.github.mediastreaming.autoconfigure;

import java.time.Clock;

import io.github.mediastreaming.http.SignedUrlFilter;
import io.github.mediastreaming.signing.MediaUrlSigner;
import io.github.mediastreaming.signing.SignedUrlSettings;
import io.github.mediastreaming.signing.SignedUrlVerifier;
import io.github.mediastreaming.signing.VerificationListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Signed, expiring media URLs when {@code media.streaming.signed-urls.enabled} is set: a
 * {@link MediaUrlSigner} for the application's pages, and a {@link SignedUrlFilter} that the media routes
 * apply. Each bean backs off for one of the user's.
 */
@AutoConfiguration(before = MediaStreamingAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "media.streaming.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("media.streaming.signed-urls.enabled")
@EnableConfigurationProperties(MediaStreamingProperties.class)
public final class MediaSignedUrlsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SignedUrlSettings mediaSignedUrlSettings(MediaStreamingProperties properties) {
		return properties.getSignedUrls().settings();
	}

	@Bean
	@ConditionalOnMissingBean
	MediaUrlSigner mediaUrlSigner(SignedUrlSettings settings) {
		return new MediaUrlSigner(settings, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	SignedUrlVerifier mediaSignedUrlVerifier(SignedUrlSettings settings) {
		return new SignedUrlVerifier(settings, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	SignedUrlFilter mediaSignedUrlFilter(SignedUrlVerifier verifier, SignedUrlSettings settings,
			ObjectProvider<VerificationListener> listeners) {
		return new SignedUrlFilter(verifier, settings, VerificationListener.composite(listeners.orderedStream().toList()));
	}

}
