package io.github.mediastreaming.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.mediastreaming.source.LocalMediaStore;
import io.github.mediastreaming.http.MediaHandler;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.pacing.PacingParameters;
import io.github.mediastreaming.pacing.PacingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

class MediaStreamingAutoConfigurationTests {

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MediaStreamingAutoConfiguration.class));

	@Test
	void whenRootIsSetThenRoutesHandlerAndIndexServiceAreRegistered() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root).run((context) -> {
			assertThat(context).hasSingleBean(MediaHandler.class);
			assertThat(context).hasSingleBean(MediaIndexService.class);
			assertThat(context).hasSingleBean(PacingPolicy.class);
			assertThat(context).hasBean("mediaRoutes");
			assertThat(context.getBean(LocalMediaStore.class).root()).isEqualTo(this.root.toRealPath());
		});
	}

	@Test
	void whenDisabledThenNothingIsRegistered() {
		this.contextRunner.withPropertyValues("media.streaming.enabled=false", "media.streaming.root=" + this.root)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(MediaHandler.class);
				assertThat(context).doesNotHaveBean("mediaRoutes");
			});
	}

	@Test
	void whenNotAReactiveWebApplicationThenNothingIsRegistered() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MediaStreamingAutoConfiguration.class))
			.withPropertyValues("media.streaming.root=" + this.root)
			.run((context) -> assertThat(context).doesNotHaveBean(MediaHandler.class));
	}

	@Test
	void whenUserDefinesRoutesThenTheirsWin() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withUserConfiguration(UserRoutesConfiguration.class)
			.run((context) -> assertThat(context.getBean("mediaRoutes"))
				.isSameAs(context.getBean(UserRoutesConfiguration.class).routes));
	}

	@Test
	void whenUserDefinesPacingPolicyThenTheirsIsUsed() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withUserConfiguration(UserPacingConfiguration.class)
			.run((context) -> assertThat(context.getBean(PacingPolicy.class))
				.isSameAs(UserPacingConfiguration.POLICY));
	}

	@Test
	void whenRootIsMissingThenStartupFailsNamingTheProperty() {
		this.contextRunner.run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("media.streaming.root"));
	}

	@Test
	void whenRootDoesNotExistThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root.resolve("missing"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming.root")
				.hasMessageContaining("existing, readable folder"));
	}

	@Test
	void whenSpeedupFactorIsNegativeThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.speedup-factor=-0.5")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("media.streaming.speedup-factor"));
	}

	@Test
	void whenInitialBoostIsNegativeThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.initial-boost=-1s")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("media.streaming.initial-boost"));
	}

	@Test
	void whenRuleSpeedupFactorIsNegativeThenStartupFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.rules[0].pattern=/media/x/**",
					"media.streaming.rules[0].speedup-factor=-1")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("media.streaming.rules[0].speedup-factor"));
	}

	@Test
	void whenPathHasTrailingSlashThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.path=/videos/")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("media.streaming.path"));
	}

	@Test
	void indexCacheIsBoundedByMemoryUnlessAnEntryCountIsSet() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root).run((context) -> {
			MediaIndexService service = context.getBean(MediaIndexService.class);
			assertThat(service.retainedBytes()).hasValue(0);
			assertThat(service.cache().policy().eviction().orElseThrow().getMaximum()).isEqualTo(256L << 20);
		});
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.cache.maximum-size=50")
			.run((context) -> {
				MediaIndexService service = context.getBean(MediaIndexService.class);
				assertThat(service.retainedBytes()).isEmpty();
				assertThat(service.cache().policy().eviction().orElseThrow().getMaximum()).isEqualTo(50);
			});
	}

	@Test
	void whenBothCacheBoundsAreSetThenStartupFailsNamingThem() {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.cache.maximum-size=50",
					"media.streaming.cache.maximum-memory=10MB")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("media.streaming.cache.maximum-memory")
				.hasMessageContaining("not both"));
	}

	@Test
	void whenCacheControlIsNotAHeaderValueThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.cache-control=a\nb")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("media.streaming.cache-control"));
	}

	@Test
	void defaultsAreTheSeedHandlersDefaults() {
		MediaStreamingProperties properties = new MediaStreamingProperties();
		assertThat(properties.isAutoRate()).isTrue();
		assertThat(properties.getSpeedupFactor()).isEqualTo(0.1);
		assertThat(properties.getInitialBoost()).hasSeconds(5);
		assertThat(properties.getPath()).isEqualTo("/media");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRoutesConfiguration {

		final RouterFunction<ServerResponse> routes = RouterFunctions.route()
			.GET("/mine", (request) -> ServerResponse.ok().build())
			.build();

		@Bean
		RouterFunction<ServerResponse> mediaRoutes() {
			return this.routes;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserPacingConfiguration {

		static final PacingPolicy POLICY = (request) -> PacingParameters.UNPACED;

		@Bean
		PacingPolicy userPacingPolicy() {
			return POLICY;
		}

	}

}
