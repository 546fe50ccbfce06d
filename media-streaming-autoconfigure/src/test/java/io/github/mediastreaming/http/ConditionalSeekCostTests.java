package io.github.mediastreaming.http;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cache revalidating a seek it holds, by the tag it got with it, gets its 304 without the file being
 * indexed again: the tag proves the document exists. A date alone proves nothing, so that revalidation
 * checks the seek against the index first (an invalid seek is a 400 whatever its preconditions say).
 */
@SpringBootTest(classes = ConditionalSeekCostTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "media.streaming.auto-rate=false")
class ConditionalSeekCostTests {

	static final Path ROOT = Fixtures.root("conditional-seek-cost",
			(root) -> Fixtures.copy(root, "mp4/bframes.mp4", "movie.mp4"));

	static final AtomicInteger indexed = new AtomicInteger();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Autowired
	MediaIndexService indexes;

	@Test
	void aSeekRevalidatedByItsTagIsNotModifiedWithoutIndexingTheFileAgain() throws Exception {
		WebTestClient client = Fixtures.client(this.port);
		String etag = client.get()
			.uri("/media/movie.mp4?start=1")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();
		int built = indexed.get();
		this.indexes.evict(ROOT.resolve("movie.mp4").toRealPath().toString());
		client.get()
			.uri("/media/movie.mp4?start=1")
			.header("If-None-Match", etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals("ETag", etag);
		assertThat(indexed.get()).as("indexes built for the 304").isEqualTo(built);
		client.get()
			.uri("/media/movie.mp4?start=1")
			.header("If-Modified-Since", "Sun, 01 Jan 2090 00:00:00 GMT")
			.exchange()
			.expectStatus()
			.isNotModified();
		assertThat(indexed.get()).as("a date alone: the seek checked on a new index").isEqualTo(built + 1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		IndexListener countingListener() {
			return new IndexListener() {
				@Override
				public void indexed(String format, long nanos) {
					indexed.incrementAndGet();
				}
			};
		}

	}

}
