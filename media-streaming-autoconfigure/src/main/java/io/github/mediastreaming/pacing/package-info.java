/**
 * Traffic shaping: a {@link io.github.mediastreaming.pacing.PacingPlan} says how fast a response may
 * go (an unthrottled initial boost, then a byte rate a little above the media bitrate) and
 * {@link io.github.mediastreaming.pacing.Pacer} applies it to a {@code Flux<DataBuffer>} with
 * {@code flux.transform(Pacer.pace(plan, scheduler))}.
 * <p>
 * The schedule is absolute (the due time of every byte is computed from the first byte's time), so
 * timer granularity and late wake-ups never accumulate into drift. A client slower than the schedule
 * is never buffered for, and when it speeds up again it may catch up by at most
 * {@link io.github.mediastreaming.pacing.PacingPlan#maxBurstBytes()}.
 * <p>
 * The operator is hand-written rather than composed from {@code concatMap} and
 * {@code Mono.delay}/{@code delayElement}: composition releases a buffer held in a pending delay only
 * through a discard hook the caller must remember to install, hides when downstream demand arrives
 * (needed to re-anchor the schedule for a slow client and to report demand waits), and allocates a
 * {@code Mono} and an inner subscriber per buffer. The operator here holds at most one buffer, releases
 * it itself on cancel and error, and uses one timer task per buffer.
 */
@NullMarked
package io.github.mediastreaming.pacing;

import org.jspecify.annotations.NullMarked;
