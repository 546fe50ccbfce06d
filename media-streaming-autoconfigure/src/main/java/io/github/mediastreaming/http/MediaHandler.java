package io.github.mediastreaming.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.IndexResult;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaFormat;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.pacing.PacingPlan;
import io.github.mediastreaming.pacing.PacingPolicy;
import io.github.mediastreaming.pacing.PacingPolicy.PacingParameters;
import io.github.mediastreaming.stream.StreamKind;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.stream.StreamRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves {@code GET} and {@code HEAD} of media files, wiring the steps together: resolve the file
 * ({@link MediaFileResolver}), check preconditions ({@link Validators}), index the file only when the
 * response needs it (a seek, an MP4 reordering, pacing; never for a 304 or a plain HEAD), plan the
 * document ({@link BodyPlanner}), apply the range ({@link RangeSelection}), then stream it paced or
 * zero-copy ({@link MediaBodyWriter}).
 */
public final class MediaHandler {

	private static final Log logger = LogFactory.getLog(MediaHandler.class);

	/**
	 * Floor of the pacing bitrate (bits/s): headers that claim an absurdly long duration must not turn a
	 * response into a trickle that holds a connection for days.
	 */
	static final long MIN_PACED_BITRATE = 16_000;

	private final MediaFileResolver resolver;

	private final MediaIndexService indexService;

	private final PacingPolicy pacingPolicy;

	private final StreamingOptions options;

	private final MediaBodyWriter writer;

	private final StreamRegistry registry;

	private final BodyPlanner planner;

	/**
	 * Create a handler.
	 * @param resolver maps request paths onto files
	 * @param indexService indexes files
	 * @param pacingPolicy decides each request's pacing parameters
	 * @param options the route settings
	 * @param writer streams response bodies
	 * @param registry where streams and answers are reported
	 * @param seekPlans recently built seek plans
	 */
	public MediaHandler(MediaFileResolver resolver, MediaIndexService indexService, PacingPolicy pacingPolicy,
			StreamingOptions options, MediaBodyWriter writer, StreamRegistry registry, SeekPlanCache seekPlans) {
		this.resolver = resolver;
		this.indexService = indexService;
		this.pacingPolicy = pacingPolicy;
		this.options = options;
		this.writer = writer;
		this.registry = registry;
		this.planner = new BodyPlanner(options, seekPlans);
	}

	/**
	 * Handle a request.
	 * @param request the request
	 * @return the response
	 */
	public Mono<ServerResponse> serve(ServerRequest request) {
		long startNanos = System.nanoTime();
		SeekQuery seek = SeekQuery.from(request.queryParams(), this.options.flvTimeParameter());
		StreamKind kind = kindOf(request, seek);
		MediaFormat format = MediaFormat.fromFileName(request.requestPath().value());
		return answer(request, seek, kind, startNanos).onErrorResume((ex) -> {
			// A bug, not the client's fault: a problem without the cause (logged), counted like any answer.
			logger.warn("Answering " + request.method() + " " + request.requestPath().value() + " failed", ex);
			return MediaProblems.of(HttpStatus.INTERNAL_SERVER_ERROR, "The server could not answer this request",
					request);
		}).doOnNext((response) -> this.registry.answered(kind, format, response.statusCode().value()));
	}

	private Mono<ServerResponse> answer(ServerRequest request, SeekQuery seek, StreamKind kind, long startNanos) {
		String requestPath = request.requestPath().pathWithinApplication().value();
		String prefix = this.options.pathPrefix() + "/";
		if (!requestPath.startsWith(prefix)) {
			return MediaProblems.of(HttpStatus.NOT_FOUND, "No such media file", request);
		}
		// Resolving stats the file (and follows links): blocking I/O, off the event loop.
		return Mono.fromCallable(() -> this.resolver.resolve(requestPath.substring(prefix.length())))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((resolution) -> {
				if (resolution instanceof FileResolution.Rejected rejected) {
					return MediaProblems.of(rejected.status(), rejected.detail(), request);
				}
				MediaFile file = ((FileResolution.Found) resolution).file();
				return answer(request, requestPath, file, seek, kind, startNanos);
			});
	}

	private Mono<ServerResponse> answer(ServerRequest request, String requestPath, MediaFile file, SeekQuery seek,
			StreamKind kind, long startNanos) {
		boolean reorder = !seek.present() && this.options.mp4Faststart() && file.format() == MediaFormat.MP4;
		Validators validators = Validators.of(file, seek.present() ? seek.variant() : (reorder ? "faststart" : ""));
		HttpHeaders headers = request.headers().asHttpHeaders();
		switch (validators.evaluate(headers)) {
			case NOT_MODIFIED:
				return cacheControl(ServerResponse.status(HttpStatus.NOT_MODIFIED)).eTag(validators.etag())
					.lastModified(validators.lastModified())
					.build();
			case FAILED:
				return MediaProblems.of(HttpStatus.PRECONDITION_FAILED,
						"The file does not match the request's If-Match or If-Unmodified-Since", request);
			default:
				break;
		}
		boolean head = HttpMethod.HEAD.equals(request.method());
		PacingParameters pacing = this.pacingPolicy.parametersFor(requestPath, file.format());
		boolean needsIndex = seek.present() || reorder || (!head && pacing.enabled());
		Mono<Optional<MediaIndex>> index = needsIndex ? this.indexService.index(file.version()).map(MediaHandler::indexOf)
				: Mono.just(Optional.empty());
		return index.flatMap((found) -> respond(new Exchange(request, file, seek, validators, kind, startNanos), pacing,
				found.orElse(null), head));
	}

	private Mono<ServerResponse> respond(Exchange exchange, PacingParameters pacing, @Nullable MediaIndex index,
			boolean head) {
		return this.planner.plan(exchange.file(), exchange.seek(), index)
			.flatMap((body) -> respond(exchange, pacing, index, head, body))
			.onErrorResume(InvalidSeekException.class,
					(ex) -> MediaProblems.of(HttpStatus.BAD_REQUEST, ex.getMessage(), exchange.request()))
			.onErrorResume(IOException.class,
					(ex) -> MediaProblems.of(HttpStatus.NOT_FOUND, "No such media file", exchange.request()));
	}

	private Mono<ServerResponse> respond(Exchange exchange, PacingParameters pacing, @Nullable MediaIndex index,
			boolean head, MediaBody body) {
		ServerRequest request = exchange.request();
		MediaFile file = exchange.file();
		long total = body.length();
		HttpHeaders headers = request.headers().asHttpHeaders();
		Validators validators = exchange.validators();
		RangeSelection range = validators.rangeAllowed(headers.getFirst(HttpHeaders.IF_RANGE))
				? RangeSelection.parse(headers.getFirst(HttpHeaders.RANGE), total) : RangeSelection.WHOLE;
		if (range instanceof RangeSelection.Unsatisfiable) {
			return MediaProblems.rangeNotSatisfiable(total, request);
		}
		ServerResponse.BodyBuilder builder;
		MediaBody sent;
		if (range instanceof RangeSelection.Partial partial) {
			builder = ServerResponse.status(HttpStatus.PARTIAL_CONTENT)
				.header(HttpHeaders.CONTENT_RANGE, partial.contentRange(total));
			sent = body.slice(partial.start(), partial.length());
		}
		else {
			builder = ServerResponse.ok();
			sent = body;
		}
		cacheControl(builder).header(HttpHeaders.ACCEPT_RANGES, "bytes")
			.eTag(validators.etag())
			.lastModified(validators.lastModified())
			.contentType(file.contentType())
			.contentLength(sent.length());
		if (head) {
			return builder.build();
		}
		PacingPlan plan = (pacing.enabled() && index != null && index.bitrate() > 0) ? PacingPlan
			.of(Math.max(MIN_PACED_BITRATE, index.bitrate()), pacing.speedupFactor(), pacing.initialBoost()) : null;
		StreamRequest stream = new StreamRequest(request.requestPath().value(), file.format(), exchange.kind(),
				request.remoteAddress().map(InetSocketAddress::getHostString).orElse(null), exchange.seek().start(),
				sent.length(), (plan != null) ? plan.limitBytesPerSecond() : 0);
		return builder.body(this.writer.inserter(file.path(), sent, plan, stream, exchange.startNanos()));
	}

	private ServerResponse.BodyBuilder cacheControl(ServerResponse.BodyBuilder builder) {
		String value = this.options.cacheControl();
		return (value != null) ? builder.header(HttpHeaders.CACHE_CONTROL, value) : builder;
	}

	private static StreamKind kindOf(ServerRequest request, SeekQuery seek) {
		if (seek.present()) {
			return StreamKind.SEEK;
		}
		return request.headers().asHttpHeaders().containsHeader(HttpHeaders.RANGE) ? StreamKind.RANGE
				: StreamKind.PLAIN;
	}

	private static Optional<MediaIndex> indexOf(IndexResult result) {
		return (result instanceof IndexResult.Indexed indexed) ? Optional.of(indexed.index()) : Optional.empty();
	}

	/** One request's resolved state, passed between the steps of answering it. */
	private record Exchange(ServerRequest request, MediaFile file, SeekQuery seek, Validators validators,
			StreamKind kind, long startNanos) {

	}

}
