package io.github.mediastreaming.testsupport;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Shared test plumbing: the fixture files under {@code src/test/resources/media}, and a client bound to
 * the running server's port.
 */
public final class Fixtures {

	private Fixtures() {
	}

	/**
	 * Return a fixture file.
	 * @param name the path below {@code media/}, such as {@code mp4/faststart.mp4}
	 * @return the file
	 */
	public static Path media(String name) {
		URL url = Fixtures.class.getResource("/media/" + name);
		if (url == null) {
			throw new IllegalArgumentException("No fixture media/" + name);
		}
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a client for the server on a local port.
	 * @param port the port on 127.0.0.1
	 * @return the client, with a 20 s response timeout
	 */
	public static WebTestClient client(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

}
