package io.github.mediastreaming.pacing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class PacerTests {

	private static final long SECOND_NANOS = 1_000_000_000L;

	private static final Duration JUST_UNDER_A_SECOND = Duration.ofNanos(SECOND_NANOS - 1);

	private static final Duration ONE_NANO = Duration.ofNanos(1);

	private final NettyDataBufferFactory bufferFactory = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

	private final List<DataBuffer> created = new ArrayList<>();

	private final RecordingScheduler scheduler = new RecordingScheduler();

	@Test
	void boostGoesOutAtOnceThenOneBufferPerSecond() {
		// Limit 1,000 B/s, boost 3,000 bytes: buffers starting at bytes 0, 1,000, 2,000 and 3,000 are
		// due at once (max(0, b - boost) = 0), the one at 4,000 after 1 s, ..., the one at 9,000 after 6 s.
		PacingPlan plan = new PacingPlan(1000, 3000, 1000);
		StepVerifier.Step<DataBuffer> step = StepVerifier
			.withVirtualTime(() -> buffers(10, 1000).transform(Pacer.pace(plan, Schedulers.parallel())))
			.expectSubscription()
			.expectNextCount(4);
		for (int paced = 0; paced < 6; paced++) {
			step = step.expectNoEvent(JUST_UNDER_A_SECOND).thenAwait(ONE_NANO).expectNextCount(1);
		}
		step.verifyComplete();
	}

	@Test
	void zeroBoostSendsTheFirstBufferAtOnceThenPaces() {
		PacingPlan plan = new PacingPlan(1000, 0, 1000);
		StepVerifier.withVirtualTime(() -> buffers(3, 1000).transform(Pacer.pace(plan, Schedulers.parallel())))
			.expectSubscription()
			.expectNextCount(1)
			.expectNoEvent(JUST_UNDER_A_SECOND)
			.thenAwait(ONE_NANO)
			.expectNextCount(1)
			.expectNoEvent(JUST_UNDER_A_SECOND)
			.thenAwait(ONE_NANO)
			.expectNextCount(1)
			.verifyComplete();
	}

	@Test
	void boostLargerThanTheStreamSendsEverythingAtOnceWithoutTimers() {
		Recorder recorder = subscribe(buffers(10, 1000), new PacingPlan(1000, 1_000_000, 1000), Long.MAX_VALUE);
		assertThat(recorder.timesNanos).hasSize(10).containsOnly(0L);
		assertThat(recorder.completed).isTrue();
		assertThat(this.scheduler.scheduledTaskCount()).isZero();
	}

	@Test
	void emptySourceCompletesAtOnce() {
		Recorder recorder = subscribe(Flux.empty(), new PacingPlan(1000, 0, 1000), Long.MAX_VALUE);
		assertThat(recorder.timesNanos).isEmpty();
		assertThat(recorder.completed).isTrue();
	}

	@Test
	void everyBufferLeavesAtItsAbsoluteDueTimeOverTenThousandBuffers() {
		// 137,500 B/s does not divide 8,192-byte buffers: per-buffer sleeps would round and drift.
		PacingPlan plan = PacingPlan.of(1_000_000, 0.1, Duration.ofSeconds(5));
		Recorder recorder = subscribe(Flux.range(0, 10_000).map((i) -> this.bufferFactory.wrap(new byte[8192])), plan,
				Long.MAX_VALUE);
		this.scheduler.advanceTimeBy(Duration.ofHours(1));
		assertThat(recorder.timesNanos).hasSize(10_000);
		for (int index = 0; index < 10_000; index++) {
			assertThat(recorder.timesNanos.get(index)).as("buffer %d", index).isEqualTo(plan.dueNanos(index * 8192L));
		}
		// (9,999 x 8,192 - 625,000) / 137,500 s, rounded up to the nanosecond
		assertThat(recorder.timesNanos.get(9_999)).isEqualTo(591_176_785_455L);
		assertThat(recorder.completed).isTrue();
		assertThat(this.scheduler.scheduledTaskCount()).isLessThanOrEqualTo(10_000);
	}

	@Test
	void averageAfterTheBoostStaysWithinTwoPercentOfTheLimitOverSixtySeconds() {
		PacingPlan plan = PacingPlan.of(1_000_000, 0.1, Duration.ofSeconds(5));
		Flux<DataBuffer> endless = Flux.generate((sink) -> sink.next(this.bufferFactory.wrap(new byte[8192])));
		Recorder recorder = subscribe(endless, plan, Long.MAX_VALUE);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(60));
		recorder.cancel();
		double pacedBytesPerSecond = (recorder.bytes - plan.boostBytes()) / 60.0;
		assertThat(pacedBytesPerSecond).isCloseTo(plan.limitBytesPerSecond(), withinPercentage(2));
	}

	@Test
	void slowDownstreamIsNeverBufferedForBeyondOneBuffer() {
		List<Long> upstreamRequests = new ArrayList<>();
		Flux<DataBuffer> source = buffers(20, 1000).doOnRequest(upstreamRequests::add);
		Recorder recorder = subscribe(source, new PacingPlan(1000, 0, 1000), 1);
		for (int round = 1; round <= 10; round++) {
			this.scheduler.advanceTimeBy(Duration.ofSeconds(5));
			assertThat(upstreamRequests).hasSizeLessThanOrEqualTo(recorder.timesNanos.size() + 1);
			assertThat(this.created.size()).isLessThanOrEqualTo(recorder.timesNanos.size() + 1);
			recorder.request(1);
		}
		assertThat(upstreamRequests).containsOnly(1L);
		// Each buffer left as soon as the client asked: the client set the pace, not the schedule.
		assertThat(recorder.timesNanos).containsExactly(0L, 5 * SECOND_NANOS, 10 * SECOND_NANOS, 15 * SECOND_NANOS,
				20 * SECOND_NANOS, 25 * SECOND_NANOS, 30 * SECOND_NANOS, 35 * SECOND_NANOS, 40 * SECOND_NANOS,
				45 * SECOND_NANOS, 50 * SECOND_NANOS);
	}

	@Test
	void clientThatFellBehindCatchesUpByAtMostTheMaximumBurst() {
		// Limit 1,000 B/s, burst 2,000 bytes. The client takes one buffer, then stalls for 10 s: without
		// re-anchoring the 9 buffers due meanwhile would all go out at once when it comes back.
		EventListener listener = new EventListener();
		Recorder recorder = subscribe(buffers(20, 1000), new PacingPlan(1000, 0, 2000), 1, listener);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(10));
		recorder.request(Long.MAX_VALUE);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(3));
		// At 10 s: the buffer asked for plus 2,000 bytes of catch-up; then one per second again.
		assertThat(recorder.timesNanos).containsExactly(0L, 10 * SECOND_NANOS, 10 * SECOND_NANOS, 10 * SECOND_NANOS,
				11 * SECOND_NANOS, 12 * SECOND_NANOS, 13 * SECOND_NANOS);
		assertThat(listener.reanchorShiftsNanos).containsExactly(7 * SECOND_NANOS);
		assertThat(listener.states).containsExactly(PacingState.PACED, PacingState.CLIENT_BOUND, PacingState.PACED);
		assertThat(listener.demandWaitsNanos.get(1)).isEqualTo(10 * SECOND_NANOS);
		recorder.cancel();
	}

	@Test
	void listenerSeesBoostThenPacerWaits() {
		EventListener listener = new EventListener();
		Recorder recorder = subscribe(buffers(4, 1000), new PacingPlan(1000, 2000, 1000), Long.MAX_VALUE, listener);
		this.scheduler.advanceTimeBy(Duration.ofSeconds(2));
		assertThat(recorder.completed).isTrue();
		assertThat(listener.states).containsExactly(PacingState.BOOSTING, PacingState.PACED);
		assertThat(listener.sizesBytes).containsExactly(1000L, 1000L, 1000L, 1000L);
		assertThat(listener.pacerWaitsNanos).containsExactly(0L, 0L, 0L, SECOND_NANOS);
		assertThat(listener.demandWaitsNanos).containsOnly(0L);
		assertThat(listener.reanchorShiftsNanos).isEmpty();
	}

	@Test
	void cancelWhileWaitingReleasesTheHeldBufferAndLeavesNoTimer() {
		Recorder recorder = subscribe(buffers(3, 1000), new PacingPlan(1000, 0, 1000), Long.MAX_VALUE);
		this.scheduler.advanceTimeBy(Duration.ofMillis(500));
		assertThat(this.created).hasSize(2);
		assertThat(refCount(this.created.get(1))).as("held buffer before cancel").isEqualTo(1);
		assertThat(this.scheduler.pendingTaskCount()).isEqualTo(1);
		recorder.cancel();
		assertThat(this.created).allSatisfy((buffer) -> assertThat(refCount(buffer)).isZero());
		assertThat(this.scheduler.pendingTaskCount()).isZero();
		this.scheduler.advanceTimeBy(Duration.ofSeconds(10));
		assertThat(recorder.timesNanos).hasSize(1);
		assertThat(this.created).hasSize(2);
	}

	@Test
	void upstreamErrorReleasesTheHeldBufferAndPropagatesWithoutWaiting() {
		TestPublisher<DataBuffer> source = TestPublisher.create();
		Recorder recorder = subscribe(source.flux(), new PacingPlan(1000, 0, 1000), Long.MAX_VALUE);
		source.next(buffer(1000));
		source.next(buffer(1000));
		source.error(new IOException("disk gone"));
		assertThat(recorder.error).isInstanceOf(IOException.class);
		assertThat(recorder.timesNanos).hasSize(1);
		assertThat(this.created).allSatisfy((buffer) -> assertThat(refCount(buffer)).isZero());
		assertThat(this.scheduler.pendingTaskCount()).isZero();
	}

	@Test
	void sourceSendingMoreThanRequestedIsCancelledReleasedAndFailsWithOverflow() {
		TestPublisher<DataBuffer> source = TestPublisher.createNoncompliant(TestPublisher.Violation.REQUEST_OVERFLOW);
		Recorder recorder = subscribe(source.flux(), new PacingPlan(1000, 0, 1000), Long.MAX_VALUE);
		source.next(buffer(1000), buffer(1000), buffer(1000));
		assertThat(recorder.error).matches(Exceptions::isOverflow);
		assertThat(recorder.timesNanos).hasSize(1);
		assertThat(this.created).hasSize(3).allSatisfy((buffer) -> assertThat(refCount(buffer)).isZero());
		assertThat(this.scheduler.pendingTaskCount()).isZero();
		source.assertCancelled();
	}

	@Test
	void bufferArrivingAfterCancelIsReleased() {
		TestPublisher<DataBuffer> source = TestPublisher.createNoncompliant(TestPublisher.Violation.DEFER_CANCELLATION);
		Recorder recorder = subscribe(source.flux(), new PacingPlan(1000, 0, 1000), Long.MAX_VALUE);
		recorder.cancel();
		source.next(buffer(1000));
		assertThat(recorder.timesNanos).isEmpty();
		assertThat(this.created).allSatisfy((buffer) -> assertThat(refCount(buffer)).isZero());
	}

	@Test
	void rejectedTimerFailsTheStreamAndReleasesTheHeldBuffer() {
		Scheduler disposed = Schedulers.newSingle("disposed-pacer-test");
		disposed.dispose();
		Recorder recorder = new Recorder(this.scheduler, Long.MAX_VALUE);
		buffers(3, 1000).transform(Pacer.pace(new PacingPlan(1000, 0, 1000), disposed)).subscribe(recorder);
		assertThat(recorder.error).isInstanceOf(RejectedExecutionException.class);
		assertThat(recorder.timesNanos).hasSize(1);
		assertThat(this.created).hasSize(2).allSatisfy((buffer) -> assertThat(refCount(buffer)).isZero());
	}

	@Test
	void unpacedPlanLeavesTheFluxUnchanged() {
		Flux<DataBuffer> flux = Flux.empty();
		assertThat(Pacer.pace(PacingPlan.unpaced(), this.scheduler).apply(flux)).isSameAs(flux);
	}

	private Recorder subscribe(Flux<DataBuffer> source, PacingPlan plan, long initialRequest) {
		return subscribe(source, plan, initialRequest, PacingListener.NONE);
	}

	private Recorder subscribe(Flux<DataBuffer> source, PacingPlan plan, long initialRequest,
			PacingListener listener) {
		Recorder recorder = new Recorder(this.scheduler, initialRequest);
		source.transform(Pacer.pace(plan, this.scheduler, listener)).subscribe(recorder);
		return recorder;
	}

	private Flux<DataBuffer> buffers(int count, int sizeBytes) {
		return Flux.range(0, count).map((index) -> buffer(sizeBytes));
	}

	private DataBuffer buffer(int sizeBytes) {
		DataBuffer buffer = this.bufferFactory.wrap(new byte[sizeBytes]);
		this.created.add(buffer);
		return buffer;
	}

	private static int refCount(DataBuffer buffer) {
		return ((NettyDataBuffer) buffer).getNativeBuffer().refCnt();
	}

	/**
	 * Downstream that records when each buffer arrived (in virtual time) and releases it, as the
	 * network would.
	 */
	private static final class Recorder extends BaseSubscriber<DataBuffer> {

		private final RecordingScheduler scheduler;

		private final long initialRequest;

		private final List<Long> timesNanos = new ArrayList<>();

		private long bytes;

		private boolean completed;

		private @Nullable Throwable error;

		private Recorder(RecordingScheduler scheduler, long initialRequest) {
			this.scheduler = scheduler;
			this.initialRequest = initialRequest;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(this.initialRequest);
		}

		@Override
		protected void hookOnNext(DataBuffer buffer) {
			this.timesNanos.add(this.scheduler.nowNanos());
			this.bytes += buffer.readableByteCount();
			DataBufferUtils.release(buffer);
		}

		@Override
		protected void hookOnComplete() {
			this.completed = true;
		}

		@Override
		protected void hookOnError(Throwable throwable) {
			this.error = throwable;
		}

	}

	private static final class EventListener implements PacingListener {

		private final List<PacingState> states = new ArrayList<>();

		private final List<Long> sizesBytes = new ArrayList<>();

		private final List<Long> pacerWaitsNanos = new ArrayList<>();

		private final List<Long> demandWaitsNanos = new ArrayList<>();

		private final List<Long> reanchorShiftsNanos = new ArrayList<>();

		@Override
		public void onBufferEmitted(long sizeBytes, long pacerWaitNanos, long demandWaitNanos) {
			this.sizesBytes.add(sizeBytes);
			this.pacerWaitsNanos.add(pacerWaitNanos);
			this.demandWaitsNanos.add(demandWaitNanos);
		}

		@Override
		public void onStateChange(PacingState state) {
			this.states.add(state);
		}

		@Override
		public void onReanchored(long shiftNanos) {
			this.reanchorShiftsNanos.add(shiftNanos);
		}

	}

}
