package io.github.mediastreaming.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.delivery.AnswersOnConnectionLoop;
import io.github.mediastreaming.delivery.DeliverySettings;
import io.github.mediastreaming.delivery.MediaBodyWriter;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.http.MediaCorsFilter;
import io.github.mediastreaming.http.MediaHandler;
import io.github.mediastreaming.http.SeekPlanCache;
import io.github.mediastreaming.http.StreamingOptions;
import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.pacing.PacingParameters;
import io.github.mediastreaming.pacing.PacingPolicy;
import io.github.mediastreaming.pacing.PacingRequest;
import io.github.mediastreaming.source.LocalMediaStore;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.stream.StreamRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
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
	void theServerIsHardenedByCustomizersTheUserCanReplaceByName() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.run((context) -> assertThat(context).hasBean("mediaHttp1ConnectionGuard")
				.hasBean("mediaHttp2HangUps")
				.hasBean("mediaLenientForwardedHeaders"));
	}

	@Test
	void answersStartOnTheirConnectionsLoopUnlessTheUserReplacesTheDecoratorByName() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.run((context) -> assertThat(context).getBean("mediaAnswersOnConnectionLoop")
				.isInstanceOf(AnswersOnConnectionLoop.class));
		HttpHandlerDecoratorFactory none = (handler) -> handler;
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean("mediaAnswersOnConnectionLoop", HttpHandlerDecoratorFactory.class, () -> none)
			.run((context) -> assertThat(context.getBean("mediaAnswersOnConnectionLoop")).isSameAs(none));
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

	@ParameterizedTest
	@ValueSource(strings = { "send-timeout", "header-timeout", "pacing-interval", "cache.open-file-idle-timeout",
			"cache.open-file-check-interval", "s3.read-ahead", "s3.connect-timeout" })
	void whenATimeoutIsLongerThanAYearThenStartupFailsNamingTheProperty(String property) {
		// 400 years would overflow the nanoseconds the timers count in.
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming." + property + "=146000d")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming." + property)
				.hasMessageContaining("at most 365d"));
	}

	@Test
	void crossOriginAccessIsOffUntilAnOriginIsListed() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.run((context) -> assertThat(context).doesNotHaveBean(MediaCorsFilter.class));
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root,
					"media.streaming.cors.allowed-origins=https://a.example,https://b.example")
			.run((context) -> assertThat(context).hasSingleBean(MediaCorsFilter.class));
	}

	@Test
	void whenAnAllowedOriginIsAPageUrlThenStartupFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root,
					"media.streaming.cors.allowed-origins[0]=https://www.example.com/player.html")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming.cors.allowed-origins")
				.hasMessageContaining("an origin such as https://www.example.com"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("replaceableBeans")
	void aUserBeanOfEachTypeReplacesOurs(Class<Object> type, Supplier<Object> userBean) {
		Object mine = userBean.get();
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean("user" + type.getSimpleName(), type, () -> mine)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBean(type).isSameAs(mine);
			});
	}

	static Stream<Arguments> replaceableBeans() {
		return Stream.of(Arguments.of(MediaFormats.class, (Supplier<Object>) () -> new MediaFormats(List.of())),
				Arguments.of(MediaStore.class, (Supplier<Object>) UserStore::new),
				Arguments.of(MediaIndexService.class,
						(Supplier<Object>) () -> MediaIndexService.boundedByEntries(1, 1024, null, Runnable::run,
								IndexListener.NONE)),
				Arguments.of(PacingPolicy.class, (Supplier<Object>) () -> (PacingPolicy) (r) -> PacingParameters.UNPACED),
				Arguments.of(StreamRegistry.class, (Supplier<Object>) () -> new StreamRegistry(List.of())),
				Arguments.of(MediaBodyWriter.class,
						(Supplier<Object>) () -> new MediaBodyWriter(new StreamRegistry(List.of()), Schedulers.parallel(),
								Schedulers.boundedElastic(), DeliverySettings.DEFAULTS)),
				Arguments.of(SeekPlanCache.class, (Supplier<Object>) () -> new SeekPlanCache(0)));
	}

	@Test
	void aUserHandlerReplacesOursAndTheRoutesUseIt() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withUserConfiguration(UserHandlerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(MediaHandler.class);
				assertThat(context.getBean(MediaHandler.class)).isSameAs(context.getBean("userHandler"));
			});
	}

	@Test
	void aUserSchedulerNamedMediaBlockingSchedulerReplacesOurs() {
		Scheduler mine = Schedulers.immediate();
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(MediaStreamingAutoConfiguration.BLOCKING_SCHEDULER, Scheduler.class, () -> mine)
			.run((context) -> assertThat(context.getBean(MediaStreamingAutoConfiguration.BLOCKING_SCHEDULER))
				.isSameAs(mine));
	}

	@Test
	void everyBuiltInFormatIsABeanAndOneNamedLikeABuiltInReplacesIt() {
		MediaFormat mine = MediaFormat.named("mp3").extension("mp3", "audio/x-mine").build();
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root).run((context) -> {
			assertThat(context.getBeansOfType(MediaFormat.class)).containsOnlyKeys("mp4MediaFormat", "flvMediaFormat",
					"mp3MediaFormat", "oggMediaFormat", "wavMediaFormat", "aviMediaFormat", "matroskaMediaFormat");
			MediaFormats formats = context.getBean(MediaFormats.class);
			assertThat(formats.all()).extracting(MediaFormat::id)
				.containsExactly("mp4", "flv", "mp3", "ogg", "wav", "avi", "matroska");
		});
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean("mp3MediaFormat", MediaFormat.class, () -> mine)
			.run((context) -> assertThat(context.getBean(MediaFormats.class).forFileName("a.mp3")).isSameAs(mine));
	}

	@Test
	void aUserFormatIsAddedBesideTheBuiltInOnes() {
		MediaFormat toy = MediaFormat.named("toy").extension("toy", "video/x-toy").build();
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean("toyMediaFormat", MediaFormat.class, () -> toy)
			.run((context) -> {
				MediaFormats formats = context.getBean(MediaFormats.class);
				assertThat(formats.forFileName("a.toy")).isSameAs(toy);
				assertThat(formats.forFileName("a.mp4").id()).isEqualTo("mp4");
			});
	}

	@Test
	void mp4FaststartOffMakesTheMp4FormatServeFilesAsTheyAre() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.mp4.faststart=false")
			.run((context) -> assertThat(context.getBean(MediaFormats.class).forFileName("a.mp4").reorders()).isFalse());
	}

	@Test
	void withAUserStoreTheRootIsNotNeeded() {
		this.contextRunner.withBean(MediaStore.class, UserStore::new).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(MediaHandler.class);
			assertThat(context).doesNotHaveBean(LocalMediaStore.class);
		});
	}

	@Test
	void whenSendTimeoutOrPacingIntervalIsNotPositiveThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.send-timeout=0s")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("media.streaming.send-timeout"));
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.pacing-interval=-1s")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("media.streaming.pacing-interval"));
	}

	@Test
	void whenTheOpenFileCacheSettingsAreInvalidThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.cache.open-files=-1")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("media.streaming.cache.open-files"));
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.cache.open-file-idle-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("media.streaming.cache.open-file-idle-timeout"));
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.cache.open-file-check-interval=-1s")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("media.streaming.cache.open-file-check-interval"));
	}

	@Test
	void theLocalStoreKeepsFilesOpenUnlessTheCacheIsTurnedOff() throws Exception {
		java.nio.file.Files.writeString(this.root.resolve("kept.mp3"), "bytes");
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root).run((context) -> {
			LocalMediaStore store = context.getBean(LocalMediaStore.class);
			store.lookup("kept.mp3");
			assertThat(store.openFiles()).isEqualTo(1);
		});
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.cache.open-files=0")
			.run((context) -> {
				LocalMediaStore store = context.getBean(LocalMediaStore.class);
				store.lookup("kept.mp3");
				assertThat(store.openFiles()).isZero();
			});
	}

	@Test
	void whenMinimumBitrateIsNegativeThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.minimum-bitrate=-1")
			.run((context) -> assertThat(context).getFailure().hasMessageContaining("media.streaming.minimum-bitrate"));
	}

	@Test
	void theMinimumBitrateReachesThePacingPolicy() {
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.minimum-bitrate=2000")
			.run((context) -> assertThat(context.getBean(PacingPolicy.class)
				.parametersFor(new PacingRequest("/media/a.mp4", MediaFormat.UNKNOWN, new HttpHeaders(), null, null))
				.minimumBitrate()).isEqualTo(2000));
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

	/** A store with no files: enough to stand in for ours. */
	static final class UserStore implements MediaStore {

		@Override
		public Mono<MediaFile> find(String relativePath) {
			return Mono.empty();
		}

		@Override
		public MediaSource open(MediaFile file) throws IOException {
			throw new IOException("No files here");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandlerConfiguration {

		@Bean
		MediaHandler userHandler(MediaStore store, MediaIndexService indexService, PacingPolicy policy,
				MediaBodyWriter writer, StreamRegistry registry) {
			return new MediaHandler(store, indexService, policy,
					new StreamingOptions("/media", true, 1, null, null), writer, registry, new SeekPlanCache(0),
					Schedulers.boundedElastic());
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
