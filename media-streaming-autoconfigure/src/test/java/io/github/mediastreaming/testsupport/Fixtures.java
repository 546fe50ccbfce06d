package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
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
	 * Create a temporary media root and fill it.
	 * @param prefix the folder name's prefix
	 * @param content writes the files
	 * @return the root
	 */
	public static Path root(String prefix, RootContent content) {
		try {
			Path root = Files.createTempDirectory(prefix);
			content.write(root);
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Copy a fixture into a media root.
	 * @param root the root
	 * @param fixture the path below {@code media/}
	 * @param target the path below the root
	 * @throws IOException if copying fails
	 */
	public static void copy(Path root, String fixture, String target) throws IOException {
		Files.copy(media(fixture), root.resolve(target));
	}

	/** Writes the files of a media root. */
	@FunctionalInterface
	public interface RootContent {

		/**
		 * Write the files.
		 * @param root the empty root
		 * @throws IOException if writing fails
		 */
		void write(Path root) throws IOException;

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
