package io.github.mediastreaming.actuate;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.github.mediastreaming.metrics.MediaMeters;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/monitoring.md: {@code media.requests} counts "requests answered by the media routes, errors
 * included". A method other than GET or HEAD under the media path is answered by the media routes, with a
 * 405 problem.
 */
@SpringBootTest(classes = MediaRequestsMethodReviewTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MediaRequestsMethodReviewTests {

	private static final Path ROOT = Fixtures.root("media-requests-method",
			(root) -> Fixtures.copy(root, "mp3/cbr.mp3", "song.mp3"));

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aRequestTheMediaRoutesRefuseWith405IsCountedAsA4xxAnswer() throws IOException {
		double before = count4xx();
		try (Socket socket = RawHttp.connect(this.port)) {
			socket.getOutputStream()
				.write("POST /media/song.mp3 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.ISO_8859_1));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(answer).startsWith("HTTP/1.1 405");
		}
		// Counted before the answer is written: no wait needed once it has been read.
		assertThat(count4xx() - before).isEqualTo(1);
	}

	private double count4xx() {
		return this.meters.find(MediaMeters.REQUESTS)
			.tags(MediaMeters.STATUS, "4xx")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
