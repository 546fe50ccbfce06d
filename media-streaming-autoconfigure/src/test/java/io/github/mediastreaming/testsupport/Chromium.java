package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real headless Chromium (Debian's {@code chromium}) on a page and returns the DOM it ends with.
 * Tests call {@link #assumeInstalled()} first; {@code .ci/run} installs Chromium.
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
	 * Load a page headless, with autoplay allowed, let its scripts run for up to {@code budgetMillis} of
	 * virtual time, and return the DOM.
	 * @param page the page file
	 * @param budgetMillis the virtual time budget
	 * @return the serialised DOM
	 */
	public static String dumpDom(Path page, int budgetMillis) {
		try {
			Path profile = Files.createTempDirectory("chromium-profile");
			Path out = Files.createTempFile("chromium-dom", ".html");
			// Flags as this machine needs them: root (no sandbox), no GPU, no network beyond loopback.
			Process process = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--user-data-dir=" + profile, "--autoplay-policy=no-user-gesture-required",
					"--virtual-time-budget=" + budgetMillis, "--dump-dom", page.toUri().toString()))
				.redirectOutput(out.toFile())
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("Chromium did not finish in 90 s");
			}
			return Files.readString(out, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot run Chromium", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

}
