package io.github.mediastreaming.autoconfigure;

import java.nio.file.Path;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.metrics.MediaStoreMetrics;
import io.github.mediastreaming.s3.S3MediaStore;
import io.github.mediastreaming.source.LocalMediaStore;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class S3MediaStoreAutoConfigurationTests {

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(S3MediaStoreAutoConfiguration.class,
				MediaStreamingAutoConfiguration.class, MediaStreamingMetricsAutoConfiguration.class))
		.withPropertyValues("media.streaming.s3.region=us-east-1");

	@Test
	void whenBucketIsSetThenTheBucketIsServedAndNoRootIsNeeded() {
		this.contextRunner.withPropertyValues("media.streaming.s3.bucket=media", "media.streaming.s3.prefix=videos")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(S3AsyncClient.class);
				assertThat(context).doesNotHaveBean(LocalMediaStore.class);
				S3MediaStore store = context.getBean(S3MediaStore.class);
				assertThat(store.location().bucket()).isEqualTo("media");
				assertThat(store.location().key("a.mp4")).isEqualTo("videos/a.mp4");
			});
	}

	@Test
	void whenBucketIsSetThenItReplacesTheRootFolder() {
		this.contextRunner.withPropertyValues("media.streaming.s3.bucket=media", "media.streaming.root=" + this.root)
			.run((context) -> assertThat(context.getBean(MediaStore.class)).isInstanceOf(S3MediaStore.class));
	}

	@Test
	void whenBucketIsNotSetThenTheRootFolderIsServed() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root).run((context) -> {
			assertThat(context).doesNotHaveBean(S3AsyncClient.class);
			assertThat(context.getBean(MediaStore.class)).isInstanceOf(LocalMediaStore.class);
		});
	}

	@Test
	void whenTheSdkIsMissingThenABucketFailsStartupNamingTheSdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(S3AsyncClient.class))
			.withPropertyValues("media.streaming.s3.bucket=media")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("media.streaming.s3.bucket")
				.hasMessageContaining("software.amazon.awssdk:s3"));
	}

	@Test
	void whenNoRegionIsSetOrFoundThenStartupFailsNamingTheProperty() {
		assumeTrue(System.getenv("AWS_REGION") == null && System.getProperty("aws.region") == null,
				"This environment names a region");
		// Neither a profile file nor the instance metadata (no network call) can name one either.
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(S3MediaStoreAutoConfiguration.class,
					MediaStreamingAutoConfiguration.class))
			.withSystemProperties("aws.configFile=" + this.root.resolve("no-config"), "aws.disableEc2Metadata=true")
			.withPropertyValues("media.streaming.s3.bucket=media")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("media.streaming.s3.region"));
	}

	@Test
	void whenUserDefinesAClientThenTheStoreUsesIt() {
		this.contextRunner.withPropertyValues("media.streaming.s3.bucket=media")
			.withUserConfiguration(UserClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(S3AsyncClient.class);
				assertThat(context.getBean(S3AsyncClient.class))
					.isSameAs(context.getBean(UserClientConfiguration.class).client);
				assertThat(context).hasSingleBean(S3MediaStore.class);
			});
	}

	@Test
	void whenUserDefinesAStoreThenTheirsWins() {
		this.contextRunner.withPropertyValues("media.streaming.s3.bucket=media")
			.withUserConfiguration(UserStoreConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(S3MediaStore.class);
				assertThat(context.getBean(MediaStore.class)).isSameAs(UserStoreConfiguration.STORE);
			});
	}

	@Test
	void whenAMeterRegistryExistsThenStoreRequestsAreMeasured() {
		this.contextRunner.withPropertyValues("media.streaming.s3.bucket=media")
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(MediaStoreMetrics.class));
	}

	@Test
	void whenNoMeterRegistryExistsThenNoStoreMetricsAreRegistered() {
		this.contextRunner.withPropertyValues("media.streaming.s3.bucket=media")
			.run((context) -> assertThat(context).doesNotHaveBean(MediaStoreMetrics.class));
	}

	@Test
	void whenTheEndpointIsNotAnHttpUrlThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("media.streaming.s3.bucket=media", "media.streaming.s3.endpoint=minio:9000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming.s3.endpoint"));
	}

	@Test
	void whenTheChunkSizesAreInvertedThenStartupFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("media.streaming.s3.bucket=media", "media.streaming.s3.min-chunk-size=2MB",
					"media.streaming.s3.max-chunk-size=1MB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming.s3.max-chunk-size"));
	}

	@Test
	void whenThePrefixStartsWithASlashThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("media.streaming.s3.bucket=media", "media.streaming.s3.prefix=/videos")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming.s3.prefix"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		final S3AsyncClient client = S3AsyncClient.builder().region(Region.EU_WEST_1).build();

		@Bean(destroyMethod = "close")
		S3AsyncClient userClient() {
			return this.client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserStoreConfiguration {

		static final MediaStore STORE = new MediaStore() {

			@Override
			public Mono<MediaFile> find(String relativePath) {
				return Mono.empty();
			}

			@Override
			public MediaSource open(MediaFile file) {
				throw new UnsupportedOperationException();
			}

		};

		@Bean
		MediaStore userStore() {
			return STORE;
		}

	}

}
