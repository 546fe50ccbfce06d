package io.github.mediastreaming.mp4;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@link SharedTask} runs once, in the executor's thread or in the one that joins it, whichever starts
 * it first; a failure reaches the joining thread as it was thrown; and once settled it never runs.
 */
class SharedTaskTests {

	@Test
	void workTheExecutorNeverStartsIsRunByTheThreadThatJoinsItAndOnlyOnce() throws Exception {
		List<Runnable> queued = new ArrayList<>();
		AtomicInteger runs = new AtomicInteger();
		SharedTask<String> task = SharedTask.offer(() -> "run " + runs.incrementAndGet(), queued::add);
		assertThat(task.join()).isEqualTo("run 1");
		queued.forEach(Runnable::run);
		assertThat(runs).hasValue(1);
	}

	@Test
	void workAnExecutorRejectsIsRunByTheThreadThatJoinsIt() throws Exception {
		SharedTask<String> task = SharedTask.offer(() -> "joined", (work) -> {
			throw new RejectedExecutionException("saturated");
		});
		assertThat(task.join()).isEqualTo("joined");
	}

	@Test
	void workStartedByTheExecutorIsAwaitedNotRunAgain() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			CountDownLatch started = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			AtomicInteger runs = new AtomicInteger();
			SharedTask<Integer> task = SharedTask.offer(() -> {
				started.countDown();
				await(release);
				return runs.incrementAndGet();
			}, pool);
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			release.countDown();
			assertThat(task.join()).isEqualTo(1);
			assertThat(runs).hasValue(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFormatErrorReachesTheJoiningThreadAsItWasThrown() {
		MediaFormatException failure = new MediaFormatException(ProbeFailure.MALFORMED, "stsz in track 2");
		SharedTask<String> task = SharedTask.offer(() -> {
			throw failure;
		}, Runnable::run);
		assertThatExceptionOfType(MediaFormatException.class).isThrownBy(task::join).isSameAs(failure);
	}

	@Test
	void settledWorkThatHadNotStartedNeverRuns() {
		List<Runnable> queued = new ArrayList<>();
		AtomicInteger runs = new AtomicInteger();
		SharedTask<Integer> task = SharedTask.offer(runs::incrementAndGet, queued::add);
		task.settle();
		queued.forEach(Runnable::run);
		assertThat(runs).hasValue(0);
	}

	@Test
	void settlingWaitsForWorkAnotherThreadHasStarted() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			CountDownLatch started = new CountDownLatch(1);
			AtomicInteger finished = new AtomicInteger();
			SharedTask<Integer> task = SharedTask.offer(() -> {
				started.countDown();
				await(new CountDownLatch(1), 200);
				return finished.incrementAndGet();
			}, pool);
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			task.settle();
			assertThat(finished).hasValue(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Wait for a latch, at most 10 s, from work that may not throw InterruptedException. */
	private static void await(CountDownLatch latch) {
		await(latch, 10_000);
	}

	private static void await(CountDownLatch latch, long millis) {
		try {
			latch.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
