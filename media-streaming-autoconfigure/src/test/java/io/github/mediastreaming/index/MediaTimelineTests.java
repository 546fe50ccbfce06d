package io.github.mediastreaming.index;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MediaTimelineTests {

	/** Two seconds of media: the first at 3,000 bytes a second, the second at 1,000. */
	private final MediaTimeline vbr = MediaTimeline.of(new long[] { 100, 3_100, 4_100 },
			new long[] { 0, 1_000_000, 2_000_000 });

	@Test
	void timeIsInterpolatedBetweenPointsAndClampedOutside() {
		assertThat(this.vbr.timeUsAt(0)).isZero();
		assertThat(this.vbr.timeUsAt(100)).isZero();
		assertThat(this.vbr.timeUsAt(1_600)).isEqualTo(500_000);
		assertThat(this.vbr.timeUsAt(3_100)).isEqualTo(1_000_000);
		assertThat(this.vbr.timeUsAt(3_600)).isEqualTo(1_500_000);
		assertThat(this.vbr.timeUsAt(99_999)).isEqualTo(2_000_000);
	}

	@Test
	void offsetIsTheInverseRoundedUp() {
		assertThat(this.vbr.offsetAt(0)).isEqualTo(100);
		assertThat(this.vbr.offsetAt(500_000)).isEqualTo(1_600);
		assertThat(this.vbr.offsetAt(1_500_001)).isEqualTo(3_601);
		assertThat(this.vbr.offsetAt(5_000_000)).isEqualTo(4_100);
		for (long time = 0; time <= 2_000_000; time += 12_345) {
			assertThat(this.vbr.timeUsAt(this.vbr.offsetAt(time))).isGreaterThanOrEqualTo(time - 1);
		}
	}

	@Test
	void aPauseIsTheEarliestOffsetOfItsTime() {
		MediaTimeline pause = MediaTimeline.of(new long[] { 0, 10, 20 }, new long[] { 0, 1_000, 1_000 });
		assertThat(pause.offsetAt(1_000)).isEqualTo(10);
	}

	@Test
	void linearIsTwoPoints() {
		MediaTimeline wav = MediaTimeline.linear(44, 44 + 16_000 * 60, 60_000_000);
		assertThat(wav.timeUsAt(44 + 16_000)).isEqualTo(1_000_000);
		assertThat(wav.durationUs()).isEqualTo(60_000_000);
		assertThat(wav.points()).isEqualTo(2);
	}

	@Test
	void pointsMustMoveForward() {
		assertThatIllegalArgumentException().isThrownBy(() -> MediaTimeline.of(new long[] { 0 }, new long[] { 0 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MediaTimeline.of(new long[] { 0, 0 }, new long[] { 0, 1 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MediaTimeline.of(new long[] { 0, 1 }, new long[] { 5, 1 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MediaTimeline.of(new long[] { 0, 1, 2 }, new long[] { 0, 1 }));
	}

	@Test
	void equalByContent() {
		assertThat(MediaTimeline.linear(0, 10, 5)).isEqualTo(MediaTimeline.linear(0, 10, 5))
			.hasSameHashCodeAs(MediaTimeline.linear(0, 10, 5))
			.isNotEqualTo(MediaTimeline.linear(0, 10, 6));
	}

	@Test
	void builderEndsOnTheEndAndMergesPointsAtOneOffset() {
		MediaTimeline timeline = MediaTimeline.builder(64)
			.add(100, 0)
			.add(1_100, 1_000_000)
			.add(1_100, 1_200_000)
			.build(2_100, 2_000_000);
		assertThat(timeline).isEqualTo(MediaTimeline.of(new long[] { 100, 1_100, 2_100 },
				new long[] { 0, 1_200_000, 2_000_000 }));
	}

	@Test
	void builderKeepsTimeFromGoingBackAndIgnoresOffsetsThatDo() {
		MediaTimeline timeline = MediaTimeline.builder(64)
			.add(100, 0)
			.add(1_100, 5_000_000)
			.add(2_100, 1_000_000) // timestamps reset by a splice
			.add(900, 9_000_000) // out of order in the file: only the last point's time rises
			.build(3_100, 9_000_000);
		assertThat(timeline).isEqualTo(MediaTimeline.of(new long[] { 100, 1_100, 2_100, 3_100 },
				new long[] { 0, 5_000_000, 9_000_000, 9_000_000 }));
	}

	@Test
	void builderDropsPointsPastTheEnd() {
		MediaTimeline timeline = MediaTimeline.builder(64)
			.add(0, 0)
			.add(500, 3_000_000)
			.add(1_000, 4_000_000)
			.build(800, 2_000_000);
		assertThat(timeline).isEqualTo(MediaTimeline.linear(0, 800, 2_000_000));
	}

	@Test
	void builderWithoutAPointBeforeTheEndHasNoTimeline() {
		assertThat(MediaTimeline.builder(64).build(1_000, 1_000_000)).isNull();
		assertThat(MediaTimeline.builder(64).add(1_000, 0).build(1_000, 1_000_000)).isNull();
		assertThat(MediaTimeline.builder(64).add(0, 0).build(1_000, 0)).isNull();
	}

	@Test
	void builderThinsEvenlyPastItsMaximum() {
		MediaTimeline.Builder builder = MediaTimeline.builder(16);
		for (int second = 0; second < 1_000; second++) {
			builder.add(second * 1_000L, second * 1_000_000L);
		}
		MediaTimeline timeline = builder.build(1_000_000, 1_000_000_000);
		assertThat(timeline.points()).isBetween(9, 17);
		// Constant rate: thinning loses nothing.
		for (long offset = 0; offset <= 1_000_000; offset += 77_777) {
			assertThat(timeline.timeUsAt(offset)).isCloseTo(offset * 1_000, org.assertj.core.data.Offset.offset(1L));
		}
	}

}
