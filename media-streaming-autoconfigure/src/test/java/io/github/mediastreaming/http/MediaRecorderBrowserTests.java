package io.github.mediastreaming.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.probe.MatroskaIndexReader;
import io.github.mediastreaming.testsupport.Chromium;
import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A recording a browser makes, as a site that lets viewers upload from their camera receives it: headless
 * Chromium records a canvas and a tone with {@code MediaRecorder} (WebM: no {@code Duration}, every Cluster
 * of unknown size) and posts it to the server. Such a file had no bitrate and was served unpaced.
 */
@SpringBootTest(classes = MediaRecorderBrowserTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MediaRecorderBrowserTests {

	private static final Path ROOT = Fixtures.root("media-recorder", (root) -> {
	});

	private static final BlockingQueue<Path> UPLOADS = new LinkedBlockingQueue<>();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aMediaRecorderWebmLastsAsLongAsItsMediaAndHasATimeline() throws Exception {
		Chromium.assumeInstalled();
		Ffmpeg.assumeInstalled();
		Process browser = Chromium.open("http://127.0.0.1:" + this.port + "/record");
		Path recorded;
		try {
			recorded = UPLOADS.poll(60, TimeUnit.SECONDS);
		}
		finally {
			browser.destroyForcibly();
		}
		assertThat(recorded).as("the recording Chromium posted").isNotNull();
		assertThat(Ffmpeg.decodeErrors(recorded)).isEmpty();
		List<Ffmpeg.Packet> packets = Ffmpeg.packets(recorded);
		double held = packets.stream().mapToLong(Ffmpeg.Packet::timeUs).max().orElseThrow() / 1e6;
		assertThat(held).isGreaterThan(2.0);
		MediaIndex index;
		try (FileMediaSource source = FileMediaSource.open(recorded)) {
			index = new MatroskaIndexReader().read(source);
		}
		assertThat(index.durationSeconds()).isCloseTo(held, within(0.1));
		assertThat(index.bitrate()).isPositive();
		assertThat(index.timeline()).isNotNull();
	}

	/** Records 4 s of a changing canvas and a tone, then posts the WebM. */
	private static final String PAGE = """
			<html><body><canvas id="c" width="160" height="90"></canvas><script>
			const canvas = document.getElementById('c');
			const g = canvas.getContext('2d');
			let frame = 0;
			setInterval(() => {
			  g.fillStyle = 'hsl(' + (frame++ * 7 % 360) + ',80%,50%)';
			  g.fillRect(0, 0, 160, 90);
			}, 40);
			const audio = new AudioContext();
			const tone = audio.createOscillator();
			const out = audio.createMediaStreamDestination();
			tone.connect(out);
			tone.start();
			const stream = canvas.captureStream(25);
			out.stream.getAudioTracks().forEach((track) => stream.addTrack(track));
			const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8,opus' });
			const parts = [];
			recorder.ondataavailable = (e) => parts.push(e.data);
			recorder.onstop = () => fetch('/upload', { method: 'POST', body: new Blob(parts) });
			recorder.start(1000);
			setTimeout(() => recorder.stop(), 4000);
			</script></body></html>
			""";

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		/** The recording page and the endpoint it uploads to. */
		@Bean
		RouterFunction<ServerResponse> recorderPage() {
			return RouterFunctions.route()
				.GET("/record", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(PAGE))
				.POST("/upload", (request) -> request.bodyToMono(byte[].class).map((bytes) -> {
					try {
						return Files.write(ROOT.resolve("recorded.webm"), bytes);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}).doOnNext(UPLOADS::add).then(ServerResponse.noContent().build()))
				.build();
		}

	}

}
