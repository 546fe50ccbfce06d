package io.github.mediastreaming.autoconfigure;

import io.github.mediastreaming.autoconfigure.MediaStreamingServletApplicationAutoConfiguration.NotReactiveWarning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a servlet (Spring MVC) application, where its WebFlux route cannot run: the log says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class MediaStreamingServletApplicationAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			MediaStreamingAutoConfiguration.class, MediaStreamingServletApplicationAutoConfiguration.class);

	@Test
	void aServletApplicationIsWarnedThatNoMediaRouteIsRegistered(CapturedOutput output) {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(NotReactiveWarning.class);
			assertThat(context).doesNotHaveBean("mediaRoutes");
		});
		assertThat(output).contains("WARN").contains(NotReactiveWarning.MESSAGE);
	}

	@Test
	void aServletApplicationThatTurnedMediaOffIsNotWarned(CapturedOutput output) {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("media.streaming.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NotReactiveWarning.class));
		assertThat(output).doesNotContain(NotReactiveWarning.MESSAGE);
	}

	@Test
	void aReactiveApplicationIsNotWarned(CapturedOutput output) {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("media.streaming.root=" + System.getProperty("java.io.tmpdir"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NotReactiveWarning.class));
		assertThat(output).doesNotContain(NotReactiveWarning.MESSAGE);
	}

}
