package io.github.mediastreaming.pacing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How fast one response may be sent, by one of two clocks.
 * <ul>
 * <li>Average rate (the seed's): the first {@code boostBytes} go out as fast as the client takes them,
 * every later byte at {@code limitBytesPerSecond}. Byte {@code b} is due
 * {@code max(0, b - boostBytes) / limitBytesPerSecond} seconds after the response's first byte.</li>
 * <li>The media's own timeline ({@link #timeline}, {@link #onTimeline}): byte {@code b} is due once the
 * media time it completes is within the boost plus (1 + factor) times the elapsed time, so a complex
 * scene gets its bytes when the player needs them and a quiet one does not overfeed it. On a
 * constant-bitrate file both clocks agree.</li>
 * </ul>
 * See {@link #dueNanos(long)}.
 * <p>
 * Example: a 1 Mbit/s file with speed-up factor 0.1 and a 5 s boost gives
 * {@code PacingPlan.of(1_000_000, 0.1, Duration.ofSeconds(5))}: rate 125,000 B/s, limit
 * 137,500 B/s, boost 625,000 bytes (5 s of media). The first 625,000 bytes go out at once, byte
 * 762,500 is due 1 s after the first byte, byte 2,000,000 after 10 s.
 * <p>
 * A client that falls behind the schedule (it reads slower than the limit) does not accumulate credit:
 * when it speeds up again it may get at most {@code maxBurstBytes} ahead of the limit in one burst
 * (by default one second of the limit), after which the schedule continues from there.
 *
 * @param limitBytesPerSecond the paced rate after the boost, in bytes per second (on a timeline, the
 * average media rate times (1 + factor): what sizes sends and buffers)
 * @param boostBytes how many bytes from the first are sent unthrottled
 * @param maxBurstBytes how many bytes a client that fell behind may catch up at once
 * @param mediaBytesPerSecond the media's own average rate, for the lead a stream holds
 * @param timeline the clock of the media's own timeline, {@code null} for the average rate
 */
public record PacingPlan(long limitBytesPerSecond, long boostBytes, long maxBurstBytes, long mediaBytesPerSecond,
		@Nullable Timeline timeline) {

	/**
	 * Catch-up burst used by {@link #of(long, double, Duration)}: one second at the limit.
	 */
	public static final Duration DEFAULT_MAX_BURST = Duration.ofSeconds(1);

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final double BITS_PER_BYTE = 8.0;

	private static final PacingPlan UNPACED = new PacingPlan(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

	/**
	 * Create an average-rate plan whose media rate is its limit.
	 * @param limitBytesPerSecond the paced rate after the boost
	 * @param boostBytes how many bytes from the first are sent unthrottled
	 * @param maxBurstBytes how many bytes a client that fell behind may catch up at once
	 */
	public PacingPlan(long limitBytesPerSecond, long boostBytes, long maxBurstBytes) {
		this(limitBytesPerSecond, boostBytes, maxBurstBytes, limitBytesPerSecond, null);
	}

	public PacingPlan {
		if (limitBytesPerSecond <= 0) {
			throw new IllegalArgumentException("Limit must be positive: " + limitBytesPerSecond + " B/s");
		}
		if (boostBytes < 0 || maxBurstBytes < 0) {
			throw new IllegalArgumentException(
					"Boost and burst must not be negative: " + boostBytes + ", " + maxBurstBytes + " bytes");
		}
		if (mediaBytesPerSecond <= 0) {
			throw new IllegalArgumentException("Media rate must be positive: " + mediaBytesPerSecond + " B/s");
		}
	}

	/**
	 * Return the plan for media of the given bitrate: {@code rate = bitrate / 8} bytes/s,
	 * {@code limit = rate * (1 + speedupFactor)}, {@code boostBytes = rate * initialBoost} (seconds of
	 * media sent unthrottled) and a catch-up burst of {@link #DEFAULT_MAX_BURST}. Values too large for a
	 * {@code long} saturate (a plan with a saturated boost is unpaced); the limit is at least 1 B/s.
	 * @param bitrateBitsPerSecond the media bitrate, e.g. from {@code MediaIndex.bitrate()}
	 * @param speedupFactor how much faster than the media the stream may go after the boost (0.1 is
	 * 10% faster)
	 * @param initialBoost how many seconds of media to send unthrottled from the first byte
	 * @return the plan
	 * @throws IllegalArgumentException if the bitrate is not positive, the factor is negative or not a
	 * number, or the boost is negative
	 */
	public static PacingPlan of(long bitrateBitsPerSecond, double speedupFactor, Duration initialBoost) {
		if (bitrateBitsPerSecond <= 0) {
			throw new IllegalArgumentException("Bitrate must be positive: " + bitrateBitsPerSecond + " bit/s");
		}
		new PacingParameters(true, speedupFactor, initialBoost, 0); // checks them, in the one place they are checked
		double rateBytesPerSecond = bitrateBitsPerSecond / BITS_PER_BYTE;
		// Casting a double to long saturates at Long.MAX_VALUE: no overflow for absurd bitrates.
		long limit = Math.max(1, Math.round(rateBytesPerSecond * (1 + speedupFactor)));
		long boost = Math.round(rateBytesPerSecond * seconds(initialBoost));
		return new PacingPlan(limit, boost, limit, Math.max(1, Math.round(rateBytesPerSecond)), null)
			.withMaxBurst(DEFAULT_MAX_BURST);
	}

	/**
	 * Return the plan that paces a body by its media's own timeline: byte {@code b} is due
	 * {@code max(0, timeline(b + 1) - boost) / (1 + factor)} after the first byte, where
	 * {@code timeline(n)} is the media time the body's first {@code n} bytes complete. The boost is the
	 * bytes of the first {@code initialBoost} of media; the limit, for sizing sends, is the average
	 * bitrate x (1 + factor); the catch-up burst is {@link #DEFAULT_MAX_BURST} at that limit.
	 * @param timeline the body's timeline
	 * @param bitrateBitsPerSecond the media's average bitrate, for sizing sends and buffers
	 * @param speedupFactor how much faster than the media the stream may go after the boost
	 * @param initialBoost how many seconds of media to send unthrottled from the first byte
	 * @return the plan
	 */
	public static PacingPlan onTimeline(DocumentTimeline timeline, long bitrateBitsPerSecond, double speedupFactor,
			Duration initialBoost) {
		PacingPlan average = of(bitrateBitsPerSecond, speedupFactor, initialBoost);
		long boostUs = (long) Math.min(Long.MAX_VALUE, seconds(initialBoost) * 1e6);
		long boost = timeline.offsetAt(boostUs);
		return new PacingPlan(average.limitBytesPerSecond, boost, average.maxBurstBytes, average.mediaBytesPerSecond,
				new Timeline(timeline, speedupFactor, boostUs));
	}

	/**
	 * Return the media time a stream has received, to measure its lead over the player.
	 * @param offsetBytes how many bytes of the body were sent
	 * @return microseconds of media
	 */
	public long mediaTimeUs(long offsetBytes) {
		Timeline clock = this.timeline;
		if (clock != null) {
			return clock.document().timeUsAt(offsetBytes);
		}
		return (long) (offsetBytes * 1e6 / this.mediaBytesPerSecond);
	}

	/**
	 * Return the plan that sends everything unthrottled, for files whose bitrate is unknown.
	 * @return the unpaced plan
	 */
	public static PacingPlan unpaced() {
		return UNPACED;
	}

	/**
	 * Return whether this plan never delays a byte.
	 * @return {@code true} if the boost covers any stream
	 */
	public boolean isUnpaced() {
		return this.boostBytes == Long.MAX_VALUE;
	}

	/**
	 * Return a copy of this plan with a catch-up burst of the given time at the limit.
	 * @param maxBurst how much time at the limit a client that fell behind may catch up at once;
	 * {@link Duration#ZERO} for none
	 * @return the new plan
	 */
	public PacingPlan withMaxBurst(Duration maxBurst) {
		if (maxBurst.isNegative()) {
			throw new IllegalArgumentException("Maximum burst must not be negative: " + maxBurst);
		}
		return withMaxBurstBytes(Math.round(this.limitBytesPerSecond * seconds(maxBurst)));
	}

	/**
	 * Return a copy of this plan with the given catch-up burst.
	 * @param maxBurstBytes how many bytes a client that fell behind may catch up at once
	 * @return the new plan
	 */
	public PacingPlan withMaxBurstBytes(long maxBurstBytes) {
		return new PacingPlan(this.limitBytesPerSecond, this.boostBytes, maxBurstBytes, this.mediaBytesPerSecond,
				this.timeline);
	}

	/**
	 * Return when the byte at the given offset of the response may be sent, relative to the first
	 * byte: 0 within the boost, then {@code (offsetBytes - boostBytes) / limit} seconds, rounded up to
	 * the next nanosecond so that no byte is early. Computed from the absolute offset, so rounding
	 * never accumulates.
	 * @param offsetBytes the byte's offset from the response's first byte
	 * @return nanoseconds after the first byte; {@link Long#MAX_VALUE} if beyond any practical time
	 */
	public long dueNanos(long offsetBytes) {
		Timeline clock = this.timeline;
		if (clock != null) {
			return clock.dueNanos(offsetBytes);
		}
		if (offsetBytes <= this.boostBytes) {
			return 0;
		}
		return nanosAtLimit(offsetBytes - this.boostBytes);
	}

	/**
	 * Return where a send that starts at an offset ends if it carries one interval of this plan's
	 * schedule: the bytes due within {@code intervalNanos} of the first one. At the average rate that is
	 * the limit times the interval; on a timeline it is (1 + factor) times the interval of media, so a
	 * complex scene's sends are large and a quiet scene's small, and each send spans the same time.
	 * @param fromBytes the send's first byte, at or after the boost
	 * @param intervalNanos how much of the schedule one send carries
	 * @return the offset after the send's last byte, greater than {@code fromBytes}
	 */
	public long sendEnd(long fromBytes, long intervalNanos) {
		Timeline clock = this.timeline;
		if (clock != null) {
			DocumentTimeline document = clock.document();
			long fromUs = Math.max(clock.boostUs(), document.timeUsAt(fromBytes));
			long spanUs = (long) Math.min(Long.MAX_VALUE / 2, intervalNanos / 1000.0 * (1 + clock.speedupFactor()));
			return Math.max(fromBytes + 1, document.offsetAt(fromUs + spanUs));
		}
		double bytes = this.limitBytesPerSecond * (intervalNanos / (double) NANOS_PER_SECOND);
		return fromBytes + Math.max(1, (long) Math.min(Long.MAX_VALUE - fromBytes, bytes));
	}

	/**
	 * Return how long the catch-up burst lasts at the limit: the furthest a stream may lag behind its
	 * schedule before the schedule is moved later.
	 * @return nanoseconds; {@link Long#MAX_VALUE} if beyond any practical time
	 */
	public long maxBurstNanos() {
		return nanosAtLimit(this.maxBurstBytes);
	}

	private long nanosAtLimit(long bytes) {
		long limit = this.limitBytesPerSecond;
		long wholeSeconds = bytes / limit;
		long remainderBytes = bytes % limit;
		if (wholeSeconds >= Long.MAX_VALUE / NANOS_PER_SECOND) {
			return Long.MAX_VALUE;
		}
		long fractionNanos;
		if (limit <= Long.MAX_VALUE / NANOS_PER_SECOND) {
			// Exact: remainderBytes * 1e9 < limit * 1e9 fits in a long; round up.
			long scaled = remainderBytes * NANOS_PER_SECOND;
			fractionNanos = scaled / limit + ((scaled % limit != 0) ? 1 : 0);
		}
		else {
			// Above 9.2 GB/s a sub-nanosecond error is irrelevant.
			fractionNanos = (long) Math.ceil((double) remainderBytes * NANOS_PER_SECOND / limit);
		}
		return wholeSeconds * NANOS_PER_SECOND + fractionNanos;
	}

	private static double seconds(Duration duration) {
		return duration.getSeconds() + duration.getNano() / (double) NANOS_PER_SECOND;
	}

	/**
	 * The clock of the media's own timeline.
	 *
	 * @param document the body's timeline
	 * @param speedupFactor how much faster than the media the stream goes
	 * @param boostUs the media time sent unthrottled first
	 */
	public record Timeline(DocumentTimeline document, double speedupFactor, long boostUs) {

		/**
		 * Return when a byte is due: once the media it completes is within the boost plus (1 + factor)
		 * times the elapsed time.
		 * @param offsetBytes the byte's offset in the body
		 * @return nanoseconds after the first byte, rounded up
		 */
		long dueNanos(long offsetBytes) {
			long mediaUs = this.document.timeUsAt(offsetBytes + 1) - this.boostUs;
			if (mediaUs <= 0) {
				return 0;
			}
			return (long) Math.ceil(mediaUs * 1000.0 / (1 + this.speedupFactor));
		}

	}

}
