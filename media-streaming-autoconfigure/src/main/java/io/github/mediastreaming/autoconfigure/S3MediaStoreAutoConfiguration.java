package io.github.mediastreaming.autoconfigure;

import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.s3.S3ClientSettings;
import io.github.mediastreaming.s3.S3Location;
import io.github.mediastreaming.s3.S3MediaStore;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.source.MediaStoreListener;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Serves the objects of {@code media.streaming.s3.bucket} instead of the root folder, when the AWS SDK's
 * S3 module is on the class path. Runs before {@link MediaStreamingAutoConfiguration}, whose folder store
 * then backs off. A user's {@link S3AsyncClient} bean replaces the client built from the properties.
 */
@AutoConfiguration(before = MediaStreamingAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "media.streaming.enabled", matchIfMissing = true)
@ConditionalOnClass({ S3AsyncClient.class, NettyNioAsyncHttpClient.class })
@ConditionalOnProperty(prefix = "media.streaming.s3", name = "bucket")
@EnableConfigurationProperties(MediaStreamingProperties.class)
public final class S3MediaStoreAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	S3AsyncClient mediaS3Client(MediaStreamingProperties properties) {
		MediaStreamingProperties.S3 s3 = properties.getS3();
		return new S3ClientSettings(s3.getEndpoint(), region(s3), s3.isPathStyleAccess(), s3.getMaxConnections(),
				s3.getConnectTimeout()).newClient();
	}

	/**
	 * The region the client is built with: the property's, or the one the SDK's default chain finds, looked
	 * up here so that finding none fails startup naming the property rather than with the SDK's error under
	 * a stack of bean creation errors. {@code null} beside an endpoint, which has its own default.
	 */
	private static @Nullable String region(MediaStreamingProperties.S3 s3) {
		if (s3.getRegion() != null || s3.getEndpoint() != null) {
			return s3.getRegion();
		}
		try {
			return new DefaultAwsRegionProviderChain().getRegion().id();
		}
		catch (SdkClientException ex) {
			throw new InvalidConfigurationPropertyValueException(MediaStreamingProperties.PREFIX + ".s3.region", null,
					"Set it to the bucket's region: the SDK found none (AWS_REGION, aws.region, a profile, the "
							+ "instance metadata)");
		}
	}

	@Bean
	@ConditionalOnMissingBean(MediaStore.class)
	S3MediaStore mediaStore(MediaStreamingProperties properties, S3AsyncClient client, MediaFormats formats,
			ObjectProvider<MediaStoreListener> listeners) {
		MediaStreamingProperties.S3 s3 = properties.getS3();
		String bucket = s3.getBucket();
		if (bucket == null) {
			throw new IllegalStateException("media.streaming.s3.bucket is not set");
		}
		return new S3MediaStore(client, new S3Location(bucket, s3.getPrefix()), s3.readAheadSettings(), formats,
				MediaStoreListener.composite(listeners.orderedStream().toList()));
	}

}
