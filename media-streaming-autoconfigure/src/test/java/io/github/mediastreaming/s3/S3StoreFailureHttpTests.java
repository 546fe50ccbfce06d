package io.github.mediastreaming.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.mediastreaming.source.MediaStoreListener;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import io.github.mediastreaming.testsupport.S3ProxyExtension;
import io.github.mediastreaming.testsupport.S3ProxyServer;
import io.github.mediastreaming.testsupport.ThrottlingS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the store's failures reach an HTTP client, each against a real server of its own: a missing key is
 * a 404, refused credentials and an unreachable store are 502 problems that name no cause, a throttling
 * store (a small fake: s3proxy cannot throttle) is a 503 with Retry-After, whether it throttles the HEAD,
 * the index reads or the body's first GET; and a client that hangs up before the store answered cancels
 * the GET and leaves no stream behind.
 */
class S3StoreFailureHttpTests {

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension();

	static final Path ROOT = Fixtures.root("s3-failures", (root) -> {
		Files.write(root.resolve("tone.wav"), new byte[300_000]);
		Fixtures.copy(root, "mp3/cbr.mp3", "tone.mp3");
	});

	@Test
	void aMissingKeyIsA404Problem() throws IOException {
		withServer(s3Properties(s3.server(), "s3-failures"), (port) -> {
			RawHttp.Response response = get(port, "/media/missing.mp3");
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.text()).contains("application/problem+json").contains("No such media file");
		});
	}

	@Test
	void refusedCredentialsAreA502ProblemThatNamesNoCause() throws IOException {
		Map<String, Object> properties = s3Properties(s3.server(), "s3-failures");
		withServer(properties, WrongSecret.class, (port) -> {
			RawHttp.Response response = get(port, "/media/tone.mp3");
			assertThat(response.status()).isEqualTo(502);
			assertThat(response.text()).contains("application/problem+json")
				.contains("The media store could not be reached")
				.doesNotContain("403")
				.doesNotContain("SignatureDoesNotMatch")
				.doesNotContain("s3://");
		});
	}

	@Test
	void aStoppedStoreIsA502Problem() throws IOException {
		S3ProxyServer dedicated = S3ProxyServer.start(Map.of());
		try {
			dedicated.upload("stopped", ROOT);
			withServer(s3Properties(dedicated, "stopped"), (port) -> {
				assertThat(get(port, "/media/tone.mp3").status()).isEqualTo(200);
				dedicated.stop();
				RawHttp.Response response = get(port, "/media/tone.mp3");
				assertThat(response.status()).isEqualTo(502);
				assertThat(response.text()).contains("application/problem+json").doesNotContain("Connection refused");
			});
		}
		finally {
			dedicated.close();
		}
	}

	@Test
	void aThrottledHeadIsA503WithRetryAfter() throws IOException {
		try (ThrottlingS3 fake = new ThrottlingS3(true, null)) {
			withServer(fakeProperties(fake), (port) -> assertBusy(get(port, "/media/tone.wav"), "1"));
		}
	}

	@Test
	void throttledIndexReadsAreA503NotAnUnindexedFile() throws IOException {
		try (ThrottlingS3 fake = new ThrottlingS3(false, "3")) {
			// Pacing needs the index: its reads are throttled.
			withServer(fakeProperties(fake), (port) -> assertBusy(get(port, "/media/tone.wav"), "3"));
		}
	}

	@Test
	void aThrottledFirstBodyGetIsA503() throws IOException {
		try (ThrottlingS3 fake = new ThrottlingS3(false, null)) {
			Map<String, Object> properties = fakeProperties(fake);
			// Unpaced, nothing is indexed: the body's first GET is the first one throttled.
			properties.put("media.streaming.auto-rate", "false");
			withServer(properties, (port) -> assertBusy(get(port, "/media/tone.wav"), "1"));
		}
	}

	@Test
	void aClientThatHangsUpBeforeTheStoreAnswersCancelsTheGetAndLeavesNoStream() throws IOException {
		S3ProxyServer slow = S3ProxyServer.start(
				Map.of("s3proxy.latency-blobstore", "true", "s3proxy.latency-blobstore.get.latency", "3000"));
		try {
			slow.upload("slow", ROOT);
			Map<String, Object> properties = s3Properties(slow, "slow");
			properties.put("media.streaming.auto-rate", "false");
			withServer(properties, RecordingListener.class, (port, context) -> {
				RecordingListener listener = context.getBean(RecordingListener.class);
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
					OutputStream out = socket.getOutputStream();
					out.write("GET /media/tone.wav HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					out.flush();
					await().atMost(Duration.ofSeconds(2)).until(() -> listener.requests.contains("head:success"));
					Thread.sleep(300);
					socket.setSoLinger(true, 0);
				}
				await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
					assertThat(listener.requests).contains("stream:cancelled");
					assertThat(context.getBean(StreamRegistry.class).size()).isZero();
				});
			});
		}
		finally {
			slow.close();
		}
	}

	private static void assertBusy(RawHttp.Response response, String retryAfter) {
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.text()).containsIgnoringCase("Retry-After: " + retryAfter + "\r\n")
			.contains("application/problem+json")
			.contains("The media store is busy")
			.doesNotContain("SlowDown");
	}

	private static RawHttp.Response get(int port, String path) {
		try {
			return RawHttp.get(port, path);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	private static Map<String, Object> s3Properties(S3ProxyServer server, String bucket) {
		if (server == s3.server()) {
			s3.bucket(bucket, ROOT);
		}
		return store(server.endpoint().toString(), bucket);
	}

	private static Map<String, Object> fakeProperties(ThrottlingS3 fake) {
		return store(fake.endpoint().toString(), "throttled");
	}

	private static Map<String, Object> store(String endpoint, String bucket) {
		Map<String, Object> properties = new java.util.HashMap<>(Map.of("media.streaming.s3.bucket", bucket,
				"media.streaming.s3.endpoint", endpoint, "media.streaming.s3.path-style-access", "true",
				"media.streaming.s3.region", "us-east-1", "server.port", "0", "server.address", "127.0.0.1"));
		return properties;
	}

	private static void withServer(Map<String, Object> properties, Consumer<Integer> test) {
		withServer(properties, null, (port, context) -> test.accept(port));
	}

	private static void withServer(Map<String, Object> properties, Class<?> extra, Consumer<Integer> test) {
		withServer(properties, extra, (port, context) -> test.accept(port));
	}

	private static void withServer(Map<String, Object> properties, Class<?> extra, ServerTest test) {
		List<Class<?>> sources = new ArrayList<>(List.of(TestApplication.class));
		if (extra != null) {
			sources.add(extra);
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class[]::new))
			.properties(properties)
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			test.run(port, context);
		}
		catch (Exception ex) {
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new AssertionError(ex);
		}
	}

	@FunctionalInterface
	interface ServerTest {

		void run(int port, ConfigurableApplicationContext context) throws Exception;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

	/** A user's client whose secret the store refuses. */
	@Configuration(proxyBeanMethods = false)
	static class WrongSecret {

		@Bean(destroyMethod = "close")
		S3AsyncClient wrongSecretClient() {
			return S3AsyncClient.builder()
				.endpointOverride(s3.server().endpoint())
				.region(Region.US_EAST_1)
				.forcePathStyle(true)
				.credentialsProvider(StaticCredentialsProvider
					.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, "not-the-secret")))
				.build();
		}

	}

	/** Records every store request, as a metrics listener would. */
	static class RecordingListener implements MediaStoreListener {

		final List<String> requests = new CopyOnWriteArrayList<>();

		@Override
		public void requested(String operation, Outcome outcome, long nanos) {
			this.requests.add(operation + ":" + outcome.id());
		}

	}

}
