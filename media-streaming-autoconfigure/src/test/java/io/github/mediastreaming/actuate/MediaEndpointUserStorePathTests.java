package io.github.mediastreaming.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.examples.InMemoryMediaStore;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code media} endpoint over the user's own store, the in-memory one of docs/extending.md, which
 * relies on what that page promises: "The path has already been checked: no dot segments, no hidden or
 * empty segments". docs/monitoring.md promises that the endpoint answers 404 for a hidden file or a path
 * outside the root, as the media routes do. A store that resolves paths against a folder, trusting that
 * promise, would be read outside it through the endpoint.
 */
@SpringBootTest(classes = MediaEndpointUserStorePathTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=media")
class MediaEndpointUserStorePathTests {

	@LocalServerPort
	int port;

	@Autowired
	RecordingStore store;

	@Test
	void aHiddenFileOfAUserStoreIsNotFoundByTheEndpointAsByTheMediaRoutes() throws IOException {
		this.store.memory.put(".private/song.mp3", Files.readAllBytes(Fixtures.media("mp3/cbr.mp3")));
		assertThat(RawHttp.get(this.port, "/media/.private/song.mp3").status()).isEqualTo(404);
		RawHttp.Response endpoint = RawHttp.get(this.port, "/actuator/media/.private/song.mp3");
		assertThat(endpoint.status()).as(endpoint.text()).isEqualTo(404);
	}

	@Test
	void dotSegmentsAndAbsolutePathsNeverReachAUserStoreThroughTheEndpoint() throws IOException {
		this.store.asked.clear();
		for (String target : new String[] { "/actuator/media/a/%2e%2e/%2e%2e/etc/passwd",
				"/actuator/media/..%2F..%2Fetc%2Fpasswd", "/actuator/media/%2Fetc%2Fpasswd" }) {
			assertThat(RawHttp.get(this.port, target).status()).as(target).isIn(400, 404);
		}
		assertThat(this.store.asked).allSatisfy((path) -> assertThat(path).as(path)
			.doesNotStartWith("/")
			.satisfies((checked) -> assertThat(Arrays.asList(checked.split("/"))).doesNotContain("..", ".")));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		RecordingStore mediaStore(MediaFormats formats) {
			return new RecordingStore(new InMemoryMediaStore(formats));
		}

	}

	/** The in-memory store, noting every path it is asked for. */
	static final class RecordingStore implements MediaStore {

		final List<String> asked = new CopyOnWriteArrayList<>();

		final InMemoryMediaStore memory;

		RecordingStore(InMemoryMediaStore memory) {
			this.memory = memory;
		}

		@Override
		public Mono<MediaFile> find(String relativePath) {
			this.asked.add(relativePath);
			return this.memory.find(relativePath);
		}

		@Override
		public MediaSource open(MediaFile file) throws IOException {
			return this.memory.open(file);
		}

		@Override
		public boolean opensWithoutBlocking() {
			return true;
		}

	}

}
