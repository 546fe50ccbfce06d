package io.github.mediastreaming.stream;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mediastreaming.format.MediaFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream of a client closing while the same client opens another never lets it past its limit. A race:
 * each round lines the two up on a barrier, and the bug this guards against showed within a few hundred
 * rounds; a correct registry passes every round.
 */
class PerClientLimitRaceTests {

	@Test
	void aCloseRacingAnOpenNeverLetsAClientPastItsLimit() throws Exception {
		StreamRegistry registry = new StreamRegistry(List.of(), 1);
		int overLimit = 0;
		for (int i = 0; i < 20_000 && overLimit == 0; i++) {
			ActiveStream first = registry.open(request(), System.nanoTime());
			CyclicBarrier barrier = new CyclicBarrier(2);
			AtomicReference<ActiveStream> opened = new AtomicReference<>();
			Thread closer = new Thread(() -> {
				await(barrier);
				registry.close(first, StreamOutcome.COMPLETED);
			});
			closer.start();
			await(barrier);
			ActiveStream second = registry.tryOpen(request(), System.nanoTime());
			closer.join();
			if (second != null) {
				ActiveStream third = registry.tryOpen(request(), System.nanoTime());
				if (third != null) {
					overLimit++;
					registry.close(third, StreamOutcome.COMPLETED);
				}
				registry.close(second, StreamOutcome.COMPLETED);
			}
		}
		assertThat(overLimit).isZero();
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static StreamRequest request() {
		return new StreamRequest("/media/a.mp3", MediaFormat.UNKNOWN, StreamKind.PLAIN, "127.0.0.1", null, 10_000, 0);
	}

}
