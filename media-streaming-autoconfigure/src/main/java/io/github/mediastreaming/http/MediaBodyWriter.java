package io.github.mediastreaming.http;

import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.pacing.Pacer;
import io.github.mediastreaming.pacing.PacingListener;
import io.github.mediastreaming.pacing.PacingPlan;
import io.github.mediastreaming.pacing.PacingState;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamOutcome;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.stream.StreamRequest;
import io.github.mediastreaming.stream.StreamState;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.netty.channel.AbortedException;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;

/**
 * Turns a {@link MediaBody} plan into bytes on the wire, as one tracked stream. A body that is one
 * region of the file and is not paced goes out zero-copy ({@code sendfile} through Reactor Netty);
 * anything else becomes a flux of {@link DataBuffer}s read on demand, so neither a slow nor a paced
 * client makes the server read ahead. Every buffer is released and the file closed however the stream
 * ends, and the stream leaves the {@link StreamRegistry} exactly once.
 */
public final class MediaBodyWriter {

	private static final int UNPACED_BUFFER_SIZE = 64 * 1024;

	private static final int MIN_PACED_BUFFER_SIZE = 8 * 1024;

	private final StreamRegistry registry;

	private final Scheduler pacingScheduler;

	/**
	 * Create a writer.
	 * @param registry where streams are tracked
	 * @param pacingScheduler the scheduler pacing timers run on
	 */
	public MediaBodyWriter(StreamRegistry registry, Scheduler pacingScheduler) {
		this.registry = registry;
		this.pacingScheduler = pacingScheduler;
	}

	/**
	 * Return an inserter that streams a body.
	 * @param file the file the body's regions refer to
	 * @param body the plan
	 * @param plan the pacing plan, {@code null} to send unpaced
	 * @param request what the stream is, for the registry
	 * @param startNanos when the request arrived
	 * @return the inserter
	 */
	BodyInserter<MediaBody, ReactiveHttpOutputMessage> inserter(Path file, MediaBody body, @Nullable PacingPlan plan,
			StreamRequest request, long startNanos) {
		return new BodyInserter<>() {
			@Override
			public Mono<Void> insert(ReactiveHttpOutputMessage message, Context context) {
				return Mono.defer(() -> {
					ActiveStream stream = MediaBodyWriter.this.registry.open(request, startNanos);
					// The body's own signals say how it ended: Reactor Netty completes the write when the
					// client goes away, so the write's signal cannot tell a hang-up from the last byte.
					AtomicReference<StreamOutcome> outcome = new AtomicReference<>();
					return write(message, file, body, plan, stream, outcome)
						.doOnError((ex) -> outcome.compareAndSet(null,
								isHangUp(ex) ? StreamOutcome.CANCELLED : StreamOutcome.FAILED))
						.doFinally((signal) -> {
							outcome.compareAndSet(null, (signal == SignalType.ON_COMPLETE) ? StreamOutcome.COMPLETED
									: StreamOutcome.CANCELLED);
							MediaBodyWriter.this.registry.close(stream, outcome.get());
						})
						.onErrorResume(MediaBodyWriter::isHangUp, (ex) -> Mono.empty());
				});
			}
		};
	}

	private Mono<Void> write(ReactiveHttpOutputMessage message, Path file, MediaBody body, @Nullable PacingPlan plan,
			ActiveStream stream, AtomicReference<StreamOutcome> outcome) {
		if (plan == null && body.parts().size() == 1 && body.parts().get(0) instanceof BodyPart.FileRegion region
				&& message instanceof ZeroCopyHttpOutputMessage zeroCopy) {
			return zeroCopy.writeWith(file, region.offset(), region.length())
				.doOnSuccess((done) -> stream.sent(region.length(), System.nanoTime()));
		}
		int bufferSize = (plan != null) ? pacedBufferSize(plan) : UNPACED_BUFFER_SIZE;
		Flux<DataBuffer> buffers = read(file, body, message.bufferFactory(), bufferSize);
		if (plan != null) {
			buffers = buffers.transform(Pacer.pace(plan, this.pacingScheduler, new StreamPacingListener(stream)));
		}
		return message.writeWith(buffers.doOnNext((buffer) -> stream.sent(buffer.readableByteCount(), System.nanoTime()))
			.doOnComplete(() -> outcome.compareAndSet(null, StreamOutcome.COMPLETED))
			.doOnCancel(() -> outcome.compareAndSet(null, StreamOutcome.CANCELLED))
			.doOnDiscard(DataBuffer.class, DataBufferUtils::release));
	}

	/**
	 * Read a body as buffers, lazily: each file region opens its channel when reached and closes it on
	 * completion, error or cancel.
	 * @param file the file the body's regions refer to
	 * @param body the plan
	 * @param factory the buffer factory
	 * @param bufferSize the size of each read
	 * @return the buffers
	 */
	static Flux<DataBuffer> read(Path file, MediaBody body, DataBufferFactory factory, int bufferSize) {
		List<Publisher<DataBuffer>> parts = new ArrayList<>(body.parts().size());
		for (BodyPart part : body.parts()) {
			if (part instanceof BodyPart.Bytes bytes) {
				parts.add(Mono.fromSupplier(() -> factory.wrap(bytes.content())));
			}
			else if (part instanceof BodyPart.FileRegion region) {
				parts.add(requireLength(DataBufferUtils.takeUntilByteCount(DataBufferUtils.readAsynchronousFileChannel(
						() -> AsynchronousFileChannel.open(file, StandardOpenOption.READ), region.offset(), factory,
						bufferSize), region.length()), region.length()));
			}
		}
		return Flux.concat(parts);
	}

	/**
	 * Fail a region that ends early (the file was truncated or replaced while being sent): the response
	 * has promised its length, so it must break off visibly rather than end short as if complete.
	 */
	private static Flux<DataBuffer> requireLength(Flux<DataBuffer> region, long length) {
		return Flux.defer(() -> {
			long[] read = new long[1];
			return region.doOnNext((buffer) -> read[0] += buffer.readableByteCount())
				.concatWith(Mono.defer(() -> (read[0] < length)
						? Mono.error(new FileChangedException(read[0], length)) : Mono.empty()));
		});
	}

	/** About eight buffers a second at the paced rate: few timers, yet smooth delivery. */
	static int pacedBufferSize(PacingPlan plan) {
		long perEighth = Math.max(1, plan.limitBytesPerSecond() / 8);
		return (int) Math.max(MIN_PACED_BUFFER_SIZE, Math.min(UNPACED_BUFFER_SIZE, Long.highestOneBit(perEighth)));
	}

	/** A client that goes away mid-write is not a server failure. */
	private static boolean isHangUp(Throwable ex) {
		return ex instanceof AbortedException || ex instanceof IOException;
	}

	/** A file region that ended before its length: the file changed during the response. */
	static final class FileChangedException extends IllegalStateException {

		FileChangedException(long read, long expected) {
			super("The file ended after " + read + " of " + expected + " bytes of a region; it changed while being sent");
		}

	}

	/** Feeds what the pacer sees into the stream's state and the registry's listeners. */
	private final class StreamPacingListener implements PacingListener {

		private final ActiveStream stream;

		StreamPacingListener(ActiveStream stream) {
			this.stream = stream;
		}

		@Override
		public void onBufferEmitted(long sizeBytes, long pacerWaitNanos, long demandWaitNanos) {
			if (pacerWaitNanos > 0 || demandWaitNanos > 0) {
				MediaBodyWriter.this.registry.waited(this.stream, pacerWaitNanos, demandWaitNanos);
			}
		}

		@Override
		public void onStateChange(PacingState state) {
			this.stream.state(switch (state) {
				case BOOSTING -> StreamState.BOOSTING;
				case PACED -> StreamState.PACED;
				case CLIENT_BOUND -> StreamState.CLIENT_BOUND;
			});
		}

	}

}
