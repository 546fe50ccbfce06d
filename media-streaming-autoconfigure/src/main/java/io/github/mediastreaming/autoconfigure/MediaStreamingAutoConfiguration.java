package io.github.mediastreaming.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import io.github.mediastreaming.delivery.AnswersOnConnectionLoop;
import io.github.mediastreaming.delivery.Http1ConnectionGuard;
import io.github.mediastreaming.delivery.Http2HangUps;
import io.github.mediastreaming.delivery.LenientForwardedHeaders;
import io.github.mediastreaming.delivery.MediaBodyWriter;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.http.MediaCorsFilter;
import io.github.mediastreaming.http.MediaHandler;
import io.github.mediastreaming.http.MediaRoutes;
import io.github.mediastreaming.http.SeekPlanCache;
import io.github.mediastreaming.http.SignedUrlFilter;
import io.github.mediastreaming.http.StreamingOptions;
import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.index.LimitedExecutor;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.pacing.BandwidthBudget;
import io.github.mediastreaming.pacing.PacingPolicy;
import io.github.mediastreaming.source.LocalMediaStore;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.stream.StreamListener;
import io.github.mediastreaming.stream.StreamRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Auto-configuration that serves the files of {@code media.streaming.root} under
 * {@code media.streaming.path} in a reactive web application. Every piece is a bean that backs off when
 * the user defines one of the same type (or, for the formats and the scheduler, of the same name).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "media.streaming.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MediaStreamingProperties.class)
@Import(BuiltInFormatsConfiguration.class)
public final class MediaStreamingAutoConfiguration {

	/** Name of the scheduler blocking work runs on (index builds, seek builds, a remote store's calls). */
	public static final String BLOCKING_SCHEDULER = "mediaBlockingScheduler";

	@Bean
	@ConditionalOnMissingBean
	MediaFormats mediaFormats(ObjectProvider<MediaFormat> formats) {
		return new MediaFormats(formats.orderedStream().toList());
	}

	@Bean(destroyMethod = "closeIdleFiles")
	@ConditionalOnMissingBean(MediaStore.class)
	LocalMediaStore mediaStore(MediaStreamingProperties properties, MediaFormats formats) throws IOException {
		String bucket = properties.getS3().getBucket();
		if (bucket != null) {
			// The S3 store backed off (its SDK is missing): serving the local folder instead would be a surprise.
			throw new InvalidConfigurationPropertyValueException(MediaStreamingProperties.PREFIX + ".s3.bucket", bucket,
					"Serving from S3 needs the AWS SDK on the class path: software.amazon.awssdk:s3 and "
							+ "software.amazon.awssdk:netty-nio-client");
		}
		Path root = properties.getRoot();
		if (root == null) {
			throw new InvalidConfigurationPropertyValueException(MediaStreamingProperties.PREFIX + ".root", null,
					"Set it to the folder of media files to serve");
		}
		return new LocalMediaStore(root, formats, properties.getCache().openFileSettings());
	}

	// Not a default candidate: an application that injects its own Scheduler by type keeps getting it.
	@Bean(name = BLOCKING_SCHEDULER, destroyMethod = "", defaultCandidate = false)
	@ConditionalOnMissingBean(name = BLOCKING_SCHEDULER)
	Scheduler mediaBlockingScheduler() {
		return Schedulers.boundedElastic();
	}

	@Bean
	@ConditionalOnMissingBean
	MediaIndexService mediaIndexService(MediaStreamingProperties properties, ObjectProvider<IndexListener> listeners,
			@Qualifier(BLOCKING_SCHEDULER) Scheduler blocking) {
		MediaStreamingProperties.Cache cache = properties.getCache();
		// A burst of first requests for many files reads a few at a time, not all at once.
		Executor executor = new LimitedExecutor((task) -> blocking.schedule(task), properties.getMaxIndexBuilds());
		IndexListener listener = IndexListener.composite(listeners.orderedStream().toList());
		Long maximumSize = cache.getMaximumSize();
		long maximumIndex = cache.getMaximumIndexMemory().toBytes();
		if (maximumSize != null) {
			return MediaIndexService.boundedByEntries(maximumSize, maximumIndex, cache.getExpireAfterAccess(), executor,
					listener);
		}
		return MediaIndexService.boundedByMemory(cache.effectiveMaximumMemory().toBytes(), maximumIndex,
				cache.getExpireAfterAccess(), executor, listener);
	}

	@Bean
	@ConditionalOnMissingBean
	PacingPolicy mediaPacingPolicy(MediaStreamingProperties properties) {
		return properties.pacingPolicy();
	}

	/**
	 * Check the pacing rules' formats at startup. Not with the other properties: the formats are beans (a
	 * user's format counts too). Not in the policy's bean either, which backs off for a user's: a user's
	 * policy that delegates to {@link MediaStreamingProperties#pacingPolicy()} applies the rules as well.
	 */
	@Bean
	InitializingBean mediaPacingRulesCheck(MediaStreamingProperties properties, MediaFormats formats) {
		return () -> checkRuleFormats(properties.getRules(), formats);
	}

	private static void checkRuleFormats(List<MediaStreamingProperties.Rule> rules, MediaFormats formats) {
		for (int i = 0; i < rules.size(); i++) {
			String format = rules.get(i).getFormat();
			if (format != null && formats.byId(format).isEmpty()) {
				throw new InvalidConfigurationPropertyValueException(
						MediaStreamingProperties.PREFIX + ".rules[" + i + "].format", format, "No such format; known: "
								+ formats.all().stream().map(MediaFormat::id).sorted().collect(Collectors.joining(", ")));
			}
		}
	}

	@Bean
	@ConditionalOnMissingBean
	StreamRegistry mediaStreamRegistry(MediaStreamingProperties properties, ObjectProvider<StreamListener> listeners) {
		return new StreamRegistry(listeners.orderedStream().toList(), properties.getStreamsPerClient());
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnBandwidthLimitCondition.class)
	BandwidthBudget mediaBandwidthBudget(MediaStreamingProperties properties) {
		DataSize limit = properties.getBandwidth().getTotalLimit();
		Assert.state(limit != null, "The condition checked the property");
		return new BandwidthBudget(limit.toBytes(), Schedulers.parallel());
	}

	// Started by a bean of its own rather than an init method: a user's budget needs starting too.
	@Bean
	@ConditionalOnBean(BandwidthBudget.class)
	BandwidthBudgetRunner mediaBandwidthBudgetRunner(BandwidthBudget budget) {
		return new BandwidthBudgetRunner(budget);
	}

	@Bean
	@ConditionalOnMissingBean
	MediaBodyWriter mediaBodyWriter(MediaStreamingProperties properties, StreamRegistry registry,
			@Qualifier(BLOCKING_SCHEDULER) Scheduler blocking, ObjectProvider<BandwidthBudget> budget) {
		return new MediaBodyWriter(registry, Schedulers.parallel(), blocking, properties.deliverySettings(),
				budget.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	SeekPlanCache mediaSeekPlanCache(MediaStreamingProperties properties) {
		return new SeekPlanCache(properties.getCache().getSeekPlanMemory().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	MediaHandler mediaHandler(MediaStreamingProperties properties, MediaStore store, MediaIndexService indexService,
			PacingPolicy pacingPolicy, MediaBodyWriter writer, StreamRegistry registry, SeekPlanCache seekPlans,
			@Qualifier(BLOCKING_SCHEDULER) Scheduler blocking) {
		StreamingOptions options = new StreamingOptions(properties.getPath(), properties.getMp4().isExactStart(),
				properties.getMaxSeekBuilds(), properties.getFlv().getTimeParameter(), properties.getCacheControl());
		return new MediaHandler(store, indexService, pacingPolicy, options, writer, registry, seekPlans, blocking);
	}

	@Bean
	@ConditionalOnMissingBean(name = "mediaRoutes")
	RouterFunction<ServerResponse> mediaRoutes(MediaStreamingProperties properties, MediaHandler handler,
			ObjectProvider<SignedUrlFilter> signedUrls) {
		RouterFunction<ServerResponse> routes = MediaRoutes.routes(properties.getPath(), handler);
		SignedUrlFilter filter = signedUrls.getIfAvailable();
		return (filter != null) ? routes.filter(filter) : routes;
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnCorsOriginsCondition.class)
	MediaCorsFilter mediaCorsFilter(MediaStreamingProperties properties, ObjectProvider<ServerCodecConfigurer> codecs) {
		MediaStreamingProperties.Cors cors = properties.getCors();
		return new MediaCorsFilter(properties.getPath(), cors.getAllowedOrigins(), cors.isAllowCredentials(),
				cors.getMaxAge(), codecs.getIfAvailable(ServerCodecConfigurer::create).getWriters());
	}

	/** Connection-level hardening of the Reactor Netty server the application runs on. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(NettyServerCustomizer.class)
	static class NettyServerConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "mediaHttp1ConnectionGuard")
		NettyServerCustomizer mediaHttp1ConnectionGuard(MediaStreamingProperties properties) {
			long timeoutNanos = properties.getHeaderTimeout().toNanos();
			return (server) -> server
				.doOnChannelInit((observer, channel, address) -> Http1ConnectionGuard.install(channel, timeoutNanos));
		}

		@Bean
		@ConditionalOnMissingBean(name = "mediaAnswersOnConnectionLoop")
		AnswersOnConnectionLoop mediaAnswersOnConnectionLoop() {
			return new AnswersOnConnectionLoop();
		}

		@Bean
		@ConditionalOnMissingBean(name = "mediaLenientForwardedHeaders")
		NettyServerCustomizer mediaLenientForwardedHeaders() {
			return LenientForwardedHeaders::apply;
		}

		@Bean
		@ConditionalOnMissingBean(name = "mediaHttp2HangUps")
		NettyServerCustomizer mediaHttp2HangUps() {
			// Last in the pipeline, where an HTTP/2 connection's I/O errors otherwise reach Netty's WARN.
			return (server) -> server.doOnChannelInit(
					(observer, channel, address) -> channel.pipeline().addLast(Http2HangUps.NAME, Http2HangUps.INSTANCE));
		}

	}

}
