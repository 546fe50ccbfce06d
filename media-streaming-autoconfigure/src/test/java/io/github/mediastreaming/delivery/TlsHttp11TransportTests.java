package io.github.mediastreaming.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;

import io.github.mediastreaming.testsupport.SelfSignedKeyStore;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** HTTP/1.1 over TLS: file regions cannot be encrypted, so every body takes the buffer path. */
@SpringBootTest(classes = TransportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=false", "media.streaming.speedup-factor=1",
				"media.streaming.initial-boost=1s" })
class TlsHttp11TransportTests extends TransportContract {

	private static final SelfSignedKeyStore KEYS = SelfSignedKeyStore.create();

	private static final Path ROOT = createRoot();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
		KEYS.serveWith(registry);
	}

	@Override
	HttpClient client() {
		return HttpClient.newBuilder().sslContext(KEYS.clientContext()).version(HttpClient.Version.HTTP_1_1).build();
	}

	@Override
	URI uri(String path) {
		return URI.create("https://127.0.0.1:" + this.port + path);
	}

	@Override
	HttpClient.Version expectedVersion() {
		return HttpClient.Version.HTTP_1_1;
	}

}
