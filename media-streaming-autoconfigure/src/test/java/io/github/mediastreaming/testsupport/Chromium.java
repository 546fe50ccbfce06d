package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real headless Chromium (Debian's {@code chromium}) on a page. Pages report what they saw back
 * to the test's server, so nothing depends on when Chromium would dump its DOM. Tests call
 * {@link #assumeInstalled()} first; {@code .ci/run} installs Chromium.
 */
public final class Chromium {

	private static final Path BINARY = Path.of("/usr/bin/chromium");

	private Chromium() {
	}

	/** Skip the calling test when Chromium is not installed. */
	public static void assumeInstalled() {
		Assumptions.assumeTrue(Files.isExecutable(BINARY), "chromium not installed");
	}

	/**
	 * Open a page headless, with autoplay allowed; the caller destroys the process when done.
	 * @param url the page
	 * @return the running browser
	 */
	public static Process open(String url) {
		try {
			Path profile = Files.createTempDirectory("chromium-profile");
			// Flags as this machine needs them: root (no sandbox), no GPU, no network beyond loopback.
			return new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--user-data-dir=" + profile, "--autoplay-policy=no-user-gesture-required", url))
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot run Chromium", ex);
		}
	}

}
