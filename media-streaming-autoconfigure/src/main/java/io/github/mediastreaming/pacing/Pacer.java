package io.github.mediastreaming.pacing;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

/**
 * Paces a stream of buffers by a {@link PacingPlan}: use as
 * {@code DataBufferUtils.read(...).transform(Pacer.pace(plan, Schedulers.parallel()))}.
 * <p>
 * Behaviour, for a plan with limit 1,000 B/s and a 3,000-byte boost, and a source of 1,000-byte
 * buffers: buffers 1 to 3 go out at once (the boost), buffer 4 one second after the first byte,
 * buffer 5 after two seconds, and so on. Each buffer's due time is computed from the number of bytes
 * before it ({@link PacingPlan#dueNanos(long)}), not as a sleep after the previous one, so a late
 * timer or a slow source never shifts the buffers after it.
 * <ul>
 * <li>Backpressure: one buffer at a time is requested from the source, only while the downstream has
 * demand and no buffer is held, so at most one buffer is held per stream whatever the client's
 * speed.</li>
 * <li>Slow client: when the stream falls behind its schedule by more than
 * {@link PacingPlan#maxBurstNanos()} (the client or the source was slower than the limit), the
 * schedule moves later so that the client may catch up by at most {@link PacingPlan#maxBurstBytes()}
 * (plus the buffer in hand) once it speeds up, instead of a burst of everything it missed.</li>
 * <li>Cancel and error: the held buffer is released with {@link DataBufferUtils#release} and the
 * pending timer is disposed; an upstream error is propagated at once, without waiting for the held
 * buffer's due time. A completing source completes the output after its last buffer went out. The
 * operator releases the buffers itself: do not also install a discard hook that releases them.</li>
 * <li>Cost: one timer task on the scheduler per delayed buffer, no thread per stream, no per-byte
 * work.</li>
 * </ul>
 * The scheduler's {@code now(NANOSECONDS)} must agree with its timers, which holds for Reactor's
 * schedulers ({@code System.nanoTime}) and for reactor-test's {@code VirtualTimeScheduler}.
 */
public final class Pacer {

	private Pacer() {
	}

	/**
	 * Return a function that paces a {@code Flux<DataBuffer>} by the given plan.
	 * @param <B> the buffer type ({@code DataBuffer} or a subtype)
	 * @param plan the pacing plan; {@link PacingPlan#unpaced()} returns the flux unchanged
	 * @param scheduler where the timers run, e.g. {@code Schedulers.parallel()}
	 * @return the function for {@link Flux#transform(Function)}
	 */
	public static <B extends DataBuffer> Function<Flux<B>, Flux<B>> pace(PacingPlan plan, Scheduler scheduler) {
		return pace(plan, scheduler, PacingListener.NONE);
	}

	/**
	 * Return a function that paces a {@code Flux<DataBuffer>} by the given plan and reports to a
	 * listener.
	 * @param <B> the buffer type ({@code DataBuffer} or a subtype)
	 * @param plan the pacing plan
	 * @param scheduler where the timers run, e.g. {@code Schedulers.parallel()}
	 * @param listener observer of every subscription to the paced flux
	 * @return the function for {@link Flux#transform(Function)}
	 */
	public static <B extends DataBuffer> Function<Flux<B>, Flux<B>> pace(PacingPlan plan, Scheduler scheduler,
			PacingListener listener) {
		return pace(plan, scheduler, listener, DataBuffer::readableByteCount, DataBufferUtils::release);
	}

	/**
	 * Return a function that paces a flux of any items that stand for a number of bytes, for example
	 * pieces of a file sent with zero-copy {@code sendFile} when each piece is sent as it is emitted.
	 * @param <T> the item type
	 * @param plan the pacing plan
	 * @param scheduler where the timers run
	 * @param listener observer of every subscription to the paced flux
	 * @param sizeBytes how many bytes an item stands for
	 * @param release what to do with an item the operator drops on cancel or error
	 * @return the function for {@link Flux#transform(Function)}
	 */
	public static <T> Function<Flux<T>, Flux<T>> pace(PacingPlan plan, Scheduler scheduler, PacingListener listener,
			ToLongFunction<? super T> sizeBytes, Consumer<? super T> release) {
		return pace(plan, scheduler, listener, sizeBytes, release, null);
	}

	/**
	 * Return a function that paces a flux by a plan and, on top, by a share of a server-wide
	 * {@link BandwidthBudget}: an item goes out when it is due and the budget has granted its bytes.
	 * @param <T> the item type
	 * @param plan the pacing plan ({@link PacingPlan#unpaced()} to be limited by the budget alone)
	 * @param scheduler where the timers run
	 * @param listener observer of every subscription to the paced flux
	 * @param sizeBytes how many bytes an item stands for
	 * @param release what to do with an item the operator drops on cancel or error
	 * @param budget the server-wide budget, {@code null} for none
	 * @return the function for {@link Flux#transform(Function)}
	 */
	public static <T> Function<Flux<T>, Flux<T>> pace(PacingPlan plan, Scheduler scheduler, PacingListener listener,
			ToLongFunction<? super T> sizeBytes, Consumer<? super T> release, @Nullable BandwidthBudget budget) {
		if (plan.isUnpaced() && listener == PacingListener.NONE && budget == null) {
			return Function.identity();
		}
		Function<? super Publisher<T>, ? extends Publisher<T>> lift = Operators
			.lift((scannable, actual) -> new PacingSubscriber<T>(actual, plan, scheduler, listener, sizeBytes,
					release, budget));
		return (flux) -> Flux.from(lift.apply(flux));
	}

}
