package io.github.mediastreaming.index;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class LimitedExecutorTests {

	private final ExecutorService threads = Executors.newFixedThreadPool(16);

	@AfterEach
	void shutdown() {
		this.threads.shutdownNow();
	}

	@Test
	void aThousandTasksRunAtMostTheLimitAtOnceAndAllRun() throws Exception {
		LimitedExecutor executor = new LimitedExecutor(this.threads, 3);
		AtomicInteger concurrent = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(1000);
		for (int i = 0; i < 1000; i++) {
			executor.execute(() -> {
				int now = concurrent.incrementAndGet();
				peak.accumulateAndGet(now, Math::max);
				try {
					Thread.sleep(0, 200_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				concurrent.decrementAndGet();
				done.countDown();
			});
		}
		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(peak.get()).isBetween(1, 3);
		// The last task counted down inside its run; its turn frees just after.
		await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(executor.running()).isZero());
		assertThat(executor.waiting()).isZero();
	}

	@Test
	void aTaskThatFailsFreesItsTurn() throws Exception {
		LimitedExecutor executor = new LimitedExecutor(this.threads, 1);
		CountDownLatch second = new CountDownLatch(1);
		executor.execute(() -> {
			throw new IllegalStateException("boom");
		});
		executor.execute(second::countDown);
		assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aTaskRefusedByTheOtherExecutorIsRefusedToItsCallerAndLosesNoOther() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch firstMayEnd = new CountDownLatch(1);
		// Accepts the first turn, refuses the second (a full or stopping pool), then accepts again.
		Executor flaky = refusingTheSecond(calls);
		LimitedExecutor executor = new LimitedExecutor(flaky, 2);
		CountDownLatch first = new CountDownLatch(1);
		executor.execute(() -> {
			awaitQuietly(firstMayEnd);
			first.countDown();
		});
		CountDownLatch refused = new CountDownLatch(1);
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> executor.execute(refused::countDown));
		assertThat(executor.waiting()).isZero();
		assertThat(executor.running()).isOne();
		CountDownLatch third = new CountDownLatch(1);
		executor.execute(third::countDown);
		assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
		firstMayEnd.countDown();
		assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(refused.getCount()).as("a refused task never runs").isOne();
	}

	@Test
	void aTaskRefusedWhenATurnEndsRunsOnTheThreadWhoseTaskEnded() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch firstMayEnd = new CountDownLatch(1);
		// Accepts the first turn, refuses the hand-off when it ends (a full or stopping pool).
		Executor flaky = refusingTheSecond(calls);
		LimitedExecutor executor = new LimitedExecutor(flaky, 1);
		AtomicReference<Thread> firstThread = new AtomicReference<>();
		executor.execute(() -> {
			firstThread.set(Thread.currentThread());
			awaitQuietly(firstMayEnd);
		});
		AtomicReference<Thread> secondThread = new AtomicReference<>();
		CountDownLatch second = new CountDownLatch(1);
		executor.execute(() -> {
			secondThread.set(Thread.currentThread());
			second.countDown();
		});
		assertThat(executor.waiting()).isOne();
		firstMayEnd.countDown();
		assertThat(second.await(5, TimeUnit.SECONDS)).as("the refused task ran").isTrue();
		assertThat(secondThread.get()).isSameAs(firstThread.get());
		assertThat(calls).hasValue(2);
		await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(executor.running()).isZero());
	}

	@Test
	void aFinishingTaskHandsTheNextWaitingOneToTheOtherExecutor() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		Executor counting = (task) -> {
			calls.incrementAndGet();
			this.threads.execute(task);
		};
		LimitedExecutor executor = new LimitedExecutor(counting, 1);
		CountDownLatch firstMayEnd = new CountDownLatch(1);
		executor.execute(() -> awaitQuietly(firstMayEnd));
		CountDownLatch rest = new CountDownLatch(5);
		for (int i = 0; i < 5; i++) {
			executor.execute(rest::countDown);
		}
		assertThat(executor.waiting()).isEqualTo(5);
		firstMayEnd.countDown();
		assertThat(rest.await(5, TimeUnit.SECONDS)).isTrue();
		// Each task a task of its own there: no thread runs the backlog that other work shares it with.
		assertThat(calls).hasValue(6);
		await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(executor.running()).isZero());
	}

	/** The test's threads, refusing the second task they are given (counted in {@code calls}). */
	private Executor refusingTheSecond(AtomicInteger calls) {
		return (task) -> {
			if (calls.incrementAndGet() == 2) {
				throw new RejectedExecutionException("queue full");
			}
			this.threads.execute(task);
		};
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
