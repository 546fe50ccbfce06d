package io.github.mediastreaming.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of what an operator configures: docs/configuration.md promises that "a bad value stops the
 * application at startup with a message that names the property".
 */
class OperatorConfigurationReviewTests {

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MediaStreamingAutoConfiguration.class));

	private void failsNaming(String property, String... values) {
		String[] all = new String[values.length + 1];
		all[0] = "media.streaming.root=" + this.root;
		System.arraycopy(values, 0, all, 1, values.length);
		this.contextRunner.withPropertyValues(all)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(property));
	}

	@Test
	void aPathWithACaptureVariableFailsAtStartupNamingTheProperty() {
		// The prefix goes into a route pattern unescaped: /media/{x}/** answers every /media/*/... with a 404
		// and serves only the literal /media/%7Bx%7D/..., without a word at startup.
		failsNaming("media.streaming.path", "media.streaming.path=/media/{x}");
	}

	@Test
	void aPathWithAnUnclosedBraceFailsAtStartupNamingTheProperty() {
		// Today a PatternParseException from the mediaRoutes bean, which names no property.
		failsNaming("media.streaming.path", "media.streaming.path=/me{dia");
	}

	@Test
	void aPathWithAQuestionMarkFailsAtStartupNamingTheProperty() {
		// '?' is a one-character wildcard in the route pattern: /me?ia/** also claims /mexia/... (404s).
		failsNaming("media.streaming.path", "media.streaming.path=/me?ia");
	}

	@Test
	void aZeroCacheMaximumSizeFailsAtStartupNamingTheProperty() {
		// 0 entries drops every index as soon as it is built, so every paced, seeking or faststart request
		// reads its file's headers again: what a zero expire-after-access does, which is refused.
		failsNaming("media.streaming.cache.maximum-size", "media.streaming.cache.maximum-size=0");
	}

	@Test
	void aZeroCacheMaximumMemoryFailsAtStartupNamingTheProperty() {
		failsNaming("media.streaming.cache.maximum-memory", "media.streaming.cache.maximum-memory=0");
	}

}
