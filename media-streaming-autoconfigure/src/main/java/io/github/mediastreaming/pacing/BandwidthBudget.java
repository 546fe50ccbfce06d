package io.github.mediastreaming.pacing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A cap on the bytes per second all media responses send together, shared fairly: every tick
 * ({@value #TICK_MILLIS} ms) the tick's worth of the cap is split max-min fair among the streams that
 * want to send, so a stream that wants less than an equal share (a paced stream below it) gets all it
 * wants, and the rest is split evenly among the others (unpaced streams and boosts alike). A stream
 * sends only bytes it has been granted; a grant not used because the stream stopped wanting is dropped,
 * so no stream hoards the cap.
 * <p>
 * Example: a 20 MB/s cap, 100 paced streams at 17.6 KB/s (1.76 MB/s in all) and 50 unpaced downloads:
 * the paced streams keep their rate, and each download gets (20 - 1.76) / 50 = 365 KB/s.
 * <p>
 * Streams take their grants on their own threads (event loops); the split runs on one scheduler and
 * wakes a stream that waits through the callback it joined with.
 */
public final class BandwidthBudget implements Runnable {

	static final long TICK_MILLIS = 50;

	private final long bytesPerSecond;

	private final long bytesPerTick;

	private final Scheduler scheduler;

	private final Set<Share> shares = ConcurrentHashMap.newKeySet();

	private final LongAdder taken = new LongAdder();

	private volatile long inUseBytesPerSecond;

	private long lastTakenTotal;

	private long lastTickNanos;

	private @Nullable Disposable ticks;

	/**
	 * Create a budget; call {@link #start()} to split it.
	 * @param bytesPerSecond the cap, for every stream together
	 * @param scheduler where the split runs every tick
	 */
	public BandwidthBudget(long bytesPerSecond, Scheduler scheduler) {
		if (bytesPerSecond <= 0) {
			throw new IllegalArgumentException("The bandwidth cap must be positive, was " + bytesPerSecond + " B/s");
		}
		this.bytesPerSecond = bytesPerSecond;
		// Divided first when multiplying first would overflow (a cap of exabytes a second is no cap).
		this.bytesPerTick = Math.max(1, (bytesPerSecond > Long.MAX_VALUE / TICK_MILLIS)
				? bytesPerSecond / 1000 * TICK_MILLIS : bytesPerSecond * TICK_MILLIS / 1000);
		this.scheduler = scheduler;
	}

	/** Start splitting the budget every tick. */
	public synchronized void start() {
		if (this.ticks == null) {
			this.lastTickNanos = System.nanoTime();
			this.ticks = this.scheduler.schedulePeriodically(this, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	/** Stop splitting it; streams still joined get nothing more. */
	public synchronized void stop() {
		if (this.ticks != null) {
			this.ticks.dispose();
			this.ticks = null;
		}
	}

	/**
	 * Join a stream to the budget.
	 * @param wake called (on the splitting thread) when a stream that waits for a grant gets one; it
	 * should hop to the stream's own thread
	 * @return the stream's share; leave it when the stream ends
	 */
	public Share join(Runnable wake) {
		Share share = new Share(wake);
		this.shares.add(share);
		return share;
	}

	/** @return the cap in bytes per second */
	public long bytesPerSecond() {
		return this.bytesPerSecond;
	}

	/** @return the bytes per second the streams took over the last tick */
	public long inUseBytesPerSecond() {
		return this.inUseBytesPerSecond;
	}

	/** @return how many streams share the budget now */
	public int streams() {
		return this.shares.size();
	}

	/** One tick: split the tick's bytes among the streams that want to send, max-min fair. */
	@Override
	public void run() {
		long now = System.nanoTime();
		long total = this.taken.sum();
		long elapsed = Math.max(1, now - this.lastTickNanos);
		this.inUseBytesPerSecond = (long) ((total - this.lastTakenTotal) * 1e9 / elapsed);
		this.lastTakenTotal = total;
		this.lastTickNanos = now;
		List<Share> wanting = new ArrayList<>();
		for (Share share : this.shares) {
			long want = share.unmetDemand();
			if (want > 0) {
				wanting.add(share);
			}
			else if (!share.waiting) {
				// A stream that stopped wanting loses what it did not take; one still waiting (woken, its event
				// loop not yet there) keeps the grant it was woken for.
				share.credit.set(0);
			}
		}
		wanting.sort(Comparator.comparingLong(Share::unmetDemand));
		long left = this.bytesPerTick;
		int remaining = wanting.size();
		for (Share share : wanting) {
			long fair = left / remaining;
			long grant = Math.min(share.unmetDemand(), Math.max(1, fair));
			left -= grant;
			remaining--;
			share.grant(grant);
			if (left <= 0) {
				break;
			}
		}
	}

	/**
	 * One stream's part of the budget. A stream asks {@link #take} before it sends; when it gets less
	 * than it needs it says what it {@link #want wants} and waits to be woken.
	 */
	public final class Share {

		private final Runnable wake;

		private final AtomicLong credit = new AtomicLong();

		private volatile long demand;

		private volatile boolean waiting;

		Share(Runnable wake) {
			this.wake = wake;
		}

		/**
		 * Take up to {@code bytes} of this share's grant.
		 * @param bytes how many the stream would send now
		 * @return how many it may send, from 0 to {@code bytes}
		 */
		public long take(long bytes) {
			while (true) {
				long available = this.credit.get();
				long taken = Math.min(available, bytes);
				if (taken <= 0) {
					return 0;
				}
				if (this.credit.compareAndSet(available, available - taken)) {
					BandwidthBudget.this.taken.add(taken);
					return taken;
				}
			}
		}

		/**
		 * Take {@code bytes} of this share's grant, all of them or none.
		 * @param bytes how many the stream must send as one piece (a buffer)
		 * @return whether it may send them
		 */
		public boolean takeAll(long bytes) {
			while (true) {
				long available = this.credit.get();
				if (available < bytes) {
					return false;
				}
				if (this.credit.compareAndSet(available, available - bytes)) {
					BandwidthBudget.this.taken.add(bytes);
					return true;
				}
			}
		}

		/**
		 * Say that the stream wants to send {@code bytes} and waits for a grant; it is woken once its
		 * grant covers some (or, for {@link #takeAll}, all) of them.
		 * @param bytes how many it wants
		 */
		public void want(long bytes) {
			this.demand = bytes;
			this.waiting = true;
		}

		/** Say that the stream wants nothing now (it waits for its client or its schedule). */
		public void satisfied() {
			this.demand = 0;
			this.waiting = false;
		}

		/** Leave the budget: the stream ended. */
		public void leave() {
			this.waiting = false;
			BandwidthBudget.this.shares.remove(this);
		}

		long unmetDemand() {
			return this.waiting ? Math.max(0, this.demand - this.credit.get()) : 0;
		}

		private void grant(long bytes) {
			this.credit.addAndGet(bytes);
			if (this.waiting) {
				this.wake.run();
			}
		}

	}

	/**
	 * Return the tick of the split.
	 * @return the tick
	 */
	public static Duration tick() {
		return Duration.ofMillis(TICK_MILLIS);
	}

}
