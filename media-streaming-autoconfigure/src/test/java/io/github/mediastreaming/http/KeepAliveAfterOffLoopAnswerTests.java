package io.github.mediastreaming.http;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The request a keep-alive HTTP/1.1 connection carries after an answer built off the event loop (the
 * first request for a file waits for its index, read on the index executor) is served. Reactor Netty
 * 1.3.8 buffers a request that arrives before the previous exchange has terminated, and when that
 * exchange completes on another thread it sometimes never serves the buffered one: the client waits
 * forever, and the connection guard does not reap it (a request is in progress). The race lost about one
 * time in twenty here, so each file is asked once, fresh, two hundred times.
 */
@SpringBootTest(classes = KeepAliveAfterOffLoopAnswerTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "media.streaming.auto-rate=false")
class KeepAliveAfterOffLoopAnswerTests {

	private static final int FILES = 200;

	private static final Path ROOT = Fixtures.root("media-keep-alive", (root) -> {
		for (int i = 0; i < FILES; i++) {
			Fixtures.copy(root, "mp3/mpeg2.mp3", "song" + i + ".mp3");
		}
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void theNextRequestOnAConnectionIsServedAfterAnAnswerThatWaitedForAnIndex() throws Exception {
		for (int i = 0; i < FILES; i++) {
			// A HEAD of a seek, a 304 and a 206 each wait for the index, then the next request follows.
			String first = switch (i % 3) {
				case 0 -> "HEAD /media/song" + i + ".mp3?start=1 HTTP/1.1\r\n";
				case 1 -> "GET /media/song" + i + ".mp3?start=1 HTTP/1.1\r\nIf-None-Match: *\r\n";
				default -> "GET /media/song" + i + ".mp3?start=1 HTTP/1.1\r\nRange: bytes=0-99\r\n";
			};
			try (Socket socket = RawHttp.connect(this.port)) {
				OutputStream out = socket.getOutputStream();
				InputStream in = new BufferedInputStream(socket.getInputStream());
				out.write((first + "Host: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				String head = RawHttp.readHead(in);
				assertThat(head).startsWith((i % 3 == 0) ? "HTTP/1.1 200" : (i % 3 == 1) ? "HTTP/1.1 304" : "HTTP/1.1 206");
				if (i % 3 == 2) {
					assertThat(in.readNBytes(100)).hasSize(100);
				}
				out.write(("GET /media/song" + i + ".mp3 HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-9\r\n"
						+ "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				try {
					assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 206");
				}
				catch (SocketTimeoutException ex) {
					fail("The request after '" + first.trim() + "' was never answered (file " + i + ")");
				}
			}
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
