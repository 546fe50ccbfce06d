package io.github.mediastreaming.pacing;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The split of a {@link BandwidthBudget}, one tick at a time: 20,000 B/s is 1,000 bytes a 50 ms tick.
 */
class BandwidthBudgetTests {

	private final BandwidthBudget budget = new BandwidthBudget(20_000, Schedulers.immediate());

	@Test
	void equalWantsGetEqualShares() {
		BandwidthBudget.Share a = wanting(10_000);
		BandwidthBudget.Share b = wanting(10_000);
		this.budget.run();
		assertThat(a.take(10_000)).isEqualTo(500);
		assertThat(b.take(10_000)).isEqualTo(500);
	}

	@Test
	void aStreamWantingLessThanItsFairShareGetsAllItWantsAndTheRestGoesToTheOthers() {
		BandwidthBudget.Share paced = wanting(100);
		BandwidthBudget.Share first = wanting(Long.MAX_VALUE);
		BandwidthBudget.Share second = wanting(Long.MAX_VALUE);
		this.budget.run();
		assertThat(paced.take(Long.MAX_VALUE)).isEqualTo(100);
		assertThat(first.take(Long.MAX_VALUE)).isEqualTo(450);
		assertThat(second.take(Long.MAX_VALUE)).isEqualTo(450);
	}

	@Test
	void aWaitingStreamIsWokenWhenGranted() {
		AtomicInteger wakes = new AtomicInteger();
		BandwidthBudget.Share share = this.budget.join(wakes::incrementAndGet);
		this.budget.run();
		assertThat(wakes).hasValue(0);
		share.want(300);
		this.budget.run();
		assertThat(wakes).hasValue(1);
		assertThat(share.take(1_000)).isEqualTo(300);
	}

	@Test
	void aBufferWaitsUntilItsWholeSizeIsGranted() {
		BandwidthBudget.Share share = wanting(2_500);
		this.budget.run();
		assertThat(share.takeAll(2_500)).isFalse();
		this.budget.run();
		assertThat(share.takeAll(2_500)).isFalse();
		this.budget.run();
		assertThat(share.takeAll(2_500)).isTrue();
		// Grants stop at what the stream wants: the third tick granted 500, not 1,000.
		assertThat(share.take(1)).isZero();
	}

	@Test
	void aGrantNotUsedByAStreamThatStoppedWantingIsDropped() {
		BandwidthBudget.Share share = wanting(800);
		this.budget.run();
		share.satisfied();
		this.budget.run();
		assertThat(share.take(Long.MAX_VALUE)).isZero();
	}

	@Test
	void aStreamThatLeftGetsNothingAndTheInUseRateCountsWhatWasTaken() {
		BandwidthBudget.Share gone = wanting(10_000);
		BandwidthBudget.Share staying = wanting(10_000);
		gone.leave();
		this.budget.run();
		assertThat(gone.take(10_000)).isZero();
		assertThat(staying.take(10_000)).isEqualTo(1_000);
		assertThat(this.budget.streams()).isEqualTo(1);
		this.budget.run();
		assertThat(this.budget.inUseBytesPerSecond()).isPositive();
	}

	@Test
	void theCapMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BandwidthBudget(0, Schedulers.immediate()));
	}

	private BandwidthBudget.Share wanting(long bytes) {
		BandwidthBudget.Share share = this.budget.join(() -> {
		});
		share.want(bytes);
		return share;
	}

}
