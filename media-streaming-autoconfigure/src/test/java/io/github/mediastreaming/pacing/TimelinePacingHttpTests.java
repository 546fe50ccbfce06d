package io.github.mediastreaming.pacing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

/**
 * Timeline pacing over a real socket with the built-in WAV reader, whose timeline is a straight line: a
 * constant-bitrate file takes the same time on the timeline (the default) as at the average rate (a rule
 * here), and the actuator shows each paced stream's lead.
 * <p>
 * The WAV is 8 kHz mono 16-bit (16,000 bytes a second) for 4 s: with factor 1 and a 1 s boost both clocks
 * send 16,000 bytes at once and the other 48,000 at 32,000 B/s, in 1.5 s.
 */
@SpringBootTest(classes = TimelinePacingHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.speedup-factor=1", "media.streaming.initial-boost=1s",
				"media.streaming.rules[0].pattern=/media/average/**", "media.streaming.rules[0].pacing-mode=average",
				"management.endpoints.web.exposure.include=media" })
class TimelinePacingHttpTests {

	private static final Path ROOT = Fixtures.root("timeline", (root) -> {
		Files.write(root.resolve("tone.wav"), wav(16_000 * 4));
		Files.createDirectories(root.resolve("average"));
		Files.write(root.resolve("average/tone.wav"), wav(16_000 * 4));
		Files.write(root.resolve("long.wav"), wav(16_000 * 30));
	});

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aConstantBitrateFileTakesTheSameTimeOnBothClocks() throws Exception {
		// Each clock twice, in turn, keeping the quicker: the first paced stream of the JVM runs its sender
		// through the interpreter and the JIT, which on a loaded machine cost it up to 0.3 s whichever clock
		// came first (the same 1.5 s stream, measured later, loses none).
		double timeline = seconds("/media/tone.wav");
		double average = seconds("/media/average/tone.wav");
		timeline = Math.min(timeline, seconds("/media/tone.wav"));
		average = Math.min(average, seconds("/media/average/tone.wav"));
		assertThat(timeline).isBetween(1.45, 2.0);
		assertThat(average).isBetween(1.45, 2.0);
		assertThat(timeline).isCloseTo(average, withinPercentage(5));
	}

	@Test
	void theActuatorShowsTheLeadOfAPacedStream() {
		CompletableFuture<HttpResponse<Void>> stream = this.http.sendAsync(
				HttpRequest.newBuilder(uri("/media/long.wav")).build(), HttpResponse.BodyHandlers.discarding());
		try {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				Map<String, Object> media = org.springframework.test.web.reactive.server.WebTestClient.bindToServer()
					.baseUrl("http://127.0.0.1:" + this.port)
					.build()
					.get()
					.uri("/actuator/media")
					.exchange()
					.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
					})
					.returnResult()
					.getResponseBody();
				@SuppressWarnings("unchecked")
				Map<String, Object> first = ((java.util.List<Map<String, Object>>) media.get("streams")).get(0);
				// One second of boost, then twice real time: the lead grows from about 1 s.
				assertThat(((Number) first.get("lead")).doubleValue()).isBetween(0.5, 30.0);
			});
		}
		finally {
			stream.cancel(true);
		}
	}

	private double seconds(String path) throws Exception {
		// Index the file and warm the path first: the timing is the pacing, not a first request's setup.
		this.http.send(HttpRequest.newBuilder(uri(path)).header("Range", "bytes=0-0").build(),
				HttpResponse.BodyHandlers.discarding());
		long start = System.nanoTime();
		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(uri(path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.body()).hasSize(44 + 16_000 * 4);
		return (System.nanoTime() - start) / 1e9;
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** A WAV of 8 kHz mono 16-bit PCM: 16,000 bytes a second. */
	static byte[] wav(int dataBytes) {
		ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
		wav.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
		wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16_000)
			.putShort((short) 2).putShort((short) 16);
		wav.put("data".getBytes()).putInt(dataBytes);
		return wav.array();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
