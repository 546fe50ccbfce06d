package io.github.mediastreaming.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app started with Spring AOT on the JVM ({@code process-aot} at build time, then
 * {@code -Dspring.aot.enabled=true}): the context comes from the generated initializer, and the media
 * routes, an MP4 seek (mp4parser's reflection and resources), ranges and the actuator all work.
 */
class SampleApplicationAotIT {

	private static Process app;

	private static Path log;

	private static int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		log = Files.createTempFile("sample-aot", ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		app = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-Xmx256m", "-jar", System.getProperty("sample.jar"),
				"--server.port=" + port, "--media.streaming.root=" + System.getProperty("sample.media"),
				"--server.address=127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The app exited:\n" + Files.readString(log));
			}
			if (Files.readString(log).contains("Started SampleApplication")) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The app did not start within 60 s:\n" + Files.readString(log));
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.destroy();
			app.waitFor(20, TimeUnit.SECONDS);
		}
	}

	@Test
	void theContextComesFromTheAotInitializer() throws IOException {
		assertThat(Files.readString(log)).contains("Starting AOT-processed SampleApplication");
	}

	@Test
	void mediaRoutesServeRangesAndSeeks() throws Exception {
		HttpResponse<byte[]> range = get("/media/demo.mp3", "bytes=0-99");
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).hasSize(100);
		HttpResponse<byte[]> seek = get("/media/demo.mp4?start=1", null);
		assertThat(seek.statusCode()).isEqualTo(200);
		assertThat(new String(seek.body(), 4, 4)).isEqualTo("ftyp");
	}

	@Test
	void theActuatorShowsAnIndex() throws Exception {
		HttpResponse<byte[]> index = get("/actuator/media/demo.mp4", null);
		assertThat(index.statusCode()).isEqualTo(200);
		assertThat(new String(index.body())).contains("\"indexed\":true");
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
	}

	private HttpResponse<byte[]> get(String path, String range) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20));
		if (range != null) {
			request.header("Range", range);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
