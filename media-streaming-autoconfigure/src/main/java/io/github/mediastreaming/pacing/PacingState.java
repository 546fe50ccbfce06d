package io.github.mediastreaming.pacing;

/**
 * What limits a paced stream at the moment, as reported to a {@link PacingListener}.
 */
public enum PacingState {

	/**
	 * The stream is still within its initial boost: buffers go out as fast as the client takes them.
	 */
	BOOSTING,

	/**
	 * The pacer sets the pace: buffers wait for their due time (or arrive from the source when due).
	 */
	PACED,

	/**
	 * The client is slower than the schedule: buffers were due before the client asked for them.
	 */
	CLIENT_BOUND

}
