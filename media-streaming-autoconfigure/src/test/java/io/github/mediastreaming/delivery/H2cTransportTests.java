package io.github.mediastreaming.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * HTTP/2 in clear text, upgraded from HTTP/1.1: each request is an HTTP/2 stream, a child channel that
 * cannot take file regions, so bodies take the buffer path.
 */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "media.streaming.speedup-factor=1",
				"media.streaming.initial-boost=1s" })
class H2cTransportTests extends TransportContract {

	private static final Path ROOT = createRoot();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Override
	HttpClient client() {
		return this.client;
	}

	@Override
	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@Override
	HttpClient.Version expectedVersion() {
		return HttpClient.Version.HTTP_2;
	}

}
