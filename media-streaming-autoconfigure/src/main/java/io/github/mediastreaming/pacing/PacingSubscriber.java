package io.github.mediastreaming.pacing;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * The pacing operator for one subscription. Requests one item upstream at a time, and only while
 * downstream has demand and nothing is held; holds that item until its due time; emits it; repeats.
 * <p>
 * Signals arrive from three sides (upstream, downstream requests and cancel, the timer), so all state
 * changes happen in {@link #drain()}, which one thread at a time runs (the usual work-in-progress
 * counter). Fields marked "drain only" are touched nowhere else.
 *
 * @param <T> the item type, {@code DataBuffer} in production
 */
final class PacingSubscriber<T> implements CoreSubscriber<T>, Subscription, Scannable, Runnable {

	/**
	 * Longest timer delay: longer waits re-arm, so a huge due time cannot overflow a scheduler's clock.
	 */
	static final long MAX_TIMER_DELAY_NANOS = TimeUnit.HOURS.toNanos(1);

	private static final Disposable CANCELLED_TIMER = () -> {
	};

	private static final AtomicIntegerFieldUpdater<PacingSubscriber> WIP = AtomicIntegerFieldUpdater
		.newUpdater(PacingSubscriber.class, "wip");

	private static final AtomicLongFieldUpdater<PacingSubscriber> REQUESTED = AtomicLongFieldUpdater
		.newUpdater(PacingSubscriber.class, "requested");

	private static final AtomicReferenceFieldUpdater<PacingSubscriber, @Nullable Object> HELD = AtomicReferenceFieldUpdater
		.newUpdater(PacingSubscriber.class, Object.class, "held");

	private static final AtomicReferenceFieldUpdater<PacingSubscriber, @Nullable Disposable> TIMER = AtomicReferenceFieldUpdater
		.newUpdater(PacingSubscriber.class, Disposable.class, "timer");

	private final CoreSubscriber<? super T> actual;

	private final Scheduler scheduler;

	private final WaitTracker waits;

	private final ToLongFunction<? super T> sizeBytes;

	private final Consumer<? super T> release;

	private final PacingSchedule schedule;

	private final BandwidthBudget.@Nullable Share share;

	private @Nullable Subscription upstream;

	private volatile int wip;

	private volatile long requested;

	private volatile @Nullable Object held;

	private volatile @Nullable Disposable timer;

	private volatile boolean timerPending;

	private volatile boolean done;

	private volatile @Nullable Throwable error;

	private volatile boolean cancelled;

	// Drain only from here on.

	private boolean terminated;

	private boolean upstreamRequested;

	/** Offset of the next byte to emit from the first byte of the stream. */
	private long emittedBytes;

	PacingSubscriber(CoreSubscriber<? super T> actual, PacingPlan plan, Scheduler scheduler,
			PacingListener listener, ToLongFunction<? super T> sizeBytes, Consumer<? super T> release,
			@Nullable BandwidthBudget budget) {
		this.actual = actual;
		this.scheduler = scheduler;
		this.waits = new WaitTracker(listener, plan.boostBytes());
		this.sizeBytes = sizeBytes;
		this.release = release;
		this.schedule = new PacingSchedule(plan);
		this.share = (budget != null) ? budget.join(this::drain) : null;
	}

	@Override
	public Context currentContext() {
		return this.actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.validate(this.upstream, subscription)) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}
	}

	@Override
	public void onNext(T item) {
		if (this.done) {
			this.release.accept(item);
			return;
		}
		if (!HELD.compareAndSet(this, null, item)) {
			// The source sent more than the one item requested: a broken source.
			this.release.accept(item);
			upstream().cancel();
			this.error = Exceptions.failWithOverflow("Source emitted more than the one buffer requested by the pacer");
			this.done = true;
		}
		drain();
	}

	@Override
	public void onError(Throwable throwable) {
		if (this.done) {
			Operators.onErrorDropped(throwable, currentContext());
			return;
		}
		this.error = throwable;
		this.done = true;
		drain();
	}

	@Override
	public void onComplete() {
		if (this.done) {
			return;
		}
		this.done = true;
		drain();
	}

	@Override
	public void request(long n) {
		if (Operators.validate(n)) {
			Operators.addCap(REQUESTED, this, n);
			drain();
		}
	}

	@Override
	public void cancel() {
		if (this.cancelled) {
			return;
		}
		this.cancelled = true;
		upstream().cancel();
		disposeTimer();
		drain();
	}

	/**
	 * Timer callback: the held item may be due.
	 */
	@Override
	public void run() {
		this.timerPending = false;
		drain();
	}

	@Override
	public @Nullable Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) {
			return this.upstream;
		}
		if (key == Attr.ACTUAL) {
			return this.actual;
		}
		if (key == Attr.CANCELLED) {
			return this.cancelled;
		}
		if (key == Attr.TERMINATED) {
			return this.done && this.held == null;
		}
		if (key == Attr.BUFFERED) {
			return (this.held != null) ? 1 : 0;
		}
		if (key == Attr.REQUESTED_FROM_DOWNSTREAM) {
			return this.requested;
		}
		if (key == Attr.RUN_ON) {
			return this.scheduler;
		}
		if (key == Attr.RUN_STYLE) {
			return Attr.RunStyle.ASYNC;
		}
		return null;
	}

	private void drain() {
		if (WIP.getAndIncrement(this) != 0) {
			return;
		}
		int missed = 1;
		while (true) {
			drainOnce();
			missed = WIP.addAndGet(this, -missed);
			if (missed == 0) {
				return;
			}
		}
	}

	private void drainOnce() {
		while (true) {
			if (this.terminated || this.cancelled) {
				this.terminated = true;
				releaseHeld();
				leaveBudget();
				return;
			}
			Throwable failure = this.error;
			if (failure != null) {
				this.terminated = true;
				releaseHeld();
				disposeTimer();
				leaveBudget();
				this.actual.onError(failure);
				return;
			}
			@SuppressWarnings("unchecked")
			T item = (T) this.held;
			if (item == null) {
				if (this.done) {
					this.terminated = true;
					leaveBudget();
					this.actual.onComplete();
					return;
				}
				if (this.requested == 0) {
					if (this.schedule.started() && !this.waits.awaitingDemand()) {
						this.waits.demandExhausted(this.scheduler.now(TimeUnit.NANOSECONDS));
					}
					return;
				}
				if (this.waits.awaitingDemand()) {
					this.waits.demandArrived(this.scheduler.now(TimeUnit.NANOSECONDS));
				}
				if (!this.upstreamRequested) {
					this.upstreamRequested = true;
					// May call onNext on this thread: that only bumps the work counter.
					upstream().request(1);
				}
				return;
			}
			if (!tryEmit(item)) {
				return;
			}
			// Emitted (or failed to arm the timer): go round again.
		}
	}

	/**
	 * Emit the held item if it is due and downstream wants it, else arm the timer.
	 * @return whether there is more to do: the item was emitted, or the timer could not be armed
	 */
	private boolean tryEmit(T item) {
		long nowNanos = this.scheduler.now(TimeUnit.NANOSECONDS);
		this.schedule.start(nowNanos);
		this.waits.holding(nowNanos);
		long delayNanos = this.schedule.delayNanos(this.emittedBytes, nowNanos);
		if (delayNanos > 0) {
			if (!this.timerPending) {
				this.waits.waitingOnPacer();
				return !armTimer(Math.min(delayNanos, MAX_TIMER_DELAY_NANOS));
			}
			return false;
		}
		if (this.requested == 0) {
			// Only a source that emitted without being asked gets here.
			return false;
		}
		long size = this.sizeBytes.applyAsLong(item);
		BandwidthBudget.Share share = this.share;
		if (share != null) {
			if (!share.takeAll(size)) {
				// The server-wide budget has not granted this buffer yet: its split will call drain().
				share.want(size);
				return false;
			}
			share.satisfied();
		}
		long shiftNanos = this.schedule.catchUp(this.emittedBytes, nowNanos);
		if (shiftNanos > 0) {
			this.waits.reanchored(shiftNanos);
		}
		HELD.lazySet(this, null);
		this.upstreamRequested = false;
		this.waits.emitting(nowNanos, this.emittedBytes, size);
		this.emittedBytes = Operators.addCap(this.emittedBytes, size);
		if (this.requested != Long.MAX_VALUE) {
			REQUESTED.decrementAndGet(this);
		}
		this.actual.onNext(item);
		return true;
	}

	/**
	 * Schedule {@link #run()} after the given delay.
	 * @return whether the timer is armed; {@code false} if the scheduler rejected it, which is then
	 * the error to signal
	 */
	private boolean armTimer(long delayNanos) {
		Disposable task;
		this.timerPending = true;
		try {
			task = this.scheduler.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.timerPending = false;
			upstream().cancel();
			this.error = Operators.onRejectedExecution(ex, currentContext());
			this.done = true;
			return false;
		}
		while (true) {
			Disposable current = this.timer;
			if (current == CANCELLED_TIMER) {
				task.dispose();
				return true;
			}
			if (TIMER.compareAndSet(this, current, task)) {
				return true;
			}
		}
	}

	private void leaveBudget() {
		if (this.share != null) {
			this.share.leave();
		}
	}

	private void disposeTimer() {
		Disposable current = TIMER.getAndSet(this, CANCELLED_TIMER);
		if (current != null) {
			current.dispose();
		}
	}

	@SuppressWarnings("unchecked")
	private void releaseHeld() {
		Object item = HELD.getAndSet(this, null);
		if (item != null) {
			this.release.accept((T) item);
		}
	}

	private Subscription upstream() {
		Subscription subscription = this.upstream;
		if (subscription == null) {
			throw new IllegalStateException("Not subscribed");
		}
		return subscription;
	}

}
