package io.github.mediastreaming.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.mediastreaming.autoconfigure.withoutactuator.PlainWebFluxApplication;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first use: the starter in a WebFlux application without Spring Boot Actuator (the starter
 * does not bring it). Run in a JVM of its own, on this module's classpath without Actuator, Boot's
 * Micrometer modules and its health module, as a user's application would have it: it must start without
 * a warning and stream.
 */
class StarterWithoutActuatorTests {

	/** Boot's optional modules the starter works without: Actuator, metrics, observations, health. */
	private static final Pattern OPTIONAL_MODULE = Pattern
		.compile("spring-boot-(actuator|micrometer|health|starter-actuator)[^" + Pattern.quote(File.separator)
				+ "]*\\.jar$");

	private static final Pattern STARTED_PORT = Pattern.compile("Netty started on port (\\d+)");

	@TempDir
	Path root;

	private Process application;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.application != null) {
			this.application.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void startsWithoutAWarningAndStreams() throws Exception {
		Files.copy(Fixtures.media("mp3/cbr.mp3"), this.root.resolve("song.mp3"));
		Path log = this.root.resolve("application.log");
		List<String> classpath = classpath();
		assertThat(classpath).noneMatch((entry) -> OPTIONAL_MODULE.matcher(entry).find());
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx128m", "-cp", String.join(File.pathSeparator, classpath),
				PlainWebFluxApplication.class.getName(), "--server.port=0",
				"--media.streaming.root=" + this.root.resolve("song.mp3").getParent()));
		this.application = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		int port = awaitPort(log);
		String output = Files.readString(log);
		assertThat(output).contains(PlainWebFluxApplication.METRICS_PRESENT + "false");

		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/media/song.mp3"))
			.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.body()).isEqualTo(Files.readAllBytes(this.root.resolve("song.mp3")));
		HttpResponse<byte[]> range = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/media/song.mp3"))
			.header("Range", "bytes=0-99").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).hasSize(100);

		assertThat(this.application.isAlive()).isTrue();
		assertThat(Files.readAllLines(log, StandardCharsets.UTF_8))
			.noneMatch((line) -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("Exception"));
	}

	private int awaitPort(Path log) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			Matcher started = STARTED_PORT.matcher(Files.readString(log));
			if (started.find()) {
				return Integer.parseInt(started.group(1));
			}
			if (!this.application.isAlive()) {
				break;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The application did not start:\n" + Files.readString(log));
	}

	/** This JVM's classpath (read through Surefire's manifest-only jar if it uses one), without the optional modules. */
	private static List<String> classpath() throws IOException {
		List<String> entries = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
		if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
			try (JarFile jar = new JarFile(entries.get(0))) {
				String manifestPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
				if (manifestPath != null) {
					entries = Arrays.stream(manifestPath.split(" "))
						.filter((entry) -> !entry.isBlank())
						.map((entry) -> Path.of(URI.create(entry)).toString())
						.collect(Collectors.toCollection(ArrayList::new));
				}
			}
		}
		entries.removeIf((entry) -> OPTIONAL_MODULE.matcher(entry).find());
		return entries;
	}

}
