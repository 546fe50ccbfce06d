package io.github.mediastreaming.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans of a local file are built from its index where the request arrives, so the seek-build limit
 * ({@code max-seek-builds=1} here) never turns them away: a burst of plain Range requests of a faststart
 * MP4 (whose progressive plan is the file itself, cached once) and of seeks to distinct times, all at
 * once, are all answered. The limit bounds only the builds of a store whose reads wait on the network
 * (S3), which run on the blocking scheduler.
 */
@SpringBootTest(classes = LocalPlanBuildTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.max-seek-builds=1" })
class LocalPlanBuildTests {

	private static final Path ROOT = Fixtures.root("plan-builds", (root) -> {
		Fixtures.copy(root, "mp4/faststart.mp4", "movie.mp4");
		Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3");
	});

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aBurstOfRangeRequestsAndSeeksIsAnsweredWhateverTheBuildLimit() {
		List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			responses.add(send("/media/movie.mp4", "bytes=" + (i * 100) + "-" + (i * 100 + 1023)));
			responses.add(send("/media/movie.mp4?start=" + (i % 8) + ".5", null));
			responses.add(send("/media/song.mp3?start=" + (i % 10) + ".25", null));
		}
		List<String> statuses = responses.stream()
			.map((response) -> response.join().statusCode() + " " + response.join().uri().getPath() + "?"
					+ response.join().uri().getQuery())
			.filter((status) -> !status.startsWith("200 ") && !status.startsWith("206 "))
			.toList();
		assertThat(statuses).isEmpty();
		assertThat(responses.stream().filter((response) -> response.join().statusCode() == 206)).hasSize(40);
	}

	private CompletableFuture<HttpResponse<byte[]>> send(String path, String range) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (range != null) {
			request.header("Range", range);
		}
		return this.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
