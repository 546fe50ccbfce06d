package io.github.mediastreaming.source;

import java.time.Duration;

/**
 * How a {@link LocalMediaStore} keeps recently requested files open between requests
 * ({@link OpenFileCache}).
 *
 * @param maximumFiles most files kept open (each holds a file descriptor); 0 looks every request's file up
 * anew and keeps nothing open
 * @param idleTimeout time after its last request after which a kept file is closed
 * @param checkInterval how long a kept file is served without checking that the path still names it (one
 * {@code stat}); 0 checks on every request. Within it, a request may get the file the path named up to this
 * long ago, as if it had arrived that much earlier: whole and consistent, since the file is open.
 */
public record OpenFileSettings(int maximumFiles, Duration idleTimeout, Duration checkInterval) {

	/** 1,000 files, closed after 10 s without a request, checked at most every 100 ms. */
	public static final OpenFileSettings DEFAULTS = new OpenFileSettings(1000, Duration.ofSeconds(10),
			Duration.ofMillis(100));

	/** Keep nothing open: every request's file is looked up anew. */
	public static final OpenFileSettings NONE = new OpenFileSettings(0, Duration.ofSeconds(10), Duration.ZERO);

	/**
	 * Check the settings.
	 * @throws IllegalArgumentException for a negative size or interval, or an idle timeout that is not positive
	 */
	public OpenFileSettings {
		if (maximumFiles < 0) {
			throw new IllegalArgumentException("The open-file cache size must not be negative: " + maximumFiles);
		}
		if (idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new IllegalArgumentException("The open-file idle timeout must be more than 0: " + idleTimeout);
		}
		if (checkInterval.isNegative()) {
			throw new IllegalArgumentException("The open-file check interval must not be negative: " + checkInterval);
		}
	}

}
