package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * MinIO in a container (Testcontainers), for the S3 suites where a Docker engine exists: the same keys as
 * {@link S3ProxyServer}, so the application's default credential chain (the {@code aws.*} system
 * properties the tests set) fits both.
 */
public final class MinioContainer extends GenericContainer<MinioContainer> {

	private final Set<String> uploaded = ConcurrentHashMap.newKeySet();

	/** Create the container (started by {@code @Testcontainers}). */
	public MinioContainer() {
		super("minio/minio:RELEASE.2025-04-22T22-12-26Z");
		withCommand("server", "/data");
		withEnv("MINIO_ROOT_USER", S3ProxyServer.ACCESS_KEY);
		withEnv("MINIO_ROOT_PASSWORD", S3ProxyServer.SECRET_KEY);
		withExposedPorts(9000);
		waitingFor(Wait.forHttp("/minio/health/live").forPort(9000));
	}

	/** @return the S3 API's URL */
	public URI endpoint() {
		return URI.create("http://" + getHost() + ":" + getMappedPort(9000));
	}

	/**
	 * Point the application at a bucket holding the files of a folder, uploaded on first use.
	 * @param registry the test's dynamic properties
	 * @param bucket the bucket's name
	 * @param root the folder
	 */
	public void properties(DynamicPropertyRegistry registry, String bucket, Path root) {
		System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
		registry.add("media.streaming.s3.bucket", () -> upload(bucket, root));
		registry.add("media.streaming.s3.endpoint", () -> endpoint().toString());
		registry.add("media.streaming.s3.region", () -> "us-east-1");
		registry.add("media.streaming.s3.path-style-access", () -> "true");
	}

	private String upload(String bucket, Path root) {
		if (!this.uploaded.add(bucket)) {
			return bucket;
		}
		try (S3AsyncClient client = S3AsyncClient.builder()
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
			.build(); var files = Files.walk(root)) {
			client.createBucket((request) -> request.bucket(bucket)).join();
			for (Path file : files.filter((path) -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList()) {
				String key = root.relativize(file).toString().replace('\\', '/');
				client.putObject((request) -> request.bucket(bucket).key(key), AsyncRequestBody.fromFile(file)).join();
			}
			return bucket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
