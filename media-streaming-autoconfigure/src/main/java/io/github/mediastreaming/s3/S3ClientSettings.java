package io.github.mediastreaming.s3;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * How to reach the store: the settings of the asynchronous client (Netty based, so no thread waits on a
 * response), with credentials from the SDK's default chain (environment, system properties, profile,
 * container or instance role), refreshed in the background so a request never waits for a refresh.
 *
 * @param endpoint the store's URL for S3-compatible stores such as MinIO, {@code null} for AWS
 * @param region the region, {@code null} for the SDK's default chain (or {@code us-east-1} with an
 * endpoint, which most S3-compatible stores accept)
 * @param pathStyleAccess whether to address buckets as {@code endpoint/bucket} rather than as
 * {@code bucket.endpoint} (MinIO and s3proxy need it)
 * @param maxConnections the most requests in flight at once; more wait for a connection
 * @param connectTimeout how long connecting may take
 */
public record S3ClientSettings(@Nullable URI endpoint, @Nullable String region, boolean pathStyleAccess,
		int maxConnections, Duration connectTimeout) {

	public S3ClientSettings {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("At least one connection is needed, was " + maxConnections);
		}
	}

	/**
	 * Build a client; the caller closes it.
	 * @return the client
	 */
	public S3AsyncClient newClient() {
		S3AsyncClientBuilder builder = S3AsyncClient.builder()
			.httpClientBuilder(NettyNioAsyncHttpClient.builder()
				.maxConcurrency(this.maxConnections)
				.connectionTimeout(this.connectTimeout))
			.credentialsProvider(DefaultCredentialsProvider.builder().asyncCredentialUpdateEnabled(true).build())
			// Ranged GETs carry no whole-object checksum to validate.
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.forcePathStyle(this.pathStyleAccess);
		if (this.endpoint != null) {
			builder.endpointOverride(this.endpoint);
		}
		if (this.region != null) {
			builder.region(Region.of(this.region));
		}
		else if (this.endpoint != null) {
			builder.region(Region.US_EAST_1);
		}
		return builder.build();
	}

}
