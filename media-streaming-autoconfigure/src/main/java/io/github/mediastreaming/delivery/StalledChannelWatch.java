package io.github.mediastreaming.delivery;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * The send timeout of the buffer path (TLS, HTTP/2): closes a channel whose client takes none of what
 * is queued for it for the timeout. Reactor Netty stops writing a body when the channel is not writable
 * and has no write timeout of its own, so without this a client that stops reading (or an HTTP/2 client
 * that stops granting flow-control window) would hold its stream, its file and the queued buffers for as
 * long as it keeps the connection open.
 * <p>
 * "None of what is queued" is read from the channel itself, every quarter of the timeout on its event
 * loop: a writable channel has room, so it is progressing or idle on the pacing schedule; an unwritable
 * one is progressing while the bytes it holds shrink. For an HTTP/2 stream the channel is the stream's
 * own, whose held bytes include what its flow-control window keeps back, so closing it resets that
 * stream only. A body write counts as taken once whole: a client slower than one buffer (8 to 64 KiB,
 * an HTTP/2 frame or a TLS record of at most 16 KiB) per timeout is dropped as stalled.
 */
final class StalledChannelWatch implements Runnable {

	private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final Channel channel;

	private final long timeoutNanos;

	private final long periodNanos;

	private final Runnable onTimeout;

	private long lastHeldBytes = -1;

	private long lastProgressNanos;

	private volatile boolean stopped;

	private volatile @Nullable ScheduledFuture<?> next;

	private StalledChannelWatch(Channel channel, long timeoutNanos, Runnable onTimeout) {
		this.channel = channel;
		this.timeoutNanos = timeoutNanos;
		this.periodNanos = Math.max(MIN_PERIOD_NANOS, timeoutNanos / 4);
		this.onTimeout = onTimeout;
		this.lastProgressNanos = System.nanoTime();
	}

	/**
	 * Start watching a channel.
	 * @param channel the channel a body is written to
	 * @param timeout how long it may take nothing
	 * @param onTimeout what to do, on the event loop, just before the channel is closed for it
	 * @return the watch, to {@link #stop()} when the body ends
	 */
	static StalledChannelWatch start(Channel channel, Duration timeout, Runnable onTimeout) {
		StalledChannelWatch watch = new StalledChannelWatch(channel, timeout.toNanos(), onTimeout);
		watch.next = channel.eventLoop().schedule(watch, watch.periodNanos, TimeUnit.NANOSECONDS);
		return watch;
	}

	/** Stop watching: the body ended. Safe from any thread, and more than once. */
	void stop() {
		this.stopped = true;
		ScheduledFuture<?> scheduled = this.next;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	@Override
	public void run() {
		if (this.stopped || !this.channel.isActive()) {
			return;
		}
		long nowNanos = System.nanoTime();
		long held = this.channel.isWritable() ? -1 : this.channel.bytesBeforeWritable();
		if (held == -1 || held != this.lastHeldBytes) {
			this.lastHeldBytes = held;
			this.lastProgressNanos = nowNanos;
		}
		else if (nowNanos - this.lastProgressNanos >= this.timeoutNanos) {
			// The outcome first: closing the channel cancels the body at once.
			this.stopped = true;
			this.onTimeout.run();
			this.channel.close();
			return;
		}
		this.next = this.channel.eventLoop().schedule(this, this.periodNanos, TimeUnit.NANOSECONDS);
	}

}
