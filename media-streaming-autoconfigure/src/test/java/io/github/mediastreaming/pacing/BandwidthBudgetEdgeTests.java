package io.github.mediastreaming.pacing;

import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BandwidthBudget} at its edges: a grant is kept for a stream that still waits for it, and
 * a cap near the top of the {@code long} range is not turned into a trickle.
 */
class BandwidthBudgetEdgeTests {

	@Test
	void aGrantIsKeptForAWaitingStreamThatHasNotTakenItBeforeTheNextTick() {
		// 20,000 B/s: 1,000 bytes a tick. The stream is woken by the first split (its event loop runs the
		// wake later), then the next tick comes before the event loop took the grant: it still wants it.
		BandwidthBudget budget = new BandwidthBudget(20_000, Schedulers.immediate());
		BandwidthBudget.Share share = budget.join(() -> {
		});
		share.want(800);
		budget.run();
		budget.run();
		assertThat(share.takeAll(800)).isTrue();
	}

	@Test
	void aCapTooLargeToMultiplyByTheTickStillGrantsWhatAStreamWants() {
		BandwidthBudget budget = new BandwidthBudget(Long.MAX_VALUE, Schedulers.immediate());
		BandwidthBudget.Share share = budget.join(() -> {
		});
		share.want(1_000_000);
		budget.run();
		assertThat(share.take(Long.MAX_VALUE)).isEqualTo(1_000_000);
	}

}
