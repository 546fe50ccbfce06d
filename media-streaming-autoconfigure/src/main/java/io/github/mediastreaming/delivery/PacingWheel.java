package io.github.mediastreaming.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;

/**
 * One timer for every paced stream of an event loop: a timing wheel of {@link #TICK_NANOS} slots that
 * wakes each stream in the first tick at or after its due time. Streams are woken in batches, on their
 * connection's own event loop, so a thousand paced streams cost a hundred wake-ups a second per event
 * loop rather than a scheduled task each per send (nginx likewise wakes a rate-limited connection only
 * when its budget allows a write). A periodic task runs only while some stream waits.
 * <p>
 * Every method runs on the wheel's event loop ({@link #of(EventLoop)} from that loop).
 */
final class PacingWheel implements Runnable {

	/** How finely wake-ups are placed: a stream wakes at most this late. */
	static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	/** Slots in the wheel; a wait longer than {@code SLOTS * TICK_NANOS} goes round again. */
	private static final int SLOTS = 512;

	private static final FastThreadLocal<PacingWheel> WHEELS = new FastThreadLocal<>();

	private final EventLoop loop;

	@SuppressWarnings("unchecked")
	private final List<Entry>[] slots = new List[SLOTS];

	/** The last tick processed. */
	private long tick;

	/** Streams waiting; stale slot entries (woken early, cancelled) do not count. */
	private int waiting;

	private @Nullable ScheduledFuture<?> timer;

	private PacingWheel(EventLoop loop) {
		this.loop = loop;
		for (int i = 0; i < SLOTS; i++) {
			this.slots[i] = new ArrayList<>();
		}
		this.tick = System.nanoTime() / TICK_NANOS;
	}

	/**
	 * Return the wheel of an event loop, creating it on first use.
	 * @param loop the event loop, which must be the calling thread's
	 * @return its wheel
	 */
	static PacingWheel of(EventLoop loop) {
		PacingWheel wheel = WHEELS.get();
		if (wheel == null) {
			wheel = new PacingWheel(loop);
			WHEELS.set(wheel);
		}
		return wheel;
	}

	/**
	 * Wake a stream at or after a time; replaces its previous wake-up.
	 * @param timed the stream
	 * @param atNanos when, in {@link System#nanoTime()}
	 */
	void schedule(Timed timed, long atNanos) {
		if (timed.wakeTick < 0) {
			this.waiting++;
		}
		// Ceil: never early. A due time already past wakes at the next tick.
		long at = Math.max(this.tick + 1, Math.floorDiv(atNanos + TICK_NANOS - 1, TICK_NANOS));
		timed.wakeTick = at;
		add(new Entry(timed, at), this.tick);
		if (this.timer == null) {
			this.timer = this.loop.scheduleAtFixedRate(this, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Forget a stream's wake-up, if it has one.
	 * @param timed the stream
	 */
	void cancel(Timed timed) {
		if (timed.wakeTick >= 0) {
			timed.wakeTick = -1;
			this.waiting--;
			stopWhenIdle();
		}
	}

	@Override
	public void run() {
		long now = System.nanoTime();
		long target = now / TICK_NANOS;
		// After a long pause (a GC, a busy loop), visit each slot at most once.
		long from = Math.max(this.tick + 1, target - SLOTS + 1);
		for (long t = from; t <= target && this.waiting > 0; t++) {
			List<Entry> slot = this.slots[(int) Math.floorMod(t, SLOTS)];
			if (slot.isEmpty()) {
				continue;
			}
			Entry[] due = slot.toArray(new Entry[0]);
			slot.clear();
			this.tick = t;
			for (Entry entry : due) {
				Timed timed = entry.timed;
				if (timed.wakeTick != entry.tick) {
					// Cancelled, or woken and scheduled again since: a stale entry.
					continue;
				}
				if (entry.tick > target) {
					// Due beyond this turn of the wheel: round again.
					add(entry, t);
					continue;
				}
				timed.wakeTick = -1;
				this.waiting--;
				timed.wake(now);
			}
		}
		this.tick = Math.max(this.tick, target);
		stopWhenIdle();
	}

	private void stopWhenIdle() {
		if (this.waiting == 0 && this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
			for (List<Entry> slot : this.slots) {
				slot.clear();
			}
		}
	}

	private void add(Entry entry, long currentTick) {
		this.slots[(int) Math.floorMod(Math.min(entry.tick, currentTick + SLOTS), SLOTS)].add(entry);
	}

	/** One wake-up as scheduled; stale once its stream's {@code wakeTick} differs. */
	private record Entry(Timed timed, long tick) {

	}

	/** A stream the wheel can wake. */
	abstract static class Timed {

		/** The tick it wakes at, -1 when it is not waiting; the wheel's own field. */
		long wakeTick = -1;

		/**
		 * Called on the event loop when the stream's time has come.
		 * @param nowNanos the current {@link System#nanoTime()}
		 */
		abstract void wake(long nowNanos);

	}

}
