package io.github.mediastreaming.index;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on another executor, at most {@code limit} at once; the rest wait in order. A burst of first
 * requests for a thousand different large files reads a few {@code moov}s at a time, not a thousand, so
 * the heap and the disk see a bounded load while the requests wait their turn.
 */
public final class LimitedExecutor implements Executor {

	private final Executor delegate;

	private final int limit;

	private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

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

	@Override
	public void execute(Runnable task) {
		this.waiting.add(task);
		startNext();
	}

	/** @return how many tasks run now */
	public int running() {
		return this.running.get();
	}

	/** @return how many tasks wait for a turn */
	public int waiting() {
		return this.waiting.size();
	}

	private void startNext() {
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
				this.delegate.execute(() -> {
					try {
						task.run();
					}
					finally {
						this.running.decrementAndGet();
						startNext();
					}
				});
			}
			catch (RuntimeException ex) {
				this.running.decrementAndGet();
				throw ex;
			}
		}
	}

}
