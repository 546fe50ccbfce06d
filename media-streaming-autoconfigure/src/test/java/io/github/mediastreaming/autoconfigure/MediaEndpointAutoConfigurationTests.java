package io.github.mediastreaming.autoconfigure;

import java.nio.file.Path;

import io.github.mediastreaming.actuate.endpoint.MediaEndpoint;
import io.github.mediastreaming.actuate.health.MediaRootHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The actuator pieces: the {@code media} endpoint and the media root's health indicator. */
class MediaEndpointAutoConfigurationTests {

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MediaStreamingAutoConfiguration.class,
				MediaEndpointAutoConfiguration.class, MediaHealthAutoConfiguration.class));

	@Test
	void anExposedEndpointIsABean() {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "management.endpoints.web.exposure.include=media")
			.run((context) -> assertThat(context).hasSingleBean(MediaEndpoint.class));
	}

	@Test
	void anEndpointThatIsNotExposedIsNotABean() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.run((context) -> assertThat(context).doesNotHaveBean(MediaEndpoint.class));
	}

	@Test
	void withoutActuatorNeitherIsRegistered() {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "management.endpoints.web.exposure.include=media")
			.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class, HealthIndicator.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(MediaEndpoint.class);
				assertThat(context).doesNotHaveBean(MediaRootHealthIndicator.class);
			});
	}

	@Test
	void aUserEndpointReplacesOurs() {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "management.endpoints.web.exposure.include=media")
			.withBean("userEndpoint", MediaEndpoint.class, () -> new MediaEndpoint(null, null, null))
			.run((context) -> assertThat(context.getBean(MediaEndpoint.class)).isSameAs(context.getBean("userEndpoint")));
	}

	@Test
	void theRootHealthIndicatorFollowsTheLocalStoreAndItsSwitch() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.run((context) -> assertThat(context).hasSingleBean(MediaRootHealthIndicator.class));
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "management.health.mediaroot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MediaRootHealthIndicator.class));
		this.contextRunner.withBean(io.github.mediastreaming.source.MediaStore.class,
				MediaStreamingAutoConfigurationTests.UserStore::new)
			.run((context) -> assertThat(context).doesNotHaveBean(MediaRootHealthIndicator.class));
	}

}
