package io.github.mediastreaming.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of the configuration: each test states what docs/configuration.md promises.
 */
class ConfigurationReviewTests {

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(S3MediaStoreAutoConfiguration.class,
				MediaStreamingAutoConfiguration.class))
		.withPropertyValues("media.streaming.s3.region=us-east-1");

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
		// Was a PatternParseException from the mediaRoutes bean, which named no property.
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

	@Test
	void aRuleForAnUnknownFormatFailsAtStartupNamingTheProperty() {
		// "mpeg4" is no format id: the rule can never match, so downloads stay paced without a word.
		failsNaming("media.streaming.rules[0].format", "media.streaming.rules[0].format=mpeg4",
				"media.streaming.rules[0].auto-rate=false");
	}

	@Test
	void aRuleWithAnInvalidPatternFailsAtStartupNamingTheProperty() {
		failsNaming("media.streaming.rules[0].pattern", "media.streaming.rules[0].pattern=/media/{name");
	}

	@Test
	void aNegativeExpireAfterAccessFailsAtStartupNamingTheProperty() {
		failsNaming("media.streaming.cache.expire-after-access", "media.streaming.cache.expire-after-access=-1s");
	}

	@Test
	void aZeroExpireAfterAccessFailsAtStartupNamingTheProperty() {
		// 0 would drop every index as soon as it is built: each request indexes its file anew.
		failsNaming("media.streaming.cache.expire-after-access", "media.streaming.cache.expire-after-access=0s");
	}

	@Test
	void aChunkSizeOfOneGigabyteIsAcceptedAsDocumented() {
		// docs: min-chunk-size "Between 1KB and 1GB"; max-chunk-size at least min-chunk-size.
		this.contextRunner
			.withPropertyValues("media.streaming.s3.bucket=media", "media.streaming.s3.min-chunk-size=1GB",
					"media.streaming.s3.max-chunk-size=1GB")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aBucketWithoutTheSdkDoesNotSilentlyServeTheRootFolder() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(S3AsyncClient.class))
			.withPropertyValues("media.streaming.s3.bucket=media", "media.streaming.root=" + this.root)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming.s3.bucket"));
	}

	@Test
	void theStarterDoesNotBreakAnApplicationThatInjectsItsOwnSchedulerByType() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withUserConfiguration(UserSchedulerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(UserService.class).scheduler)
					.isSameAs(context.getBean("appScheduler"));
			});
	}

	@Test
	void theMetadataCarriesEveryDocumentedDefault() throws Exception {
		String json = Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json"));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> properties = (List<Map<String, Object>>) JsonParserFactory.getJsonParser()
			.parseMap(json)
			.get("properties");
		Map<String, Object> defaults = properties.stream()
			.filter((property) -> property.get("defaultValue") != null)
			.collect(Collectors.toMap((property) -> (String) property.get("name"),
					(property) -> property.get("defaultValue")));
		// The defaults docs/configuration.md documents for these properties.
		assertThat(defaults).containsKeys("media.streaming.minimum-bitrate", "media.streaming.pacing-interval",
				"media.streaming.send-timeout", "media.streaming.cache.open-files",
				"media.streaming.cache.open-file-idle-timeout", "media.streaming.cache.open-file-check-interval",
				"media.streaming.s3.read-ahead", "media.streaming.s3.min-chunk-size",
				"media.streaming.s3.max-chunk-size");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSchedulerConfiguration {

		@Bean(destroyMethod = "dispose")
		Scheduler appScheduler() {
			return Schedulers.newSingle("app");
		}

		@Bean
		UserService userService(Scheduler scheduler) {
			return new UserService(scheduler);
		}

	}

	static class UserService {

		final Scheduler scheduler;

		UserService(Scheduler scheduler) {
			this.scheduler = scheduler;
		}

	}

}
