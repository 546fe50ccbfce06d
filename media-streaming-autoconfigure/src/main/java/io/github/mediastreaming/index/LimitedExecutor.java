package io.github.mediastreaming.index;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on another executor, at most {@code limit} at once; the rest wait in order. A burst of first
 * requests for a thousand different large files reads a few {@code moov}s at a time, not a thousand, so
 * the heap and the disk see a bounded load while the requests wait their turn.
 * <p>
 * A thread that finishes a task runs the next waiting one itself, so the other executor is asked only to
 * start a turn, from {@link #execute}: a task it refuses there (a full queue, a scheduler shutting down)
 * is refused to that caller, as {@link Executor} says, and no task already accepted is lost to it.
 */
public final class LimitedExecutor implements Executor {

	private final Executor delegate;

	private final int limit;

	private final Deque<Runnable> waiting = new ConcurrentLinkedDeque<>();

	private final AtomicInteger running = new AtomicInteger();

	/**
	 * Create an executor.
	 * @param delegate where the tasks run
	 * @param limit how many may run at once
	 */
	public LimitedExecutor(Executor delegate, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("The limit must be at least 1, was " + limit);
		}
		this.delegate = delegate;
		this.limit = limit;
	}

	/**
	 * Run a task when a turn is free.
	 * @param task the task
	 * @throws RejectedExecutionException if the other executor refuses to start a turn for it
	 */
	@Override
	public void execute(Runnable task) {
		this.waiting.add(task);
		startNext(task);
	}

	/** @return how many tasks run now */
	public int running() {
		return this.running.get();
	}

	/** @return how many tasks wait for a turn */
	public int waiting() {
		return this.waiting.size();
	}

	/** Start turns while some are free and tasks wait; {@code submitted} is the caller's own task, if any. */
	private void startNext(@Nullable Runnable submitted) {
		while (true) {
			int current = this.running.get();
			if (current >= this.limit || this.waiting.isEmpty()) {
				return;
			}
			if (!this.running.compareAndSet(current, current + 1)) {
				continue;
			}
			Runnable task = this.waiting.poll();
			if (task == null) {
				this.running.decrementAndGet();
				continue;
			}
			try {
				this.delegate.execute(() -> runFrom(task));
			}
			catch (RuntimeException ex) {
				this.running.decrementAndGet();
				if (task == submitted) {
					throw ex;
				}
				// Another caller's task, accepted earlier: first in line again. The caller's own, if it still
				// waits, is refused (if a finishing thread took it meanwhile, it was accepted after all).
				this.waiting.addFirst(task);
				if (submitted != null && this.waiting.remove(submitted)) {
					throw ex;
				}
				return;
			}
		}
	}

	/** Run a task, then the waiting ones on the same thread, until none waits. */
	private void runFrom(Runnable first) {
		try {
			Runnable task = first;
			while (task != null) {
				task.run();
				task = this.waiting.poll();
			}
		}
		finally {
			this.running.decrementAndGet();
			// A task may have been added after the last poll, by a caller that found no free turn.
			startNext(null);
		}
	}

}
