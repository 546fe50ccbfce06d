package io.github.mediastreaming.pacing;

import java.time.Duration;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaTimeline;
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
 * @param mode which clock paces: the media's own timeline where the index has one, or the average rate
 */
public record PacingParameters(boolean enabled, double speedupFactor, Duration initialBoost, long minimumBitrate,
		PacingMode mode) {

	/** The default {@link #minimumBitrate()}: 4 kbit/s. */
	public static final long DEFAULT_MINIMUM_BITRATE = 4_000;

	/** Parameters that never pace. */
	public static final PacingParameters UNPACED = new PacingParameters(false, 0, Duration.ZERO, 0,
			PacingMode.AVERAGE);

	/**
	 * Create parameters that pace by the timeline where there is one.
	 * @param enabled whether to pace
	 * @param speedupFactor the limit is the bitrate x (1 + factor)
	 * @param initialBoost media time sent unthrottled first
	 * @param minimumBitrate the lowest bitrate a file is paced at
	 */
	public PacingParameters(boolean enabled, double speedupFactor, Duration initialBoost, long minimumBitrate) {
		this(enabled, speedupFactor, initialBoost, minimumBitrate, PacingMode.TIMELINE);
	}

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
		if (mode == null) {
			throw new IllegalArgumentException("A pacing mode is needed");
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
	 * Return the average-rate plan for media of a bitrate, or {@code null} when the response goes unpaced
	 * (pacing is off, or the bitrate is unknown).
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
	 * Return the plan for a response body of an indexed file: on the media's own timeline when the mode
	 * asks for it and the index has one (and its bitrate is above the floor), else at the average rate.
	 * @param index the file's index
	 * @param body the response body, after any seek and range
	 * @return the plan, or {@code null} when the response goes unpaced
	 */
	public @Nullable PacingPlan planFor(MediaIndex index, MediaBody body) {
		long bitrate = index.bitrate();
		MediaTimeline timeline = index.timeline();
		if (this.enabled && this.mode == PacingMode.TIMELINE && timeline != null && bitrate >= this.minimumBitrate
				&& bitrate > 0) {
			return PacingPlan.onTimeline(DocumentTimeline.of(body, timeline), bitrate, this.speedupFactor,
					this.initialBoost);
		}
		return planFor(bitrate);
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
				(initialBoost != null) ? initialBoost : this.initialBoost, this.minimumBitrate, this.mode);
	}

	/**
	 * Return a copy with another pacing mode.
	 * @param mode the mode
	 * @return the parameters
	 */
	public PacingParameters withMode(PacingMode mode) {
		return new PacingParameters(this.enabled, this.speedupFactor, this.initialBoost, this.minimumBitrate, mode);
	}

}
