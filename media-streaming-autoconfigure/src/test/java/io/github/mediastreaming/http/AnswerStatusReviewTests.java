package io.github.mediastreaming.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.metrics.MediaMeters;
import io.github.mediastreaming.source.LocalMediaStore;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.testsupport.Fixtures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: {@code media.requests} is counted with the status of the response the handler built,
 * before the body writer runs; an answer the writer turns into a problem (a file gone by the time it is
 * opened: 404; a too-many-streams race: 429; a store's failed first GET: 502/503) is counted as 2xx.
 */
@SpringBootTest(classes = AnswerStatusReviewTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnswerStatusReviewTests {

	private static final Path ROOT = Fixtures.root("answer-status", (root) -> Files.write(root.resolve("gone.raw"),
			new byte[100_000]));

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aFileGoneBeforeItIsOpenedIsCountedAsTheNotFoundItIsAnswered() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/media/gone.raw")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(count("2xx")).isZero();
		assertThat(count("4xx")).isEqualTo(1);
	}

	private double count(String family) {
		Counter counter = this.meters.find(MediaMeters.REQUESTS).tags("status", family).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		MediaFormat rawMediaFormat() {
			return MediaFormat.named("raw").extension("raw", "application/octet-stream").build();
		}

		/** Finds the files of the root, but each is deleted by the time the body writer opens it. */
		@Bean
		MediaStore mediaStore(MediaFormats formats) throws IOException {
			LocalMediaStore local = new LocalMediaStore(ROOT, formats);
			return new MediaStore() {

				@Override
				public Mono<MediaFile> find(String relativePath) {
					return local.find(relativePath);
				}

				@Override
				public MediaSource open(MediaFile file) throws IOException {
					throw new java.nio.file.NoSuchFileException(file.key());
				}

				@Override
				public boolean opensWithoutBlocking() {
					return true;
				}

			};
		}

	}

}
