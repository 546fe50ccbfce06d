package io.github.mediastreaming.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The descriptors the server holds for the files of a library that changes, counted in
 * {@code /proc/self/fd} (the server runs in the test's JVM): a library of many files requested once each
 * holds no more open than the open-file cache keeps, and a deleted file's descriptor (and so its disk
 * space) is given back once its idle timeout passes, with no request to notice.
 */
@EnabledOnOs(OS.LINUX)
@SpringBootTest(classes = LibraryChurnDescriptorTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.cache.open-files=20",
				"media.streaming.cache.open-file-idle-timeout=1s" })
class LibraryChurnDescriptorTests {

	private static final int FILES = 300;

	static final Path ROOT = Fixtures.root("churn", (root) -> {
		Files.createDirectories(root.resolve("many"));
		for (int i = 0; i < FILES; i++) {
			Fixtures.copy(root, "mp3/cbr.mp3", "many/" + i + ".mp3");
		}
		Fixtures.copy(root, "mp3/cbr.mp3", "deleted.mp3");
	});

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aLibraryRequestedOnceFileByFileKeepsNoMoreFilesOpenThanTheCacheHolds() throws Exception {
		for (int i = 0; i < FILES; i++) {
			// A seek indexes the file and opens it for its plan; a plain GET streams it.
			assertThat(get("/media/many/" + i + ".mp3?start=1").statusCode()).isEqualTo(200);
			assertThat(get("/media/many/" + i + ".mp3").statusCode()).isEqualTo(200);
		}
		// The last response may close its file just after its client has read the last byte.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(openFilesBelow(ROOT.resolve("many"))).hasSizeLessThanOrEqualTo(20));
	}

	@Test
	void aDeletedFilesDescriptorIsGivenBackAfterTheIdleTimeoutWithoutAnotherRequest() throws Exception {
		assertThat(get("/media/deleted.mp3?start=1").statusCode()).isEqualTo(200);
		assertThat(openFilesBelow(ROOT)).anyMatch((target) -> target.endsWith("deleted.mp3"));
		Files.delete(ROOT.resolve("deleted.mp3"));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(openFilesBelow(ROOT)).noneMatch((target) -> target.contains("deleted.mp3")));
	}

	private HttpResponse<byte[]> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	/** The targets of this process's descriptors below a folder ("(deleted)" appended for a deleted file). */
	private static List<String> openFilesBelow(Path folder) throws IOException {
		List<String> below = new ArrayList<>();
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
				try {
					String target = Files.readSymbolicLink(descriptor).toString();
					if (target.startsWith(folder.toRealPath().toString())) {
						below.add(target);
					}
				}
				catch (IOException ex) {
					// Closed since it was listed.
				}
			}
		}
		return below;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
