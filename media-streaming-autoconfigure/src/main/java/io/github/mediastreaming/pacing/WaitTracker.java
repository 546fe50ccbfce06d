package io.github.mediastreaming.pacing;

import org.jspecify.annotations.Nullable;

/**
 * Bookkeeping of one paced stream for its {@link PacingListener}: how long the held buffer waited for
 * its due time, how long the stream waited for downstream demand, and which {@link PacingState} it is
 * in. Not thread-safe: only the operator's drain loop calls it.
 */
final class WaitTracker {

	private final PacingListener listener;

	private final long boostBytes;

	private boolean holding;

	private long holdingSinceNanos;

	private boolean waitedOnPacer;

	private boolean awaitingDemand;

	private long awaitingDemandSinceNanos;

	private long demandWaitNanos;

	private @Nullable PacingState state;

	WaitTracker(PacingListener listener, long boostBytes) {
		this.listener = listener;
		this.boostBytes = boostBytes;
	}

	/**
	 * Note that a buffer is held; only the first call per buffer counts.
	 */
	void holding(long nowNanos) {
		if (!this.holding) {
			this.holding = true;
			this.holdingSinceNanos = nowNanos;
		}
	}

	/**
	 * Note that the held buffer has to wait for its due time.
	 */
	void waitingOnPacer() {
		this.waitedOnPacer = true;
	}

	/**
	 * Return whether the stream is waiting for downstream demand.
	 */
	boolean awaitingDemand() {
		return this.awaitingDemand;
	}

	/**
	 * Note that downstream demand ran out at the given time.
	 */
	void demandExhausted(long nowNanos) {
		if (!this.awaitingDemand) {
			this.awaitingDemand = true;
			this.awaitingDemandSinceNanos = nowNanos;
		}
	}

	/**
	 * Note that downstream demand came back at the given time.
	 */
	void demandArrived(long nowNanos) {
		if (this.awaitingDemand) {
			this.awaitingDemand = false;
			this.demandWaitNanos += nowNanos - this.awaitingDemandSinceNanos;
		}
	}

	/**
	 * Report the held buffer as emitted now and get ready for the next one.
	 * @param nowNanos the scheduler time
	 * @param offsetBytes the offset of the buffer's first byte in the stream
	 * @param sizeBytes the buffer's size
	 */
	void emitting(long nowNanos, long offsetBytes, long sizeBytes) {
		long pacerWaitNanos = this.waitedOnPacer ? nowNanos - this.holdingSinceNanos : 0;
		long demandWaitNanos = this.demandWaitNanos;
		this.holding = false;
		this.waitedOnPacer = false;
		this.demandWaitNanos = 0;
		PacingState next;
		if (offsetBytes < this.boostBytes) {
			next = PacingState.BOOSTING;
		}
		else if (demandWaitNanos > 0 && pacerWaitNanos == 0) {
			// The buffer was due before the client asked for it.
			next = PacingState.CLIENT_BOUND;
		}
		else {
			next = PacingState.PACED;
		}
		if (next != this.state) {
			this.state = next;
			this.listener.onStateChange(next);
		}
		this.listener.onBufferEmitted(sizeBytes, pacerWaitNanos, demandWaitNanos);
	}

	/**
	 * Report that the schedule moved later.
	 */
	void reanchored(long shiftNanos) {
		this.listener.onReanchored(shiftNanos);
	}

}
