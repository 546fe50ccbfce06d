package io.github.mediastreaming.autoconfigure;

import io.github.mediastreaming.actuate.endpoint.MediaEndpoint;
import io.github.mediastreaming.pacing.BandwidthBudget;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.stream.StreamRegistry;
import reactor.core.scheduler.Scheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code media} actuator endpoint, when Actuator is present and the endpoint is enabled and exposed.
 */
@AutoConfiguration(after = MediaStreamingAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnAvailableEndpoint(MediaEndpoint.class)
@ConditionalOnBean(StreamRegistry.class)
public final class MediaEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MediaEndpoint mediaEndpoint(StreamRegistry streams, MediaIndexService indexService, MediaStore store,
			ObjectProvider<BandwidthBudget> budget,
			@Qualifier(MediaStreamingAutoConfiguration.BLOCKING_SCHEDULER) Scheduler blocking) {
		return new MediaEndpoint(streams, indexService, store, budget.getIfAvailable(), blocking);
	}

}
