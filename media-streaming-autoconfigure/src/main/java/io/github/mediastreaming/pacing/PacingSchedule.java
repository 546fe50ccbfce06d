package io.github.mediastreaming.pacing;

/**
 * The clock of one paced stream: when each byte of it is due, measured from its first byte, and the
 * catch-up rule for a client that fell behind. Both pacing paths use it (the {@link Pacer} operator on
 * buffers, and the event-loop sender of file regions), so they keep the same schedule.
 * <p>
 * The schedule is absolute: byte {@code b} is due {@link PacingPlan#dueNanos(long) dueNanos(b)} after the
 * anchor, so late wake-ups never accumulate into drift. When the stream is further behind than
 * {@link PacingPlan#maxBurstNanos()} (the client or the source was slower than the limit), the anchor
 * moves later so that the client catches up by at most {@link PacingPlan#maxBurstBytes()} once it speeds
 * up. Times are nanoseconds of one clock ({@code System.nanoTime()} or a scheduler's {@code now}). Not
 * thread-safe: one stream, one thread at a time.
 */
public final class PacingSchedule {

	private final PacingPlan plan;

	private final long maxBurstNanos;

	private boolean anchored;

	private long anchorNanos;

	/**
	 * Create the schedule of one stream.
	 * @param plan the stream's plan
	 */
	public PacingSchedule(PacingPlan plan) {
		this.plan = plan;
		this.maxBurstNanos = plan.maxBurstNanos();
	}

	/** @return the plan */
	public PacingPlan plan() {
		return this.plan;
	}

	/**
	 * Anchor the schedule at the first byte, once; later calls do nothing.
	 * @param nowNanos the current time
	 */
	public void start(long nowNanos) {
		if (!this.anchored) {
			this.anchored = true;
			this.anchorNanos = nowNanos;
		}
	}

	/** @return whether the first byte has been sent */
	public boolean started() {
		return this.anchored;
	}

	/**
	 * Return how long until the byte at an offset is due.
	 * @param offsetBytes the byte's offset from the stream's first byte
	 * @param nowNanos the current time
	 * @return nanoseconds to wait, 0 or less when it is due; {@link Long#MAX_VALUE} beyond any practical time
	 */
	public long delayNanos(long offsetBytes, long nowNanos) {
		long dueNanos = this.plan.dueNanos(offsetBytes);
		if (dueNanos == Long.MAX_VALUE) {
			return Long.MAX_VALUE;
		}
		return dueNanos - (nowNanos - this.anchorNanos);
	}

	/**
	 * Before sending the byte at an offset, which is due: if the stream is later than the catch-up burst
	 * allows, forget the lost time.
	 * @param offsetBytes the offset of the byte about to be sent
	 * @param nowNanos the current time
	 * @return how much later the schedule now runs, 0 when it did not move
	 */
	public long catchUp(long offsetBytes, long nowNanos) {
		if (offsetBytes < this.plan.boostBytes()) {
			return 0;
		}
		long lagNanos = -delayNanos(offsetBytes, nowNanos);
		if (lagNanos <= this.maxBurstNanos) {
			return 0;
		}
		long shiftNanos = lagNanos - this.maxBurstNanos;
		this.anchorNanos += shiftNanos;
		return shiftNanos;
	}

}
