package io.github.mediastreaming.autoconfigure;

import io.github.mediastreaming.actuate.health.MediaRootHealthIndicator;
import io.github.mediastreaming.source.LocalMediaStore;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * A health indicator {@code mediaRoot} for the media root, when Spring Boot's health support is present
 * ({@code management.health.mediaroot.enabled} turns it off).
 */
@AutoConfiguration(after = MediaStreamingAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(LocalMediaStore.class)
@ConditionalOnEnabledHealthIndicator("mediaroot")
public final class MediaHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mediaRootHealthIndicator")
	MediaRootHealthIndicator mediaRootHealthIndicator(LocalMediaStore store) {
		return new MediaRootHealthIndicator(store.root());
	}

}
