package io.github.mediastreaming.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pacing.md: "HEAD, 304 and 416 responses never read or index the file (except HEAD of a seek or of an
 * MP4, whose length depends on the index)". A plain request's document is the file as it is, so whether
 * its range can be satisfied is known from the file's size alone: a GET whose range starts past the end
 * of a paced file gets its 416 without the file being indexed (an MP3 without a Xing header is indexed by
 * walking every frame header). Each test uses a file no other request has touched, and the WAV reader
 * here counts the files it indexes.
 */
@SpringBootTest(classes = UnsatisfiableRangeIndexingTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnsatisfiableRangeIndexingTests {

	private static final int SIZE = 100_000;

	private static final AtomicInteger indexed = new AtomicInteger();

	private static final Path ROOT = Fixtures.root("unsatisfiable-range", (root) -> {
		for (String name : new String[] { "range.wav", "head.wav", "satisfiable.wav" }) {
			Files.write(root.resolve(name), new byte[SIZE]);
		}
	});

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aRangePastTheEndOfAPacedFileIsAnsweredWithoutIndexingIt() throws Exception {
		int before = indexed.get();
		HttpResponse<String> response = get("/media/range.wav", "Range", "bytes=" + SIZE + "-");
		assertThat(response.statusCode()).isEqualTo(416);
		assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */" + SIZE);
		assertThat(indexed.get()).isEqualTo(before);
	}

	@Test
	void aHeadOfAPacedFileIsAnsweredWithoutIndexingIt() throws Exception {
		int before = indexed.get();
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/media/head.wav"))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(indexed.get()).isEqualTo(before);
	}

	@Test
	void aRangeThatIsSatisfiableIsIndexedAndPacedAsBefore() throws Exception {
		int before = indexed.get();
		HttpResponse<String> response = get("/media/satisfiable.wav", "Range", "bytes=0-99");
		assertThat(response.statusCode()).isEqualTo(206);
		assertThat(indexed.get()).isEqualTo(before + 1);
	}

	private HttpResponse<String> get(String path, String header, String value) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(uri(path)).header(header, value).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		/** WAV files at 800 kbit/s, counting each file indexed: the built-in format, replaced by name. */
		@Bean
		MediaFormat wavMediaFormat() {
			MediaIndexReader counting = (source, budget) -> {
				indexed.incrementAndGet();
				return new MediaIndex(source.size(), 1_000_000, 800_000, null);
			};
			return MediaFormat.named("wav").extension("wav", "audio/wav").reader(counting).build();
		}

	}

}
