package io.github.mediastreaming.http;

import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.delivery.ConnectionLoop;
import io.github.mediastreaming.delivery.MediaBodyWriter;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.FileProblemLog;
import io.github.mediastreaming.index.IndexResult;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;
import io.github.mediastreaming.pacing.PacingParameters;
import io.github.mediastreaming.pacing.PacingPlan;
import io.github.mediastreaming.pacing.PacingPolicy;
import io.github.mediastreaming.pacing.PacingRequest;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.source.MediaStoreBusyException;
import io.github.mediastreaming.bytes.MediaStoreException;
import io.github.mediastreaming.stream.StreamKind;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.stream.StreamRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves {@code GET} and {@code HEAD} of media files as one linear pipeline over one request context
 * ({@link MediaExchange}): check the path ({@link MediaPaths}), find the file ({@link MediaStore}),
 * check the seek parameters against the format's unit before any I/O ({@link SeekQuery}), evaluate the
 * preconditions ({@link Validators}), decide the pacing ({@link PacingPolicy}), index the file only when
 * the response needs it (a seek, a reordering, pacing; never for a 304 or a plain HEAD), plan the
 * document ({@link BodyPlanner}), apply the range ({@link RangeSelection}), then hand the body to the
 * {@link MediaBodyWriter}. Every answer is counted; a failure the pipeline did not expect is a 500
 * problem without its cause (logged), never a stack trace to the client.
 */
public final class MediaHandler {

	private static final Log logger = LogFactory.getLog(MediaHandler.class);

	private static final FileProblemLog problems = new FileProblemLog(MediaHandler.class);

	private static final long STORE_FAILURE_LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

	private final AtomicLong lastStoreFailureLog = new AtomicLong(System.nanoTime() - STORE_FAILURE_LOG_INTERVAL_NANOS);

	private final MediaStore store;

	private final MediaIndexService indexService;

	private final PacingPolicy pacingPolicy;

	private final StreamingOptions options;

	private final MediaBodyWriter writer;

	private final StreamRegistry registry;

	private final BodyPlanner planner;

	private final Scheduler blocking;

	private final String prefix;

	/**
	 * Create a handler.
	 * @param store where the files are
	 * @param indexService indexes files
	 * @param pacingPolicy decides each request's pacing parameters
	 * @param options the route settings
	 * @param writer streams response bodies
	 * @param registry where streams and answers are reported
	 * @param seekPlans recently built seek plans
	 * @param blocking where blocking work runs (a remote store's look-ups, seek builds)
	 */
	public MediaHandler(MediaStore store, MediaIndexService indexService, PacingPolicy pacingPolicy,
			StreamingOptions options, MediaBodyWriter writer, StreamRegistry registry, SeekPlanCache seekPlans,
			Scheduler blocking) {
		this.store = store;
		this.indexService = indexService;
		this.pacingPolicy = pacingPolicy;
		this.options = options;
		this.writer = writer;
		this.registry = registry;
		this.planner = new BodyPlanner(seekPlans, indexService, blocking, options.maxSeekBuilds());
		this.blocking = blocking;
		this.prefix = options.pathPrefix() + "/";
	}

	/**
	 * Handle a request.
	 * @param request the request
	 * @return the response
	 */
	public Mono<ServerResponse> serve(ServerRequest request) {
		MediaExchange exchange = new MediaExchange(request, System.nanoTime(),
				SeekQuery.from(request.queryParams(), this.options.flvTimeParameter()));
		return find(exchange).onErrorResume(MediaStoreException.class, (ex) -> storeFailed(ex, request))
			.onErrorResume((ex) -> {
				// A bug, not the client's fault: a problem without the cause (logged), counted like any answer.
				String message = "Answering " + request.method() + " " + request.requestPath().value() + " failed";
				MediaFile file = exchange.file;
				if (file != null) {
					problems.warn(file.version(), "answer", message, ex);
				}
				else {
					logger.warn(message, ex);
				}
				return MediaProblems.of(HttpStatus.INTERNAL_SERVER_ERROR, "The server could not answer this request",
						request);
			})
			// Counted by the status built here. The body writer may still turn an answer into a problem (a 404
			// for a file gone before it is opened, a 429 past the per-client limit, a 502 or 503 for a store that
			// fails its first read), which is then counted as the 2xx it was built as: counting at commit
			// instead cost 2-3 us of a small request's 44 (docs/benchmarks.md), for these rare races.
			.doOnNext((response) -> this.registry.answered(exchange.kind, exchange.format(),
					response.statusCode().value()))
			// An answer that waited for an index or a store ends its exchange on the connection's loop, or the
			// next request of a keep-alive connection may never be served (see ConnectionLoop).
			.transform((answer) -> ConnectionLoop.deliverOnLoop(answer, request.exchange().getResponse()));
	}

	/**
	 * Refuse a method other than GET and HEAD with a 405 problem, counted like any other answer of the
	 * media routes.
	 * @param request the request
	 * @return the response
	 */
	public Mono<ServerResponse> refuseMethod(ServerRequest request) {
		StreamKind kind = MediaExchange.kindOf(request,
				SeekQuery.from(request.queryParams(), this.options.flvTimeParameter()));
		return MediaProblems.methodNotAllowed(request)
			.doOnNext((response) -> this.registry.answered(kind, MediaFormat.UNKNOWN, response.statusCode().value()));
	}

	/**
	 * The store failed or throttled: the client learns that much, the log gets the cause, in one line at
	 * most every ten seconds (an outage fails every request).
	 */
	private Mono<ServerResponse> storeFailed(MediaStoreException ex, ServerRequest request) {
		if (ex instanceof MediaStoreBusyException busy) {
			return MediaProblems.busy("The media store is busy; retry shortly", busy.retryAfter(), request);
		}
		long now = System.nanoTime();
		long last = this.lastStoreFailureLog.get();
		if (now - last >= STORE_FAILURE_LOG_INTERVAL_NANOS && this.lastStoreFailureLog.compareAndSet(last, now)) {
			logger.warn("The media store failed to answer " + request.requestPath().value() + ": " + ex.getMessage()
					+ " (" + ex.getCause() + "); further failures within 10 s are not logged");
		}
		return MediaProblems.of(HttpStatus.BAD_GATEWAY, "The media store could not be reached", request);
	}

	/** Check the path and look the file up (on the event loop for a local store: a few system calls). */
	private Mono<ServerResponse> find(MediaExchange exchange) {
		String path = exchange.request.requestPath().pathWithinApplication().value();
		String below = MediaPaths.below(path, this.prefix);
		if (below == null) {
			return MediaProblems.notFound(exchange.request);
		}
		MediaPaths.Checked checked = MediaPaths.check(below);
		if (checked instanceof MediaPaths.Checked.Rejected rejected) {
			return MediaProblems.of(rejected.status(), rejected.detail(), exchange.request);
		}
		Mono<MediaFile> found = this.store.find(((MediaPaths.Checked.Safe) checked).path());
		if (!this.store.opensWithoutBlocking()) {
			found = found.subscribeOn(this.blocking);
		}
		return found.flatMap((file) -> {
			exchange.file = file;
			return validate(exchange);
		}).switchIfEmpty(Mono.defer(() -> MediaProblems.notFound(exchange.request)));
	}

	/**
	 * Check the seek's parameters against the format before any I/O, then the preconditions (after the
	 * seek itself is checked against the file, for a seek).
	 */
	private Mono<ServerResponse> validate(MediaExchange exchange) {
		MediaFile file = exchange.file();
		if (exchange.query.present()) {
			SeekUnit unit = file.format().seekUnit();
			if (unit == null) {
				return MediaProblems.of(HttpStatus.BAD_REQUEST,
						"Seeking is not supported for this file (" + file.format().id() + ")", exchange.request);
			}
			try {
				exchange.seek = exchange.query.toRequest(unit, this.options.exactStart());
			}
			catch (InvalidSeekException ex) {
				return MediaProblems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), exchange.request);
			}
		}
		boolean reorder = exchange.seek == null && file.format().reorders();
		exchange.validators = Validators.of(file,
				(exchange.seek != null) ? exchange.query.variant(exchange.seek) : (reorder ? "faststart" : ""));
		exchange.precondition = exchange.validators.evaluate(exchange.request.headers().asHttpHeaders());
		if (exchange.precondition == Validators.Precondition.PROCEED) {
			return pace(exchange, reorder);
		}
		HttpHeaders headers = exchange.request.headers().asHttpHeaders();
		if (exchange.seek != null && !exchange.validators.namedByIfNoneMatch(headers)) {
			// RFC 9110 section 13.2.1: preconditions count only for a request that would succeed without
			// them, and a seek past the end or on a file that cannot seek is a 400 whatever they say. So the
			// seek is checked against the file's index first (not planned: a revalidation needs no cut), and
			// the 304 or 412 given only if it is valid. A client naming the seek's own tag holds its document,
			// which proves it valid: a cache's revalidation costs nothing.
			return index(exchange, reorder);
		}
		return preconditionResponse(exchange);
	}

	/** The 304 or 412 the preconditions decided. */
	private Mono<ServerResponse> preconditionResponse(MediaExchange exchange) {
		Validators validators = exchange.validators();
		if (exchange.precondition == Validators.Precondition.NOT_MODIFIED) {
			return Mono.just(cacheControl(MediaResponse.status(HttpStatus.NOT_MODIFIED), exchange.request)
				.header(HttpHeaders.ETAG, validators.etag())
				.header(HttpHeaders.LAST_MODIFIED, HttpDates.format(validators.lastModified()))
				.build());
		}
		return MediaProblems.of(HttpStatus.PRECONDITION_FAILED,
				"The file does not match the request's If-Match or If-Unmodified-Since", exchange.request);
	}

	/** Decide the pacing of a response with a body; a HEAD has none. */
	private Mono<ServerResponse> pace(MediaExchange exchange, boolean reorder) {
		if (exchange.head) {
			exchange.pacing = PacingParameters.UNPACED;
			return index(exchange, reorder);
		}
		return exchange.request.principal().map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((principal) -> {
			exchange.pacing = this.pacingPolicy.parametersFor(new PacingRequest(exchange.request.requestPath().value(),
					exchange.format(), exchange.request.headers().asHttpHeaders(), principal.orElse(null),
					exchange.request.remoteAddress().orElse(null)));
			return index(exchange, reorder);
		});
	}

	/** Index the file when the response needs it: a seek, a reordering or pacing. */
	private Mono<ServerResponse> index(MediaExchange exchange, boolean reorder) {
		MediaFile file = exchange.file();
		MediaIndexReader reader = file.format().reader();
		if (reader == null || (exchange.seek == null && !reorder
				&& (!exchange.pacing.enabled() || unsatisfiable(exchange, file.sizeBytes())))) {
			return plan(exchange, reorder);
		}
		return this.indexService.index(file.version(), file.format().id(), reader, () -> this.store.open(file))
			.flatMap((result) -> {
				exchange.index = (result instanceof IndexResult.Indexed indexed) ? indexed.index() : null;
				return plan(exchange, reorder);
			});
	}

	/**
	 * Whether a document of a known length gets a 416: a plain request's document is the file as it is, so
	 * its 416 needs no index (the response has no body to pace).
	 */
	private static boolean unsatisfiable(MediaExchange exchange, long length) {
		return rangeOf(exchange, length) instanceof RangeSelection.Unsatisfiable;
	}

	/**
	 * Return the range a request selects of a document (its {@code If-Range} honoured), parsed once per
	 * document length: a paced plain request asks before its index (for a 416) and again when it answers.
	 */
	private static RangeSelection rangeOf(MediaExchange exchange, long length) {
		RangeSelection range = exchange.range;
		if (range == null || exchange.rangeLength != length) {
			HttpHeaders headers = exchange.request.headers().asHttpHeaders();
			range = exchange.validators().rangeAllowed(headers.getFirst(HttpHeaders.IF_RANGE))
					? RangeSelection.parse(headers.getFirst(HttpHeaders.RANGE), length) : RangeSelection.WHOLE;
			exchange.range = range;
			exchange.rangeLength = length;
		}
		return range;
	}

	/** Plan the document: the cut, the reordering or the file as it is. */
	private Mono<ServerResponse> plan(MediaExchange exchange, boolean reorder) {
		if (exchange.precondition != Validators.Precondition.PROCEED) {
			return checkedSeek(exchange);
		}
		return this.planner.plan(this.store, exchange.file(), exchange.seek, reorder, exchange.index)
			.flatMap((body) -> respond(exchange, body))
			.onErrorResume(InvalidSeekException.class,
					(ex) -> MediaProblems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), exchange.request))
			// A seek's plan opens the file: gone since it was found (deleted, replaced), it is a 404, as the body
			// writer answers a file it can no longer open.
			.onErrorResume(NoSuchFileException.class, (ex) -> MediaProblems.notFound(exchange.request))
			.onErrorResume(BodyPlanner.BusyException.class,
					(ex) -> MediaProblems.busy(ex.getMessage(), Duration.ofSeconds(1), exchange.request));
	}

	/** A seek whose preconditions decided its answer: its 304 or 412 if the file can serve it, else a 400. */
	private Mono<ServerResponse> checkedSeek(MediaExchange exchange) {
		SeekRequest seek = exchange.seek;
		if (seek == null) {
			return preconditionResponse(exchange);
		}
		try {
			BodyPlanner.canonical(exchange.file(), seek, exchange.index);
		}
		catch (InvalidSeekException ex) {
			return MediaProblems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), exchange.request);
		}
		return preconditionResponse(exchange);
	}

	/** Apply the range, write the headers, and hand the body to the writer. */
	private Mono<ServerResponse> respond(MediaExchange exchange, MediaBody body) {
		ServerRequest request = exchange.request;
		MediaFile file = exchange.file();
		Validators validators = exchange.validators();
		long total = body.length();
		RangeSelection range = rangeOf(exchange, total);
		if (range instanceof RangeSelection.Unsatisfiable) {
			return MediaProblems.rangeNotSatisfiable(total, request);
		}
		MediaResponse.Builder builder;
		MediaBody sent;
		if (range instanceof RangeSelection.Partial partial) {
			builder = MediaResponse.status(HttpStatus.PARTIAL_CONTENT)
				.header(HttpHeaders.CONTENT_RANGE, partial.contentRange(total));
			sent = body.slice(partial.start(), partial.length());
		}
		else {
			builder = MediaResponse.status(HttpStatus.OK);
			sent = body;
		}
		cacheControl(builder, request).header(HttpHeaders.ACCEPT_RANGES, "bytes")
			.header(HttpHeaders.ETAG, validators.etag())
			.header(HttpHeaders.LAST_MODIFIED, HttpDates.format(validators.lastModified()))
			.header(HttpHeaders.CONTENT_TYPE, file.contentType().toString())
			.header(HttpHeaders.CONTENT_LENGTH, Long.toString(sent.length()));
		if (exchange.head) {
			return Mono.just(builder.build());
		}
		InetSocketAddress remote = request.remoteAddress().orElse(null);
		String client = (remote != null) ? remote.getHostString() : null;
		if (this.registry.atLimit(client)) {
			// The writer decides for sure when the stream opens; this answers the common case with the
			// right status in the metrics.
			return MediaProblems.tooManyStreams(this.registry.perClientLimit(), request);
		}
		MediaIndex index = exchange.index;
		PacingPlan plan = (index != null) ? exchange.pacing.planFor(index, sent) : null;
		StreamRequest stream = new StreamRequest(request.requestPath().value(), file.format(), exchange.kind,
				client, exchange.query.shownStart(this.options.flvTimeParameter()), sent.length(),
				(plan != null) ? plan.limitBytesPerSecond() : 0, (plan != null) ? plan::mediaTimeUs : null);
		return Mono.just(builder.body(this.writer.inserter(this.store, file, sent, plan, stream, exchange.startNanos)));
	}

	private MediaResponse.Builder cacheControl(MediaResponse.Builder builder, ServerRequest request) {
		String value = this.options.cacheControl();
		if (request.attributes().get(SignedUrlFilter.SECONDS_LEFT_ATTRIBUTE) instanceof Long secondsLeft) {
			value = CacheFreshness.limit(value, secondsLeft);
		}
		return (value != null) ? builder.header(HttpHeaders.CACHE_CONTROL, value) : builder;
	}

	/**
	 * One request's state as the pipeline fills it in, step by step, on one thread at a time.
	 */
	private static final class MediaExchange {

		final ServerRequest request;

		final long startNanos;

		final SeekQuery query;

		final StreamKind kind;

		final boolean head;

		@Nullable MediaFile file;

		@Nullable SeekRequest seek;

		@Nullable Validators validators;

		PacingParameters pacing = PacingParameters.UNPACED;

		@Nullable MediaIndex index;

		Validators.Precondition precondition = Validators.Precondition.PROCEED;

		/** The range the request selects of a document of {@link #rangeLength} bytes, once parsed. */
		@Nullable RangeSelection range;

		long rangeLength;

		MediaExchange(ServerRequest request, long startNanos, SeekQuery query) {
			this.request = request;
			this.startNanos = startNanos;
			this.query = query;
			this.head = HttpMethod.HEAD.equals(request.method());
			this.kind = kindOf(request, query);
		}

		static StreamKind kindOf(ServerRequest request, SeekQuery query) {
			return query.present() ? StreamKind.SEEK
					: request.headers().asHttpHeaders().containsHeader(HttpHeaders.RANGE) ? StreamKind.RANGE
							: StreamKind.PLAIN;
		}

		MediaFile file() {
			MediaFile file = this.file;
			if (file == null) {
				throw new IllegalStateException("No file yet");
			}
			return file;
		}

		Validators validators() {
			Validators validators = this.validators;
			if (validators == null) {
				throw new IllegalStateException("No validators yet");
			}
			return validators;
		}

		MediaFormat format() {
			MediaFile file = this.file;
			return (file != null) ? file.format() : MediaFormat.UNKNOWN;
		}

	}

}
