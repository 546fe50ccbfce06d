package io.github.mediastreaming.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.examples.InMemoryMediaStore;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code media} endpoint over a user's store that may block ({@link MediaStore#opensWithoutBlocking()}
 * is {@code false}, the default: a store on a blocking client, a database): its look-ups run off the event
 * loop, as the media routes run them, so an operator's request cannot stall the streams that share the
 * loop.
 */
@SpringBootTest(classes = MediaEndpointBlockingStoreTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=media")
class MediaEndpointBlockingStoreTests {

	@LocalServerPort
	int port;

	@Autowired
	BlockingStore store;

	@BeforeEach
	void storeASong() throws IOException {
		this.store.memory.put("song.mp3", Files.readAllBytes(Fixtures.media("mp3/cbr.mp3")));
		this.store.onEventLoop.clear();
	}

	@Test
	void theMediaRoutesLookAFileOfABlockingStoreUpOffTheEventLoop() throws IOException {
		assertThat(RawHttp.get(this.port, "/media/song.mp3", "Range: bytes=0-0").status()).isEqualTo(206);
		assertThat(this.store.onEventLoop).containsExactly(false);
	}

	@Test
	void theEndpointLooksAFileOfABlockingStoreUpOffTheEventLoop() throws IOException {
		RawHttp.Response index = RawHttp.get(this.port, "/actuator/media/song.mp3");
		assertThat(index.status()).as(index.text()).isEqualTo(200);
		assertThat(this.store.onEventLoop).containsExactly(false);
	}

	@Test
	void theEndpointEvictsAFileOfABlockingStoreLookingItUpOffTheEventLoop() throws Exception {
		HttpResponse<String> evicted = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/media/song.mp3"))
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(evicted.statusCode()).as(evicted.body()).isEqualTo(200);
		assertThat(this.store.onEventLoop).containsExactly(false);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		BlockingStore mediaStore(MediaFormats formats) {
			return new BlockingStore(new InMemoryMediaStore(formats));
		}

	}

	/** The in-memory store, declared blocking, noting for each look-up whether it ran on an event loop. */
	static final class BlockingStore implements MediaStore {

		final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();

		final InMemoryMediaStore memory;

		BlockingStore(InMemoryMediaStore memory) {
			this.memory = memory;
		}

		@Override
		public Mono<MediaFile> find(String relativePath) {
			return Mono.defer(() -> {
				this.onEventLoop.add(Schedulers.isInNonBlockingThread());
				return this.memory.find(relativePath);
			});
		}

		@Override
		public MediaSource open(MediaFile file) throws IOException {
			return this.memory.open(file);
		}

	}

}
