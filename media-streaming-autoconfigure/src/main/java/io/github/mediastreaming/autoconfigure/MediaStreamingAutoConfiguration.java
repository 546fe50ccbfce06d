package io.github.mediastreaming.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;

import io.github.mediastreaming.http.MediaBodyWriter;
import io.github.mediastreaming.http.MediaFileResolver;
import io.github.mediastreaming.http.MediaHandler;
import io.github.mediastreaming.http.MediaRoutes;
import io.github.mediastreaming.http.SeekPlanCache;
import io.github.mediastreaming.http.StreamingOptions;
import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.pacing.PacingPolicy;
import io.github.mediastreaming.stream.StreamListener;
import io.github.mediastreaming.stream.StreamRegistry;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Auto-configuration that serves the files of {@code media.streaming.root} under
 * {@code media.streaming.path} in a reactive web application. Every bean backs off when the user
 * defines one of the same type.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "media.streaming.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MediaStreamingProperties.class)
public final class MediaStreamingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MediaFileResolver mediaFileResolver(MediaStreamingProperties properties) throws IOException {
		Path root = properties.getRoot();
		Assert.state(root != null, "media.streaming.root is checked when the properties are bound");
		return new MediaFileResolver(root);
	}

	@Bean
	@ConditionalOnMissingBean
	MediaIndexService mediaIndexService(MediaStreamingProperties properties, ObjectProvider<IndexListener> listeners) {
		MediaStreamingProperties.Cache cache = properties.getCache();
		Executor executor = (task) -> Schedulers.boundedElastic().schedule(task);
		IndexListener listener = IndexListener.composite(listeners.orderedStream().toList());
		Long maximumSize = cache.getMaximumSize();
		long maximumIndex = cache.getMaximumIndexMemory().toBytes();
		if (maximumSize != null) {
			return new MediaIndexService(BuiltInReaders.all(), maximumSize, maximumIndex, cache.getExpireAfterAccess(),
					executor, listener);
		}
		return MediaIndexService.boundedByMemory(BuiltInReaders.all(), cache.effectiveMaximumMemory().toBytes(),
				maximumIndex, cache.getExpireAfterAccess(), executor, listener);
	}

	@Bean
	@ConditionalOnMissingBean
	PacingPolicy mediaPacingPolicy(MediaStreamingProperties properties) {
		return new PacingPolicy(
				new PacingPolicy.PacingParameters(properties.isAutoRate(), properties.getSpeedupFactor(),
						properties.getInitialBoost()),
				properties.getRules()
					.stream()
					.map((rule) -> new PacingPolicy.Rule(rule.getPattern(), rule.getFormat(), rule.getAutoRate(),
							rule.getSpeedupFactor(), rule.getInitialBoost()))
					.toList());
	}

	@Bean
	@ConditionalOnMissingBean
	StreamRegistry mediaStreamRegistry(ObjectProvider<StreamListener> listeners) {
		return new StreamRegistry(listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	MediaBodyWriter mediaBodyWriter(StreamRegistry registry) {
		return new MediaBodyWriter(registry, Schedulers.parallel());
	}

	@Bean
	@ConditionalOnMissingBean
	SeekPlanCache mediaSeekPlanCache(MediaStreamingProperties properties) {
		return new SeekPlanCache(properties.getCache().getSeekPlanMemory().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	MediaHandler mediaHandler(MediaStreamingProperties properties, MediaFileResolver resolver,
			MediaIndexService indexService, PacingPolicy pacingPolicy, MediaBodyWriter writer,
			StreamRegistry registry, SeekPlanCache seekPlans) {
		StreamingOptions options = new StreamingOptions(properties.getPath(), properties.getMp4().isExactStart(),
				properties.getMp4().isFaststart(), properties.getFlv().getTimeParameter(), properties.getCacheControl());
		return new MediaHandler(resolver, indexService, pacingPolicy, options, writer, registry, seekPlans);
	}

	@Bean
	@ConditionalOnMissingBean(name = "mediaRoutes")
	RouterFunction<ServerResponse> mediaRoutes(MediaStreamingProperties properties, MediaHandler handler) {
		return MediaRoutes.routes(properties.getPath(), handler);
	}

}
