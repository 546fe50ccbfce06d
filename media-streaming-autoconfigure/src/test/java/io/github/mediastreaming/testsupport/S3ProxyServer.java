package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import org.springframework.util.FileSystemUtils;

/**
 * A real S3 API server for tests: s3proxy with a filesystem backend in a temporary folder, run with
 * {@code java -jar} in a process of its own (its shaded dependencies never meet ours) on a free port of
 * this project's range (20000-20999). The jar is copied to {@code target/s3proxy/s3proxy.jar} by the
 * build (maven-dependency-plugin). Requests must be signed with {@link #ACCESS_KEY} and
 * {@link #SECRET_KEY}; anything else is refused with a 403, as AWS does.
 */
public final class S3ProxyServer implements AutoCloseable {

	/** The access key s3proxy accepts. */
	public static final String ACCESS_KEY = "media-test";

	/** The secret key s3proxy accepts. */
	public static final String SECRET_KEY = "media-test-secret";

	private static final int FIRST_PORT = 20000;

	private static final int PORTS = 1000;

	private final Process process;

	private final Path base;

	private final int port;

	private S3ProxyServer(Process process, Path base, int port) {
		this.process = process;
		this.base = base;
		this.port = port;
	}

	/**
	 * Start a server and wait until it answers.
	 * @param extraProperties further s3proxy properties, such as a middleware's
	 * @return the running server; close it to stop it and delete its data
	 */
	public static S3ProxyServer start(Map<String, String> extraProperties) {
		Path jar = jar();
		try {
			Path base = Files.createTempDirectory("s3proxy");
			Files.createDirectories(base.resolve("data"));
			for (int attempt = 0; attempt < 5; attempt++) {
				int port = freePort();
				List<String> lines = new ArrayList<>(List.of("s3proxy.authorization=aws-v2-or-v4",
						"s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
						"s3proxy.endpoint=http://127.0.0.1:" + port, "jclouds.provider=filesystem-nio2",
						"jclouds.filesystem.basedir=" + base.resolve("data")));
				extraProperties.forEach((key, value) -> lines.add(key + "=" + value));
				Path properties = Files.write(base.resolve("s3proxy-" + port + ".conf"), lines);
				String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
				Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(),
						"--properties", properties.toString())
					.redirectErrorStream(true)
					.redirectOutput(base.resolve("s3proxy-" + port + ".log").toFile())
					.start();
				// A test JVM that ends without closing the server (a crash, an interrupted run, a store the
				// engine did not close) must not leave s3proxy running.
				Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "s3proxy-" + port + "-stop"));
				if (awaitReady(process, port)) {
					return new S3ProxyServer(process, base, port);
				}
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			throw new IllegalStateException("s3proxy did not start; see the logs in " + base);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path jar() {
		Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No s3proxy jar at " + jar.toAbsolutePath()
					+ ": run the tests through Maven, which copies it there (generate-test-resources)");
		}
		return jar;
	}

	/**
	 * Return a port of this project's range (20000-20999) that is free now.
	 * @return the port
	 * @throws IOException if none is
	 */
	public static int freePort() throws IOException {
		int offset = ThreadLocalRandom.current().nextInt(PORTS);
		for (int i = 0; i < PORTS; i++) {
			int port = FIRST_PORT + (offset + i) % PORTS;
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException ex) {
				// Taken: try the next one.
			}
		}
		throw new IOException("No free port in " + FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1));
	}

	private static boolean awaitReady(Process process, int port) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				return false;
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
				return true;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		return false;
	}

	/** @return the server's URL, such as {@code http://127.0.0.1:20123} */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/** @return the server's port */
	public int port() {
		return this.port;
	}

	/**
	 * Return a client signed with the accepted keys, for a test's own requests (creating buckets,
	 * uploading fixtures); the caller closes it.
	 * @return the client
	 */
	public S3AsyncClient client() {
		return S3AsyncClient.builder()
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.build();
	}

	/**
	 * Create a bucket and upload every regular file below a folder (links are not followed), keyed by
	 * its path below the folder.
	 * @param bucket the bucket's name
	 * @param root the folder
	 */
	public void upload(String bucket, Path root) {
		try (S3AsyncClient client = client(); var files = Files.walk(root)) {
			client.createBucket((request) -> request.bucket(bucket)).join();
			for (Path file : files.filter((path) -> Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS))
				.toList()) {
				String key = root.relativize(file).toString().replace('\\', '/');
				client.putObject((request) -> request.bucket(bucket).key(key), AsyncRequestBody.fromFile(file)).join();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return whether the server is running */
	public boolean isRunning() {
		return this.process.isAlive();
	}

	/** Stop the server at once, as a crash would (its data stays until {@link #close()}). */
	public void stop() {
		try {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop();
		FileSystemUtils.deleteRecursively(this.base.toFile());
	}

}
