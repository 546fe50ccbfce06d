package io.github.mediastreaming.mp4;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mediastreaming.index.MediaFormatException;

/**
 * A piece of an index build offered to an executor, which the building thread runs itself if no other
 * thread has started it by the time it needs the result. An idle core shortens the build (a 2-hour
 * movie's audio table read beside its video table), and a busy or saturated pool never makes the build
 * wait longer than doing the work itself would. Runs at most once.
 *
 * @param <T> what the work returns
 */
final class SharedTask<T> implements Runnable {

	/** Work that may fail on a malformed file. */
	@FunctionalInterface
	interface Work<T> {

		T call() throws MediaFormatException;

	}

	private final Work<T> work;

	private final AtomicBoolean started = new AtomicBoolean();

	private final CompletableFuture<T> result = new CompletableFuture<>();

	private SharedTask(Work<T> work) {
		this.work = work;
	}

	/**
	 * Offer work to an executor.
	 * @param <T> what the work returns
	 * @param work the work
	 * @param executor where another thread may run it; a rejection leaves it to {@link #join()}
	 * @return the task
	 */
	static <T> SharedTask<T> offer(Work<T> work, Executor executor) {
		SharedTask<T> task = new SharedTask<>(work);
		try {
			executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// The caller runs it when it joins.
		}
		return task;
	}

	@Override
	public void run() {
		if (this.started.compareAndSet(false, true)) {
			try {
				this.result.complete(this.work.call());
			}
			catch (Throwable ex) {
				this.result.completeExceptionally(ex);
			}
		}
	}

	/**
	 * Return the result, running the work in this thread unless another has started it.
	 * @return the result
	 * @throws MediaFormatException as the work threw it
	 */
	T join() throws MediaFormatException {
		run();
		try {
			return this.result.join();
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof MediaFormatException format) {
				throw format;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/**
	 * Make sure the work no longer runs when this returns: keep it from starting, or wait for the thread
	 * that started it. For a build that failed elsewhere, before it lets go of what the work reads.
	 */
	void settle() {
		if (this.started.compareAndSet(false, true)) {
			this.result.cancel(false);
			return;
		}
		try {
			this.result.join();
		}
		catch (RuntimeException ex) {
			// Its failure no longer matters: the build has failed already.
		}
	}

}
