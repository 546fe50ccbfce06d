package io.github.mediastreaming.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.github.mediastreaming.examples.PremiumPacingPolicy;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.pacing.PacingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of the extension points as docs/extending.md presents them: a user bean replaces one piece, and
 * the rest of the configuration keeps its promises.
 */
class ExtensionPointsReviewTests {

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MediaStreamingAutoConfiguration.class));

	@Test
	void aRuleForAnUnknownFormatFailsAtStartupAlsoBesideTheUsersPacingPolicy() {
		// extending.md's premium policy delegates to properties.pacingPolicy() "so the properties and their
		// rules still apply": a rule naming no format must still stop the application, as without the policy.
		this.contextRunner.withUserConfiguration(PremiumPolicyConfiguration.class)
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.rules[0].format=mpeg4",
					"media.streaming.rules[0].auto-rate=false")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("media.streaming.rules[0].format"));
	}

	@Test
	void aRuleForAUsersFormatIsAcceptedBesideTheUsersPacingPolicy() {
		MediaFormat toy = MediaFormat.named("toy").extension("toy", "video/x-toy").build();
		this.contextRunner.withUserConfiguration(PremiumPolicyConfiguration.class)
			.withBean("toyMediaFormat", MediaFormat.class, () -> toy)
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.rules[0].format=toy")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aUserFormatWithABuiltInIdWinsWhateverItsBeanName() {
		MediaFormat mine = MediaFormat.named("mp3").extension("mp3", "audio/x-mine").build();
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean("myMp3", MediaFormat.class, () -> mine)
			.run((context) -> {
				MediaFormats formats = context.getBean(MediaFormats.class);
				assertThat(formats.byId("mp3")).containsSame(mine);
				assertThat(formats.forFileName("a.mp3")).isSameAs(mine);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class PremiumPolicyConfiguration {

		@Bean
		PacingPolicy mediaPacingPolicy(MediaStreamingProperties properties) {
			return new PremiumPacingPolicy(properties.pacingPolicy(), Duration.ofSeconds(30));
		}

	}

}
