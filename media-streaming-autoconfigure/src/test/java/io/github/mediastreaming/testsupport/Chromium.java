package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

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

	/**
	 * Open a page and collect what it reports, one report per URL it plays: each report is
	 * {@code url + "\n" + result}, posted by the page to the test's server, which puts it in the queue.
	 * Returns once every URL has reported or the time is up; the browser is stopped either way.
	 * @param url the page
	 * @param reports where the test's server puts the page's reports
	 * @param expected how many URLs report
	 * @param timeout how long to wait for all of them
	 * @return each URL's first result, in the order they came
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static Map<String, String> reports(String url, BlockingQueue<String> reports, int expected, Duration timeout)
			throws InterruptedException {
		Process browser = open(url);
		Map<String, String> results = new LinkedHashMap<>();
		try {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (results.size() < expected && System.nanoTime() < deadline) {
				String report = reports.poll(1, TimeUnit.SECONDS);
				if (report != null) {
					int newline = report.indexOf('\n');
					results.putIfAbsent(report.substring(0, newline), report.substring(newline + 1));
				}
			}
		}
		finally {
			browser.destroyForcibly();
		}
		return results;
	}

}
