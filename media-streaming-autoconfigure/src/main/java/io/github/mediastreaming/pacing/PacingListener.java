package io.github.mediastreaming.pacing;

/**
 * Observer of one or more paced streams, for metrics. Every method has a no-op default. Methods are
 * called from the thread that emits the buffer, one call at a time per stream; implementations must be
 * cheap, must not block and must not throw.
 */
public interface PacingListener {

	/**
	 * Listener that ignores every event.
	 */
	PacingListener NONE = new PacingListener() {
	};

	/**
	 * Called before a buffer is sent downstream.
	 * @param sizeBytes the buffer's size
	 * @param pacerWaitNanos how long the buffer waited for its due time, 0 if it was due on arrival
	 * @param demandWaitNanos how long the stream waited for downstream demand before this buffer
	 * could be requested, 0 if demand was there
	 */
	default void onBufferEmitted(long sizeBytes, long pacerWaitNanos, long demandWaitNanos) {
	}

	/**
	 * Called when the state of the stream changes, including the first state, before the buffer that
	 * caused the change is emitted.
	 * @param state the new state
	 */
	default void onStateChange(PacingState state) {
	}

	/**
	 * Called when the stream fell further behind its schedule than the plan's maximum burst allows and
	 * the schedule was moved later, so the client will not get an unbounded catch-up burst.
	 * @param shiftNanos how much later the schedule now runs
	 */
	default void onReanchored(long shiftNanos) {
	}

}
