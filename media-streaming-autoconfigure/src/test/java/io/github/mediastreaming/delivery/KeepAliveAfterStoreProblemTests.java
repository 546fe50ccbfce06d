package io.github.mediastreaming.delivery;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.source.MediaStoreBusyException;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store whose {@code open} blocks runs it on the blocking scheduler, so the problem that replaces a
 * body it could not open (503 when the store is busy, 404 when the file went) is written from that
 * thread. The next request on the keep-alive connection is still served (Reactor Netty 1.3.8 loses
 * buffered requests after some exchanges that end off the event loop; see {@link ConnectionLoop}).
 */
@SpringBootTest(classes = KeepAliveAfterStoreProblemTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "media.streaming.auto-rate=false")
class KeepAliveAfterStoreProblemTests {

	private static final MediaFormat FORMAT = MediaFormat.named("bin").extension("bin", "application/octet-stream").build();

	private static final int ROUNDS = 300;

	@LocalServerPort
	int port;

	@Test
	void theNextRequestOnAConnectionIsServedAfterAProblemWrittenOffTheEventLoop() throws Exception {
		for (int i = 0; i < ROUNDS; i++) {
			String name = (i % 2 == 0) ? "busy" : "gone";
			RawHttp.KeptAlive answers = RawHttp.twoOnOneConnection(this.port,
					"GET /media/" + name + i + ".bin HTTP/1.1", "/media/ok" + i + ".bin");
			assertThat(answers.first()).startsWith((i % 2 == 0) ? "HTTP/1.1 503" : "HTTP/1.1 404")
				.containsIgnoringCase("application/problem+json");
			assertThat(answers.next()).as("after a " + name + " problem (round " + i + ")").startsWith("HTTP/1.1 206");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		MediaStore flakyStore() {
			return new MediaStore() {

				@Override
				public Mono<MediaFile> find(String relativePath) {
					return Mono.just(new MediaFile(relativePath, "flaky:" + relativePath, 100, Instant.EPOCH, null,
							FORMAT, MediaType.APPLICATION_OCTET_STREAM));
				}

				@Override
				public MediaSource open(MediaFile file) throws IOException {
					if (file.relativePath().startsWith("busy")) {
						throw new MediaStoreBusyException("Slow down", new IOException("503 Slow Down"),
								Duration.ofSeconds(1));
					}
					if (file.relativePath().startsWith("gone")) {
						throw new IOException("No such object");
					}
					return new MediaSource() {

						@Override
						public long size() {
							return 100;
						}

						@Override
						public byte[] read(long position, int length) {
							return new byte[Math.max(0, Math.min(length, (int) (100 - position)))];
						}

						@Override
						public void close() {
						}

					};
				}

			};
		}

	}

}
