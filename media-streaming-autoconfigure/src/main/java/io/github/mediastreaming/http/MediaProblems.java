package io.github.mediastreaming.http;

import java.net.URI;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * RFC 9457 problem details for every client error the media routes answer. The detail says what was
 * wrong in the request; it never names a server path or carries a stack trace.
 */
final class MediaProblems {

	private MediaProblems() {
	}

	/**
	 * Build a problem response.
	 * @param status the status
	 * @param detail what was wrong
	 * @param request the request, whose path becomes the problem's instance
	 * @return the response
	 */
	static Mono<ServerResponse> of(HttpStatus status, String detail, ServerRequest request) {
		return respond(status, detail, request, ServerResponse.status(status));
	}

	/**
	 * Build the 404 of a path that names no media file (outside the prefix, missing, or gone since it was
	 * found).
	 * @param request the request
	 * @return the response
	 */
	static Mono<ServerResponse> notFound(ServerRequest request) {
		return of(HttpStatus.NOT_FOUND, "No such media file", request);
	}

	/**
	 * Build a 416 with the {@code Content-Range: bytes *&#47;length} header clients need to recover.
	 * @param length the representation's length
	 * @param request the request
	 * @return the response
	 */
	static Mono<ServerResponse> rangeNotSatisfiable(long length, ServerRequest request) {
		return respond(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
				"The requested range does not overlap the " + length + " bytes of this resource", request,
				ServerResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
					.header(HttpHeaders.CONTENT_RANGE, "bytes */" + length));
	}

	/**
	 * Build a 503 asking the client to retry later: the server already builds as many documents as it
	 * allows, or its store throttles it.
	 * @param detail what is busy
	 * @param retryAfter how long to wait, rounded up to whole seconds
	 * @param request the request
	 * @return the response
	 */
	static Mono<ServerResponse> busy(String detail, Duration retryAfter, ServerRequest request) {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		return respond(HttpStatus.SERVICE_UNAVAILABLE, detail, request, ServerResponse
			.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
	}

	/**
	 * Build a 429 for a client that already receives as many streams as it may.
	 * @param limit the per-client limit
	 * @param request the request
	 * @return the response
	 */
	static Mono<ServerResponse> tooManyStreams(int limit, ServerRequest request) {
		return respond(HttpStatus.TOO_MANY_REQUESTS, "This client already receives " + limit
				+ " streams; retry when one ends", request,
				ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "5"));
	}

	/**
	 * Build a 405 naming the allowed methods.
	 * @param request the request
	 * @return the response
	 */
	static Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
		return respond(HttpStatus.METHOD_NOT_ALLOWED, "Media files can only be read with GET or HEAD", request,
				ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "GET, HEAD"));
	}

	private static Mono<ServerResponse> respond(HttpStatus status, String detail, ServerRequest request,
			ServerResponse.BodyBuilder builder) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(request.requestPath().value()));
		return builder.contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
	}

}
