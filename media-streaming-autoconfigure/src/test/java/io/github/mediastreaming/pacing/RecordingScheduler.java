package io.github.mediastreaming.pacing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Virtual time scheduler that remembers every delayed task, to prove that no timer is left behind.
 */
final class RecordingScheduler implements Scheduler {

	private final VirtualTimeScheduler virtualTime = VirtualTimeScheduler.create();

	private final List<Task> tasks = new ArrayList<>();

	void advanceTimeBy(Duration duration) {
		this.virtualTime.advanceTimeBy(duration);
	}

	long nowNanos() {
		return this.virtualTime.now(TimeUnit.NANOSECONDS);
	}

	int scheduledTaskCount() {
		return this.tasks.size();
	}

	long pendingTaskCount() {
		return this.tasks.stream().filter((task) -> !task.ran && !task.disposed).count();
	}

	@Override
	public Disposable schedule(Runnable runnable) {
		return schedule(runnable, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public Disposable schedule(Runnable runnable, long delay, TimeUnit unit) {
		Task task = new Task(runnable);
		task.delegate = this.virtualTime.schedule(task, delay, unit);
		this.tasks.add(task);
		return task;
	}

	@Override
	public long now(TimeUnit unit) {
		return this.virtualTime.now(unit);
	}

	@Override
	public Worker createWorker() {
		throw new UnsupportedOperationException("The pacer needs no worker");
	}

	private static final class Task implements Runnable, Disposable {

		private final Runnable runnable;

		private Disposable delegate = () -> {
		};

		private boolean ran;

		private boolean disposed;

		private Task(Runnable runnable) {
			this.runnable = runnable;
		}

		@Override
		public void run() {
			this.ran = true;
			this.runnable.run();
		}

		@Override
		public void dispose() {
			this.disposed = true;
			this.delegate.dispose();
		}

		@Override
		public boolean isDisposed() {
			return this.disposed;
		}

	}

}
