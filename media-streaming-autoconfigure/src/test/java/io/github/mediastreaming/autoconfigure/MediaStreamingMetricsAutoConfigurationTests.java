package io.github.mediastreaming.autoconfigure;

import java.nio.file.Path;

import io.github.mediastreaming.metrics.LeadSampler;
import io.github.mediastreaming.metrics.MediaMeters;
import io.github.mediastreaming.metrics.MediaStreamingMetrics;
import io.github.mediastreaming.metrics.StreamObservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MediaStreamingMetricsAutoConfigurationTests {

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MediaStreamingAutoConfiguration.class,
				MediaStreamingMetricsAutoConfiguration.class));

	@Test
	void withAMeterRegistryTheMetricsAreRecordedAndTheGaugeAndCacheAreBound() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(MediaStreamingMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBeansOfType(io.micrometer.core.instrument.binder.MeterBinder.class)
					.values()
					.forEach((binder) -> binder.bindTo(registry));
				assertThat(registry.find(MediaMeters.ACTIVE).gauge()).isNotNull();
				assertThat(registry.find("cache.gets").tag("cache", MediaMeters.INDEX_CACHE).meters()).isNotEmpty();
			});
	}

	@Test
	void aUsersMeterBinderOfTheSameNameReplacesTheGaugesAndCacheMeters() {
		MeterBinder own = (registry) -> registry.gauge("own.gauge", 1);
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean("mediaStreamingMeterBinder", MeterBinder.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("mediaStreamingMeterBinder")).isSameAs(own);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
				assertThat(registry.find("own.gauge").gauge()).isNotNull();
				assertThat(registry.find(MediaMeters.ACTIVE).gauge()).isNull();
			});
	}

	@Test
	void withoutAMeterRegistryBeanThereAreNoMetrics() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.run((context) -> assertThat(context).doesNotHaveBean(MediaStreamingMetrics.class));
	}

	@Test
	void withoutMicrometerOnTheClassPathTheStreamingStillWorks() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class, ObservationRegistry.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("mediaRoutes");
				assertThat(context).doesNotHaveBean(MediaStreamingMetrics.class);
				assertThat(context).doesNotHaveBean(StreamObservations.class);
			});
	}

	@Test
	void withAnObservationRegistryEachStreamIsObserved() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(context).hasSingleBean(StreamObservations.class));
	}

	@Test
	void aUserMetricsBeanReplacesOurs() {
		MediaStreamingMetrics mine = new MediaStreamingMetrics(new SimpleMeterRegistry());
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean("userMetrics", MediaStreamingMetrics.class, () -> mine)
			.run((context) -> assertThat(context.getBean(MediaStreamingMetrics.class)).isSameAs(mine));
	}

	@Test
	void withoutTheStreamingAutoConfigurationNothingIsRegistered() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MediaStreamingMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).doesNotHaveBean(MediaStreamingMetrics.class));
	}

	@Test
	void theLeadSamplerStillSamplesWhileTheWebServerDrainsItsStreams() {
		DrainProbe[] probe = new DrainProbe[1];
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(DrainProbeConfiguration.class)
			.run((context) -> probe[0] = context.getBean(DrainProbe.class));
		// Boot's graceful shutdown waits for the streams in flight (30 s by default) in this phase.
		assertThat(probe[0].samplerRunningWhileDraining).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class DrainProbeConfiguration {

		// Looked up when stopping, not injected: Spring stops a bean's dependents before it, whatever their phase.
		@Bean
		DrainProbe drainProbe(BeanFactory beans) {
			return new DrainProbe(beans);
		}

	}

	/** Stops in the phase of the web server's graceful shutdown and notes whether the sampler still runs. */
	static final class DrainProbe implements SmartLifecycle {

		private final BeanFactory beans;

		private volatile boolean running;

		volatile boolean samplerRunningWhileDraining;

		DrainProbe(BeanFactory beans) {
			this.beans = beans;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.samplerRunningWhileDraining = this.beans.getBean(LeadSampler.class).isRunning();
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
		}

	}

}
