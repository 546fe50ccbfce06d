package io.github.mediastreaming.testsupport;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Gives a test class the s3proxy server shared by the whole test run (started on first use, stopped when
 * the run ends) and points the application at it. Register it in a static field, so its
 * {@link #properties} can be used from a {@code @DynamicPropertySource} method:
 * <pre>
 * &#64;RegisterExtension
 * static final S3ProxyExtension s3 = new S3ProxyExtension();
 *
 * &#64;DynamicPropertySource
 * static void store(DynamicPropertyRegistry registry) {
 *     s3.properties(registry, "my-tests", ROOT);
 * }
 * </pre>
 * The application's credentials come from the SDK's default chain, here the system properties
 * {@code aws.accessKeyId} and {@code aws.secretAccessKey}, which this extension sets.
 */
public final class S3ProxyExtension implements BeforeAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(S3ProxyExtension.class);

	private static final Set<String> uploaded = ConcurrentHashMap.newKeySet();

	private volatile @Nullable S3ProxyServer server;

	@Override
	public void beforeAll(ExtensionContext context) {
		System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
		this.server = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(S3ProxyServer.class, (key) -> S3ProxyServer.start(Map.of()), S3ProxyServer.class);
	}

	/**
	 * Return the shared server.
	 * @return the server, once {@link #beforeAll} ran
	 */
	public S3ProxyServer server() {
		S3ProxyServer current = this.server;
		if (current == null) {
			throw new IllegalStateException("Register the extension with @RegisterExtension on a static field");
		}
		return current;
	}

	/**
	 * Upload a folder into a bucket once per run.
	 * @param bucket the bucket's name, unique to the test class
	 * @param root the folder
	 * @return the bucket's name
	 */
	public String bucket(String bucket, Path root) {
		if (uploaded.add(bucket)) {
			server().upload(bucket, root);
		}
		return bucket;
	}

	/**
	 * Point the application at a bucket holding the files of a folder: the bucket, the server's endpoint,
	 * a region and path-style access (values read when the context starts, after the server has).
	 * @param registry the test's dynamic properties
	 * @param bucket the bucket's name, unique to the test class
	 * @param root the folder to upload
	 */
	public void properties(DynamicPropertyRegistry registry, String bucket, Path root) {
		registry.add("media.streaming.s3.bucket", () -> bucket(bucket, root));
		registry.add("media.streaming.s3.endpoint", () -> server().endpoint().toString());
		registry.add("media.streaming.s3.region", () -> "us-east-1");
		registry.add("media.streaming.s3.path-style-access", () -> "true");
	}

}
