package io.github.mediastreaming.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The same {@code ?start=} asked of nginx's mp4 module (the reference the MP4 issue names) and of this
 * starter, both over HTTP, both decoded by ffmpeg. Needs Docker (the official nginx image, built with the
 * mp4 module) and ffmpeg; skipped without them. Every behaviour it shows of ours is also tested without
 * Docker ({@code Mp4FixturesTests}, {@code SeekHttpTests}); this test keeps the side-by-side claim of
 * {@code docs/benchmarks.md} reproducible.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = NginxMp4ModuleComparisonTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.mp4.exact-start=false" })
class NginxMp4ModuleComparisonTests {

	private static final String NGINX_CONF = """
			server {
			  listen 80;
			  location /media/ { root /usr/share/nginx/html; mp4; }
			}
			""";

	private static final Path ROOT = Fixtures.root("media-nginx", (root) -> {
		Fixtures.copy(root, "mp4/faststart.mp4", "faststart.mp4");
		Fixtures.copy(root, "mp4/bframes.mp4", "bframes.mp4");
	});

	@Container
	static final GenericContainer<?> nginx = new GenericContainer<>("nginx:1.27")
		.withCopyToContainer(Transferable.of(NGINX_CONF), "/etc/nginx/conf.d/default.conf")
		.withCopyFileToContainer(MountableFile.forHostPath(ROOT.resolve("faststart.mp4")),
				"/usr/share/nginx/html/media/faststart.mp4")
		.withCopyFileToContainer(MountableFile.forHostPath(ROOT.resolve("bframes.mp4")),
				"/usr/share/nginx/html/media/bframes.mp4")
		.withExposedPorts(80)
		.waitingFor(Wait.forHttp("/media/faststart.mp4"));

	@LocalServerPort
	int port;

	@TempDir
	Path temp;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@BeforeAll
	static void ffmpeg() {
		Ffmpeg.assumeInstalled();
	}

	@ParameterizedTest
	@ValueSource(strings = { "faststart.mp4", "bframes.mp4" })
	void aStartBetweenKeyFramesDecodesCleanlyFromUsWhereNginxStartsOnTheRequestedFrame(String name)
			throws Exception {
		String target = "/media/" + name + "?start=3.3";
		Path ours = fetch("http://127.0.0.1:" + this.port + target, "ours.mp4");
		Path theirs = fetch("http://" + nginx.getHost() + ":" + nginx.getMappedPort(80) + target, "nginx.mp4");
		assertThat(Ffmpeg.decodeErrors(ours)).isEmpty();
		// Ours starts at the key frame before 3.3 s (2 s): 6 s remain. nginx starts at 3.3 s itself.
		assertThat(Ffmpeg.formatDuration(ours)).isCloseTo(6.0, within(0.15));
		assertThat(Ffmpeg.formatDuration(theirs)).isCloseTo(8.0 - 3.3, within(0.15));
		assertThat(Ffmpeg.videoFrames(ours)).isGreaterThan(Ffmpeg.videoFrames(theirs));
	}

	private Path fetch(String url, String name) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return Files.write(this.temp.resolve(name), response.body());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
