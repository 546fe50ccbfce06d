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
 * A task that finishes hands its turn to the next waiting one on the other executor, as a new task there
 * (so one thread does not run a backlog that other work shares it with). If the other executor refuses it
 * (a full queue, a scheduler shutting down), the finishing thread runs that task itself, so no accepted
 * task is lost; a task refused when {@link #execute} starts a turn is refused to that caller, as
 * {@link Executor} says.
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

	/**
	 * Start turns while some are free and tasks wait.
	 * @param submitted the caller's own task from {@link #execute}, {@code null} when a turn ended
	 * @return a task the other executor refused after a turn ended, whose turn the calling thread takes
	 */
	private @Nullable Runnable startNext(@Nullable Runnable submitted) {
		while (true) {
			int current = this.running.get();
			if (current >= this.limit || this.waiting.isEmpty()) {
				return null;
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
				if (submitted == null) {
					// A thread of the other executor, whose task just ended, runs it: it keeps the turn.
					return task;
				}
				this.running.decrementAndGet();
				if (task == submitted) {
					throw ex;
				}
				// Another caller's task, accepted earlier: first in line again. The caller's own, if it still
				// waits, is refused (if a finishing turn took it meanwhile, it was accepted after all).
				this.waiting.addFirst(task);
				if (this.waiting.remove(submitted)) {
					throw ex;
				}
				return null;
			}
		}
	}

	/** Run a task on a thread of the other executor, then hand the turn on. */
	private void runFrom(Runnable first) {
		Runnable task = first;
		while (task != null) {
			Runnable current = task;
			boolean ran = false;
			try {
				current.run();
				ran = true;
			}
			finally {
				this.running.decrementAndGet();
				task = startNext(null);
				if (!ran && task != null) {
					// The task failed and its exception leaves this loop: the refused one goes back to the head
					// of the line, its turn freed, rather than out with it.
					this.waiting.addFirst(task);
					this.running.decrementAndGet();
					task = null;
				}
			}
		}
	}

}
