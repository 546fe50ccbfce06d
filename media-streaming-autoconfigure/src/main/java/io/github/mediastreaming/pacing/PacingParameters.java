package io.github.mediastreaming.pacing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How one response is paced, as a {@link PacingPolicy} decides it: whether to pace at all, how much
 * faster than the media to go after the boost, how many seconds of media the boost sends at once, and
 * the lowest bitrate a file may be paced at. The one place these values are checked.
 * <p>
 * Example: {@code new PacingParameters(true, 0.1, Duration.ofSeconds(5), 4_000).planFor(128_000)} paces a
 * 128 kbit/s file at 17,600 B/s after an 80,000-byte boost.
 *
 * @param enabled whether to pace
 * @param speedupFactor the limit is the bitrate x (1 + factor); finite, 0 or more
 * @param initialBoost media time sent unthrottled first; not negative
 * @param minimumBitrate bits/s below which a file's bitrate is taken as this floor, so a header that
 * claims an absurdly long duration cannot turn a response into a trickle that holds a connection for
 * days; 0 or more, well below real low-bitrate audio (Opus speech runs at 6 kbit/s)
 */
public record PacingParameters(boolean enabled, double speedupFactor, Duration initialBoost, long minimumBitrate) {

	/** The default {@link #minimumBitrate()}: 4 kbit/s. */
	public static final long DEFAULT_MINIMUM_BITRATE = 4_000;

	/** Parameters that never pace. */
	public static final PacingParameters UNPACED = new PacingParameters(false, 0, Duration.ZERO, 0);

	public PacingParameters {
		if (!(speedupFactor >= 0) || Double.isInfinite(speedupFactor)) {
			throw new IllegalArgumentException("Speed-up factor must be a finite number >= 0, was " + speedupFactor);
		}
		if (initialBoost.isNegative()) {
			throw new IllegalArgumentException("Initial boost must not be negative, was " + initialBoost);
		}
		if (minimumBitrate < 0) {
			throw new IllegalArgumentException("Minimum bitrate must not be negative, was " + minimumBitrate);
		}
	}

	/**
	 * Return the parameters with the default minimum bitrate.
	 * @param enabled whether to pace
	 * @param speedupFactor the limit is the bitrate x (1 + factor)
	 * @param initialBoost media time sent unthrottled first
	 * @return the parameters
	 */
	public static PacingParameters of(boolean enabled, double speedupFactor, Duration initialBoost) {
		return new PacingParameters(enabled, speedupFactor, initialBoost, DEFAULT_MINIMUM_BITRATE);
	}

	/**
	 * Return the plan for media of a bitrate, or {@code null} when the response goes unpaced (pacing is
	 * off, or the bitrate is unknown).
	 * @param bitrate the media bitrate in bits/s, 0 when unknown
	 * @return the plan, or {@code null}
	 */
	public @Nullable PacingPlan planFor(long bitrate) {
		if (!this.enabled || bitrate <= 0) {
			return null;
		}
		return PacingPlan.of(Math.max(bitrate, this.minimumBitrate), this.speedupFactor, this.initialBoost);
	}

	/**
	 * Return a copy with other values where given.
	 * @param enabled the new value, {@code null} to keep this one
	 * @param speedupFactor the new value, {@code null} to keep this one
	 * @param initialBoost the new value, {@code null} to keep this one
	 * @return the parameters
	 */
	public PacingParameters with(@Nullable Boolean enabled, @Nullable Double speedupFactor,
			@Nullable Duration initialBoost) {
		return new PacingParameters((enabled != null) ? enabled : this.enabled,
				(speedupFactor != null) ? speedupFactor : this.speedupFactor,
				(initialBoost != null) ? initialBoost : this.initialBoost, this.minimumBitrate);
	}

}
