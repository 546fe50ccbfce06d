package io.github.mediastreaming.index;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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

}
