package io.github.mediastreaming.autoconfigure;

import java.time.Duration;
import java.util.stream.Stream;

import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.metrics.LeadSampler;
import io.github.mediastreaming.pacing.BandwidthBudget;
import io.github.mediastreaming.metrics.MediaMeters;
import io.github.mediastreaming.metrics.MediaStoreMetrics;
import io.github.mediastreaming.metrics.MediaStreamingMetrics;
import io.github.mediastreaming.metrics.StreamObservations;
import io.github.mediastreaming.stream.StreamRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer metrics and observations of media-streaming, when a {@link MeterRegistry} (and, for a span
 * per stream, an {@link ObservationRegistry}) is present. See {@link MediaMeters} for the meters.
 */
// Boot's metrics and observation modules by name: they come with Actuator, which an application may not have,
// and a class literal of a missing class makes Spring log a warning when it reads this annotation.
@AutoConfiguration(after = MediaStreamingAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(StreamRegistry.class)
public final class MediaStreamingMetricsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(MeterRegistry.class)
	static class MeterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MediaStreamingMetrics mediaStreamingMetrics(MeterRegistry registry) {
			return new MediaStreamingMetrics(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		LeadSampler mediaLeadSampler(StreamRegistry streams, MeterRegistry registry) {
			return new LeadSampler(streams, registry, Schedulers.parallel(), Duration.ofSeconds(5));
		}

		@Bean
		@ConditionalOnMissingBean
		MediaStoreMetrics mediaStoreMetrics(MeterRegistry registry) {
			return new MediaStoreMetrics(registry);
		}

		// By name: a user replaces these gauges and the cache's meters without touching other MeterBinders.
		@Bean
		@ConditionalOnMissingBean(name = "mediaStreamingMeterBinder")
		MeterBinder mediaStreamingMeterBinder(MediaIndexService indexService, StreamRegistry streams,
				ObjectProvider<MediaFormats> formats, ObjectProvider<BandwidthBudget> budget) {
			return (registry) -> {
				CaffeineCacheMetrics.monitor(registry, indexService.cache(), MediaMeters.INDEX_CACHE);
				MediaStreamingMetrics metrics = new MediaStreamingMetrics(registry);
				metrics.bindActiveStreams(streams);
				// Files of no known format are served too, as "unknown".
				formats.ifAvailable((known) -> metrics.bindStreamTotals(streams, Stream
					.concat(known.all().stream(), Stream.of(MediaFormat.UNKNOWN))
					.map(MediaFormat::id)
					.distinct()
					.toList()));
				budget.ifAvailable(metrics::bindBandwidth);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		StreamObservations mediaStreamObservations(ObservationRegistry registry) {
			return new StreamObservations(registry);
		}

	}

}
