package io.github.mediastreaming.pacing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PacingPlanTests {

	private static final long SECOND_NANOS = 1_000_000_000L;

	@Test
	void ofComputesLimitBoostAndOneSecondBurstFromBitrate() {
		PacingPlan plan = PacingPlan.of(1_000_000, 0.1, Duration.ofSeconds(5));
		assertThat(plan).isEqualTo(new PacingPlan(137_500, 625_000, 137_500, 125_000, null));
	}

	@Test
	void dueTimeIsZeroWithinBoostThenGrowsAtTheLimit() {
		PacingPlan plan = PacingPlan.of(1_000_000, 0.1, Duration.ofSeconds(5));
		assertThat(plan.dueNanos(0)).isZero();
		assertThat(plan.dueNanos(625_000)).isZero();
		assertThat(plan.dueNanos(762_500)).isEqualTo(SECOND_NANOS);
		assertThat(plan.dueNanos(2_000_000)).isEqualTo(10 * SECOND_NANOS);
	}

	@Test
	void dueTimeRoundsUpWithoutAccumulatingRounding() {
		PacingPlan plan = new PacingPlan(3, 0, 3);
		assertThat(plan.dueNanos(1)).isEqualTo(333_333_334);
		assertThat(plan.dueNanos(2)).isEqualTo(666_666_667);
		assertThat(plan.dueNanos(3)).isEqualTo(SECOND_NANOS);
		assertThat(plan.dueNanos(3_000_000_001L)).isEqualTo(1_000_000_000L * SECOND_NANOS + 333_333_334);
	}

	@Test
	void dueTimeSaturatesInsteadOfOverflowing() {
		assertThat(new PacingPlan(1, 0, 0).dueNanos(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
		assertThat(new PacingPlan(Long.MAX_VALUE, 0, 0).dueNanos(Long.MAX_VALUE)).isEqualTo(SECOND_NANOS);
	}

	@Test
	void dueTimeAboveTheExactArithmeticRangeIsStillRight() {
		PacingPlan plan = new PacingPlan(10_000_000_000L, 0, 0);
		assertThat(plan.dueNanos(5_000_000_000L)).isEqualTo(SECOND_NANOS / 2);
		assertThat(plan.dueNanos(15_000_000_000L)).isEqualTo(3 * SECOND_NANOS / 2);
	}

	@Test
	void withMaxBurstConvertsTimeAtTheLimitToBytes() {
		PacingPlan plan = PacingPlan.of(1_000_000, 0.1, Duration.ofSeconds(5)).withMaxBurst(Duration.ofMillis(500));
		assertThat(plan.maxBurstBytes()).isEqualTo(68_750);
		assertThat(plan.maxBurstNanos()).isEqualTo(SECOND_NANOS / 2);
		assertThat(plan.withMaxBurst(Duration.ZERO).maxBurstNanos()).isZero();
	}

	@Test
	void unpacedPlanNeverDelaysAnyByte() {
		PacingPlan plan = PacingPlan.unpaced();
		assertThat(plan.isUnpaced()).isTrue();
		assertThat(plan.dueNanos(Long.MAX_VALUE)).isZero();
	}

	@Test
	void absurdBitrateSaturatesToAnUnpacedPlan() {
		// 10 s of 2^63 bit/s is more than 2^63 bytes: the boost saturates and covers any stream.
		PacingPlan plan = PacingPlan.of(Long.MAX_VALUE, 0.1, Duration.ofSeconds(10));
		assertThat(plan.limitBytesPerSecond()).isPositive();
		assertThat(plan.boostBytes()).isEqualTo(Long.MAX_VALUE);
		assertThat(plan.isUnpaced()).isTrue();
	}

	@Test
	void tinyBitrateStillAllowsOneBytePerSecond() {
		PacingPlan plan = PacingPlan.of(1, 0, Duration.ZERO);
		assertThat(plan.limitBytesPerSecond()).isEqualTo(1);
		assertThat(plan.boostBytes()).isZero();
		assertThat(plan.isUnpaced()).isFalse();
	}

	@Test
	void ofRejectsNonPositiveBitrate() {
		assertThatIllegalArgumentException().isThrownBy(() -> PacingPlan.of(0, 0.1, Duration.ofSeconds(5)))
			.withMessageContaining("Bitrate");
		assertThatIllegalArgumentException().isThrownBy(() -> PacingPlan.of(-8, 0.1, Duration.ofSeconds(5)));
	}

	@Test
	void ofRejectsNegativeInfiniteOrNaNSpeedupFactor() {
		assertThatIllegalArgumentException().isThrownBy(() -> PacingPlan.of(8000, -0.1, Duration.ZERO))
			.withMessageContaining("factor");
		assertThatIllegalArgumentException().isThrownBy(() -> PacingPlan.of(8000, Double.NaN, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PacingPlan.of(8000, Double.POSITIVE_INFINITY, Duration.ZERO));
	}

	@Test
	void ofRejectsNegativeBoost() {
		assertThatIllegalArgumentException().isThrownBy(() -> PacingPlan.of(8000, 0.1, Duration.ofSeconds(-1)))
			.withMessageContaining("boost");
	}

	@Test
	void constructorRejectsNonPositiveLimitAndNegativeSizes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PacingPlan(0, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new PacingPlan(1, -1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new PacingPlan(1, 0, -1));
	}


	@Test
	void onAConstantBitrateTimelineEveryByteIsDueWhenTheAverageRateSays() {
		// 1 Mbit/s for 60 s after a 44-byte header: 125,000 bytes a second.
		io.github.mediastreaming.index.MediaTimeline file = io.github.mediastreaming.index.MediaTimeline.linear(0,
				7_500_000, 60_000_000);
		PacingPlan average = PacingPlan.of(1_000_000, 0.1, Duration.ofSeconds(5));
		PacingPlan timeline = PacingPlan.onTimeline(
				DocumentTimeline.of(io.github.mediastreaming.body.MediaBody.wholeFile(7_500_000), file), 1_000_000,
				0.1, Duration.ofSeconds(5));
		assertThat(timeline.boostBytes()).isEqualTo(average.boostBytes());
		for (long offset = 0; offset < 7_500_000; offset += 99_991) {
			assertThat((double) timeline.dueNanos(offset)).as("byte " + offset)
				.isCloseTo(average.dueNanos(offset), org.assertj.core.api.Assertions.within(20_000.0));
		}
	}

	@Test
	void onAVariableTimelineAComplexSceneIsDueWhenThePlayerNeedsIt() {
		// 10 s at 300,000 B/s, then 10 s at 10,000 B/s: the average (155,000 B/s) would be late for the
		// complex part and early for the quiet one.
		io.github.mediastreaming.index.MediaTimeline file = io.github.mediastreaming.index.MediaTimeline.of(
				new long[] { 0, 3_000_000, 3_100_000 }, new long[] { 0, 10_000_000, 20_000_000 });
		PacingPlan plan = PacingPlan.onTimeline(
				DocumentTimeline.of(io.github.mediastreaming.body.MediaBody.wholeFile(3_100_000), file), 1_240_000,
				0.1, Duration.ofSeconds(5));
		assertThat(plan.boostBytes()).isEqualTo(1_500_000);
		// The byte completing 8 s of media: (8 - 5) / 1.1 s after the first byte.
		assertThat(plan.dueNanos(2_400_000 - 1)).isCloseTo(2_727_272_728L, org.assertj.core.api.Assertions.within(2_000L));
		// The last byte completes 20 s: (20 - 5) / 1.1 = 13.6 s, not 20 s x 155,000 / 170,500.
		assertThat(plan.dueNanos(3_099_999)).isCloseTo(13_636_363_637L, org.assertj.core.api.Assertions.within(2_000L));
		assertThat(plan.mediaTimeUs(3_000_000)).isEqualTo(10_000_000);
	}

}
