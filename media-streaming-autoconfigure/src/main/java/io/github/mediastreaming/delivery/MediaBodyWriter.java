package io.github.mediastreaming.delivery;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.ContentCursor;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.bytes.SourceChangedException;
import io.github.mediastreaming.index.FileProblemLog;
import io.github.mediastreaming.pacing.BandwidthBudget;
import io.github.mediastreaming.pacing.Pacer;
import io.github.mediastreaming.pacing.PacingListener;
import io.github.mediastreaming.pacing.PacingPlan;
import io.github.mediastreaming.pacing.PacingState;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.source.MediaStoreBusyException;
import io.github.mediastreaming.bytes.MediaStoreException;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamOutcome;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.stream.StreamRequest;
import io.github.mediastreaming.stream.StreamState;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Turns a {@link MediaBody} plan into bytes on the wire, as one tracked stream, by the cheapest path the
 * connection allows:
 * <ol>
 * <li>over plain HTTP/1.1 on Reactor Netty, a body from a local file goes straight to the connection
 * from its event loop ({@link RegionSender}): file regions with zero-copy {@code sendfile}, paced by the
 * event loop's {@link PacingWheel} with no thread hop and no user-space copy, small bodies too (a 1 KiB
 * probe cost 115 µs of server CPU this way against 179 µs read into a buffer, docs/benchmarks.md);</li>
 * <li>where file regions cannot go (TLS, HTTP/2), a small body of a local file that needs no pacing (up
 * to {@link DeliverySettings#smallBodyBytes()}, such as a player's 1 KiB probe) is read into one buffer
 * and goes out with the headers in a single write;</li>
 * <li>anything else (TLS, HTTP/2, compression, a store that is not a local file, another server) is a
 * flux of {@link DataBuffer}s read (or, for generated parts, produced) on demand and paced by the
 * {@link Pacer} operator.</li>
 * </ol>
 * Every buffer is released and the file closed however the stream ends, and the stream leaves the
 * {@link StreamRegistry} exactly once, with its outcome: completed, cancelled (the client hung up),
 * timed out (it took nothing for the send timeout) or failed (the file changed under the response;
 * logged in one line, and the connection is closed so the client sees a broken response).
 */
public final class MediaBodyWriter {

	private static final FileProblemLog problems = new FileProblemLog(MediaBodyWriter.class);

	private static final int UNPACED_BUFFER_SIZE = 64 * 1024;

	private static final int MIN_PACED_BUFFER_SIZE = 8 * 1024;

	private final StreamRegistry registry;

	private final Scheduler pacingScheduler;

	private final Scheduler blockingScheduler;

	private final DeliverySettings settings;

	private final @Nullable BandwidthBudget budget;

	/**
	 * Create a writer without a server-wide bandwidth cap.
	 * @param registry where streams are tracked
	 * @param pacingScheduler where the flux path's pacing timers run
	 * @param blockingScheduler where blocking reads run
	 * @param settings how bodies are sent
	 */
	public MediaBodyWriter(StreamRegistry registry, Scheduler pacingScheduler, Scheduler blockingScheduler,
			DeliverySettings settings) {
		this(registry, pacingScheduler, blockingScheduler, settings, null);
	}

	/**
	 * Create a writer.
	 * @param registry where streams are tracked
	 * @param pacingScheduler where the flux path's pacing timers run
	 * @param blockingScheduler where blocking reads run
	 * @param settings how bodies are sent
	 * @param budget the server-wide bandwidth cap every body shares, {@code null} for none
	 */
	public MediaBodyWriter(StreamRegistry registry, Scheduler pacingScheduler, Scheduler blockingScheduler,
			DeliverySettings settings, @Nullable BandwidthBudget budget) {
		this.registry = registry;
		this.pacingScheduler = pacingScheduler;
		this.blockingScheduler = blockingScheduler;
		this.settings = settings;
		this.budget = budget;
	}

	/**
	 * Return an inserter that streams a body. It opens the file when the body is written (and closes it
	 * however the stream ends), so a response that is never written holds nothing; a file that vanished
	 * since it was found gets a 404 problem instead of the body.
	 * @param store where the file is
	 * @param file the file
	 * @param body the plan
	 * @param plan the pacing plan, {@code null} to send unpaced
	 * @param request what the stream is, for the registry
	 * @param startNanos when the request arrived
	 * @return the inserter
	 */
	public BodyInserter<MediaBody, ReactiveHttpOutputMessage> inserter(MediaStore store, MediaFile file,
			MediaBody body, @Nullable PacingPlan plan, StreamRequest request, long startNanos) {
		boolean inline = store.opensWithoutBlocking();
		return new BodyInserter<>() {
			@Override
			public Mono<Void> insert(ReactiveHttpOutputMessage message, Context context) {
				Mono<Optional<MediaSource>> opened;
				if (inline) {
					opened = Mono.fromCallable(() -> open(store, file));
				}
				else {
					// A source the store opens after the client hung up is discarded (not a callable, whose
					// late value Reactor drops without a discard), and closed.
					opened = Mono.defer(() -> Mono.just(open(store, file)))
						.subscribeOn(MediaBodyWriter.this.blockingScheduler);
					if (message instanceof ServerHttpResponse response) {
						// Back on the connection's loop before anything is written: Reactor Netty can lose
						// the next keep-alive request after an exchange that ended on another thread.
						opened = ConnectionLoop.deliverOnLoop(opened, response);
					}
					opened = opened.doOnDiscard(Optional.class, MediaBodyWriter::closeDiscarded);
				}
				return opened.flatMap((source) -> source.isPresent()
						? stream(message, context, file, source.get(), body, plan, request, startNanos)
						: vanished(message, context, request))
					.onErrorResume(MediaStoreException.class, (ex) -> (message instanceof ServerHttpResponse response)
							? ConnectionLoop.onLoop(response, () -> storeFailed(ex, message, context, file, request))
							: storeFailed(ex, message, context, file, request));
			}
		};
	}

	private Mono<Void> stream(ReactiveHttpOutputMessage message, BodyInserter.Context context, MediaFile file,
			MediaSource source, MediaBody body, @Nullable PacingPlan plan, StreamRequest request, long startNanos) {
		return Mono.defer(() -> {
			ActiveStream stream = this.registry.tryOpen(request, startNanos);
			if (stream == null) {
				closeQuietly(source);
				return tooManyStreams(message, context, request);
			}
			AtomicReference<StreamOutcome> outcome = new AtomicReference<>();
			// A region sender closes the source itself, once no region of it is in flight.
			boolean[] senderCloses = new boolean[1];
			return write(message, source, body, plan, stream, senderCloses, outcome)
				.doOnError((ex) -> outcome.compareAndSet(null, outcomeOf(ex)))
				.doFinally((signal) -> {
					if (!senderCloses[0]) {
						closeQuietly(source);
					}
					outcome.compareAndSet(null, (signal == SignalType.ON_COMPLETE) ? StreamOutcome.COMPLETED
							: StreamOutcome.CANCELLED);
					this.registry.close(stream, outcome.get());
				})
				.onErrorResume((ex) -> handled(ex, message, file, request));
		});
	}

	private static void closeDiscarded(Optional<?> opened) {
		opened.ifPresent((source) -> closeQuietly((MediaSource) source));
	}

	private static Optional<MediaSource> open(MediaStore store, MediaFile file) {
		try {
			return Optional.of(store.open(file));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** The file could not be opened any more (deleted since it was found): a 404 problem, not the body. */
	private static Mono<Void> vanished(ReactiveHttpOutputMessage message, BodyInserter.Context context,
			StreamRequest request) {
		return problemInstead(message, context, request, HttpStatus.NOT_FOUND, "No such media file");
	}

	/** The client already has as many streams as it may: a 429 problem with Retry-After, not the body. */
	private Mono<Void> tooManyStreams(ReactiveHttpOutputMessage message, BodyInserter.Context context,
			StreamRequest request) {
		Mono<Void> problem = problemInstead(message, context, request, HttpStatus.TOO_MANY_REQUESTS,
				"This client already receives " + this.registry.perClientLimit() + " streams; retry when one ends");
		message.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
		return problem;
	}

	/** Answer with a problem in place of the body the headers announced: nothing is committed yet. */
	private static Mono<Void> problemInstead(ReactiveHttpOutputMessage message, BodyInserter.Context context,
			StreamRequest request, HttpStatus status, String detail) {
		if (message instanceof ServerHttpResponse response) {
			response.setStatusCode(status);
		}
		message.getHeaders().clear();
		message.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(request.path()));
		return BodyInserters.fromValue(problem).insert(message, context);
	}

	/**
	 * The store failed or throttled before the first body byte (a remote store's first GET): the same
	 * problem the handler answers when finding the file fails, a 502, or a 503 with Retry-After. Once the
	 * body has begun, the connection is closed instead, so the client sees it break off.
	 */
	private static Mono<Void> storeFailed(MediaStoreException ex, ReactiveHttpOutputMessage message,
			BodyInserter.Context context, MediaFile file, StreamRequest request) {
		if (message.isCommitted() || !(message instanceof ServerHttpResponse response)) {
			return Mono.error(ex);
		}
		HttpStatus status = (ex instanceof MediaStoreBusyException) ? HttpStatus.SERVICE_UNAVAILABLE
				: HttpStatus.BAD_GATEWAY;
		response.setStatusCode(status);
		message.getHeaders().clear();
		message.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		ProblemDetail problem;
		if (ex instanceof MediaStoreBusyException busy) {
			long seconds = Math.max(1, (busy.retryAfter().toMillis() + 999) / 1000);
			message.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			problem = ProblemDetail.forStatusAndDetail(status, "The media store is busy; retry shortly");
		}
		else {
			problems.warn(file.version(), "store", "The media store failed to send " + request.path() + ": "
					+ ex.getMessage(), ex.getCause());
			problem = ProblemDetail.forStatusAndDetail(status, "The media store could not be reached");
		}
		problem.setInstance(URI.create(request.path()));
		return BodyInserters.fromValue(problem).insert(message, context);
	}

	private Mono<Void> write(ReactiveHttpOutputMessage message, MediaSource source, MediaBody body,
			@Nullable PacingPlan plan, ActiveStream stream, boolean[] senderCloses,
			AtomicReference<StreamOutcome> outcome) {
		long length = body.length();
		FileChannel file = source.fileChannel();
		HttpServerResponse connection = (file != null) ? regionCapable(message) : null;
		if (file != null && connection == null && this.budget == null && length <= this.settings.smallBodyBytes()
				&& (plan == null || length <= plan.boostBytes())) {
			// A few kilobytes of a local file where regions cannot go: read on the event loop (a page-cache copy)
			// and sent in one write. Where they can, sendfile costs less even for a 1 KiB probe.
			Mono<DataBuffer> whole = Mono.fromCallable(() -> readWhole(source, body, message.bufferFactory()));
			return message.writeWith(whole.doOnNext((buffer) -> stream.sent(length, System.nanoTime())));
		}
		if (connection != null && file != null) {
			Channel channel = channelOf(connection);
			RegionSender sender = new RegionSender(channel, source, file, body, plan, this.settings, stream,
					this.budget);
			// Commit status and headers onto the Netty response, have Reactor Netty write them, then send. The
			// sender owns the source only once it starts: if the connection is gone before the headers are
			// written, it never does, and the source is closed here.
			return message.setComplete().then(Mono.defer(() -> connection.then(Mono.defer(() -> {
				senderCloses[0] = true;
				return sender.send();
			})).then()));
		}
		int bufferSize = (plan != null) ? pacedBufferSize(plan) : UNPACED_BUFFER_SIZE;
		Flux<DataBuffer> buffers = read(source, body, message.bufferFactory(), bufferSize,
				(plan != null) ? plan.limitBytesPerSecond() : 0);
		if (plan != null || this.budget != null) {
			buffers = buffers.transform(Pacer.pace((plan != null) ? plan : PacingPlan.unpaced(), this.pacingScheduler,
					(plan != null) ? new StreamPacingListener(stream) : PacingListener.NONE, DataBuffer::readableByteCount,
					DataBufferUtils::release, this.budget));
		}
		// The body's own signals say how it ended: Reactor Netty completes the write when the client goes
		// away, so the write's signal cannot tell a hang-up from the last byte.
		Mono<Void> written = message.writeWith(buffers.doOnNext((buffer) -> stream.sent(buffer.readableByteCount(), System.nanoTime()))
			.doOnComplete(() -> outcome.compareAndSet(null, StreamOutcome.COMPLETED))
			.doOnCancel(() -> outcome.compareAndSet(null, StreamOutcome.CANCELLED))
			.doOnDiscard(DataBuffer.class, DataBufferUtils::release));
		HttpServerResponse netty = nettyResponse(message);
		if (netty == null) {
			return written;
		}
		// Reactor Netty has no send timeout: a client that stops taking bytes would hold the stream forever.
		return Mono.using(() -> StalledChannelWatch.start(channelOf(netty), this.settings.sendTimeout(),
				() -> outcome.compareAndSet(null, StreamOutcome.TIMED_OUT)), (watch) -> written,
				StalledChannelWatch::stop);
	}

	/**
	 * Read a body as buffers, lazily: each file region is read on demand when reached.
	 * @param source the file's bytes
	 * @param body the plan
	 * @param factory the buffer factory
	 * @param bufferSize the size of each read
	 * @param bytesPerSecond the paced rate, 0 when unpaced (a remote source sizes its read-ahead by it)
	 * @return the buffers
	 */
	Flux<DataBuffer> read(MediaSource source, MediaBody body, DataBufferFactory factory, int bufferSize,
			long bytesPerSecond) {
		List<Publisher<DataBuffer>> parts = new ArrayList<>(body.parts().size());
		for (BodyPart part : body.parts()) {
			if (part instanceof BodyPart.Bytes bytes) {
				parts.add(Mono.fromSupplier(() -> factory.wrap(bytes.content())));
			}
			else if (part instanceof BodyPart.FileRegion region) {
				parts.add(Flux.defer(() -> source.stream(region.offset(), region.length(), factory, bufferSize,
						bytesPerSecond, this.blockingScheduler)));
			}
			else if (part instanceof BodyPart.Generated generated) {
				parts.add(generate(generated, factory, bufferSize));
			}
		}
		return Flux.concat(parts);
	}

	/**
	 * Produce a generated part a buffer at a time, one buffer per request from downstream: the content is
	 * never whole in memory, and a cancelled response stops producing it. Each buffer is filled before it
	 * is emitted, so nothing is held between requests; what downstream drops, the writer releases.
	 * @param part the part
	 * @param factory the buffer factory
	 * @param bufferSize the most bytes a buffer holds
	 * @return the buffers, {@code part.length()} bytes in all
	 */
	static Flux<DataBuffer> generate(BodyPart.Generated part, DataBufferFactory factory, int bufferSize) {
		return Flux.generate(() -> new Generation(part.content().open(part.offset()), part.length()), (state, sink) -> {
			int size = (int) Math.min(bufferSize, state.remaining);
			DataBuffer buffer = factory.allocateBuffer(size);
			try {
				int filled = fill(buffer, state.cursor, size);
				if (filled < size) {
					throw new IllegalStateException(
							"Generated content ended " + (state.remaining - filled) + " bytes before its length");
				}
				state.remaining -= size;
				sink.next(buffer);
				if (state.remaining == 0) {
					sink.complete();
				}
			}
			catch (RuntimeException ex) {
				DataBufferUtils.release(buffer);
				sink.error(ex);
			}
			return state;
		});
	}

	/** Fill a buffer with the next {@code size} bytes of generated content; return how many there were. */
	private static int fill(DataBuffer buffer, ContentCursor cursor, int size) {
		int filled = 0;
		try (DataBuffer.ByteBufferIterator writable = buffer.writableByteBuffers()) {
			while (filled < size && writable.hasNext()) {
				ByteBuffer target = writable.next();
				target.limit(target.position() + Math.min(target.remaining(), size - filled));
				filled += RegionSender.fill(target, cursor);
				if (target.hasRemaining()) {
					break;
				}
			}
		}
		buffer.writePosition(buffer.writePosition() + filled);
		return filled;
	}

	/** A generated part's cursor and how many of its bytes are still to come. */
	private static final class Generation {

		private final ContentCursor cursor;

		private long remaining;

		Generation(ContentCursor cursor, long remaining) {
			this.cursor = cursor;
			this.remaining = remaining;
		}

	}

	private static DataBuffer readWhole(MediaSource source, MediaBody body, DataBufferFactory factory)
			throws IOException {
		DataBuffer buffer = factory.allocateBuffer((int) body.length());
		try {
			for (BodyPart part : body.parts()) {
				if (part instanceof BodyPart.Bytes bytes) {
					buffer.write(bytes.content());
				}
				else if (part instanceof BodyPart.FileRegion region) {
					byte[] bytes = source.read(region.offset(), (int) region.length());
					if (bytes.length < region.length()) {
						throw new SourceChangedException(bytes.length, region.length());
					}
					buffer.write(bytes);
				}
				else if (part instanceof BodyPart.Generated generated
						&& fill(buffer, generated.content().open(generated.offset()), (int) generated.length()) < generated.length()) {
					throw new IllegalStateException("Generated content ended before its length");
				}
			}
			return buffer;
		}
		catch (IOException | RuntimeException ex) {
			DataBufferUtils.release(buffer);
			throw ex;
		}
	}

	/** About eight buffers a second at the paced rate: few timers, yet smooth delivery. */
	static int pacedBufferSize(PacingPlan plan) {
		long perEighth = Math.max(1, plan.limitBytesPerSecond() / 8);
		return (int) Math.max(MIN_PACED_BUFFER_SIZE, Math.min(UNPACED_BUFFER_SIZE, Long.highestOneBit(perEighth)));
	}

	/**
	 * Return the Reactor Netty response when its connection can take file regions: plain HTTP/1.1, no
	 * TLS (regions bypass encryption), no compression, not an HTTP/2 stream.
	 */
	private static @Nullable HttpServerResponse regionCapable(ReactiveHttpOutputMessage message) {
		HttpServerResponse netty = nettyResponse(message);
		if (netty == null) {
			return null;
		}
		Channel channel = channelOf(netty);
		ChannelPipeline pipeline = channel.pipeline();
		// An HTTP/2 stream is a child channel of the connection, which carries the multiplex handler.
		Channel parent = channel.parent();
		boolean http2 = parent != null && parent.pipeline().get(NettyPipeline.H2MultiplexHandler) != null;
		return (!http2 && pipeline.get(SslHandler.class) == null
				&& pipeline.get(NettyPipeline.CompressionHandler) == null) ? netty : null;
	}

	/** Return the Reactor Netty response behind a message, {@code null} on another server. */
	private static @Nullable HttpServerResponse nettyResponse(ReactiveHttpOutputMessage message) {
		if (!(message instanceof ServerHttpResponse response)) {
			return null;
		}
		try {
			return (ServerHttpResponseDecorator.getNativeResponse(response) instanceof HttpServerResponse netty) ? netty
					: null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Channel channelOf(HttpServerResponse response) {
		Connection[] connection = new Connection[1];
		response.withConnection((c) -> connection[0] = c);
		return connection[0].channel();
	}

	private static StreamOutcome outcomeOf(Throwable ex) {
		if (ex instanceof RegionSender.SendTimeoutException) {
			return StreamOutcome.TIMED_OUT;
		}
		if (ex instanceof SourceChangedException || !isHangUp(ex)) {
			return StreamOutcome.FAILED;
		}
		return StreamOutcome.CANCELLED;
	}

	/**
	 * Swallow what the connection's end already says: a hang-up or a timeout needs no more, and a file
	 * that changed under the response gets one log line and a closed connection (the client sees the
	 * body break off). Anything else is a bug, left to the framework.
	 */
	private Mono<Void> handled(Throwable ex, ReactiveHttpOutputMessage message, MediaFile file,
			StreamRequest request) {
		if (ex instanceof SourceChangedException) {
			problems.warn(file.version(), "changed", "Closed a connection of " + request.path() + ": " + ex.getMessage(),
					null);
			HttpServerResponse connection = nettyResponse(message);
			if (connection != null) {
				// The client sees the body break off, not a complete response of the wrong length.
				channelOf(connection).close();
				return Mono.empty();
			}
			return Mono.error(ex);
		}
		return (ex instanceof RegionSender.SendTimeoutException || isHangUp(ex)) ? Mono.empty() : Mono.error(ex);
	}

	/** A client that goes away mid-write is not a server failure. */
	private static boolean isHangUp(Throwable ex) {
		return ex instanceof AbortedException || ex instanceof RegionSender.ClientGoneException
				|| (ex instanceof IOException && !(ex instanceof SourceChangedException));
	}

	private static void closeQuietly(MediaSource source) {
		try {
			source.close();
		}
		catch (IOException ex) {
			// Nothing more to read from it either way.
		}
	}

	/** Feeds what the pacer sees into the stream's state and totals. */
	private static final class StreamPacingListener implements PacingListener {

		private final ActiveStream stream;

		StreamPacingListener(ActiveStream stream) {
			this.stream = stream;
		}

		@Override
		public void onBufferEmitted(long sizeBytes, long pacerWaitNanos, long demandWaitNanos) {
			this.stream.waited(pacerWaitNanos, demandWaitNanos);
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
