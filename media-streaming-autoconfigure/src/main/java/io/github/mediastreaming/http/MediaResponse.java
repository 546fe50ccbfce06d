package io.github.mediastreaming.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.Hints;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * An answer about a media file (200 or 206 with its body, the headers alone for a HEAD, a 304): its
 * status and headers go straight into the exchange's response, then the body inserter runs, if any. Spring's own response builder
 * copies its headers into the response and, for its own conditional check, parses the
 * {@code Last-Modified} header back into a date on every response; the handler has evaluated the
 * preconditions already ({@link Validators}), and on a small request that copy and parse cost about a
 * fifth of the time. {@link #headers()} is there for filters that read it, built when first asked.
 */
final class MediaResponse implements ServerResponse {

	private static final MultiValueMap<String, ResponseCookie> NO_COOKIES = CollectionUtils
		.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());

	private final HttpStatus status;

	/** Header names and values, alternating, in the order they are written. */
	private final List<String> headerPairs;

	private final @Nullable BodyInserter<?, ? super ServerHttpResponse> body;

	private volatile @Nullable HttpHeaders headers;

	private MediaResponse(HttpStatus status, List<String> headerPairs,
			@Nullable BodyInserter<?, ? super ServerHttpResponse> body) {
		this.status = status;
		this.headerPairs = headerPairs;
		this.body = body;
	}

	/**
	 * Start an answer.
	 * @param status its status
	 * @return a builder
	 */
	static Builder status(HttpStatus status) {
		return new Builder(status);
	}

	@Override
	public HttpStatusCode statusCode() {
		return this.status;
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = this.headers;
		if (headers == null) {
			HttpHeaders built = new HttpHeaders();
			for (int i = 0; i < this.headerPairs.size(); i += 2) {
				built.add(this.headerPairs.get(i), this.headerPairs.get(i + 1));
			}
			headers = HttpHeaders.readOnlyHttpHeaders(built);
			this.headers = headers;
		}
		return headers;
	}

	@Override
	public MultiValueMap<String, ResponseCookie> cookies() {
		return NO_COOKIES;
	}

	@Override
	public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(this.status);
		HttpHeaders target = response.getHeaders();
		for (int i = 0; i < this.headerPairs.size(); i += 2) {
			target.set(this.headerPairs.get(i), this.headerPairs.get(i + 1));
		}
		BodyInserter<?, ? super ServerHttpResponse> body = this.body;
		if (body == null) {
			if (this.status == HttpStatus.NOT_MODIFIED) {
				// Reactor Netty leaves its default Transfer-Encoding: chunked on a HEAD without a length (it
				// removes it from a GET's 304). On a 304 the header would say what a GET of the file uses,
				// and that GET has a Content-Length (RFC 9112 section 6.1).
				target.remove(HttpHeaders.TRANSFER_ENCODING);
			}
			return response.setComplete();
		}
		return body.insert(response, new InserterContext(exchange, context));
	}

	/** What a body inserter may need of the exchange: the message writers (for a problem body), the request. */
	private record InserterContext(ServerWebExchange exchange, Context context) implements BodyInserter.Context {

		@Override
		public List<HttpMessageWriter<?>> messageWriters() {
			return this.context.messageWriters();
		}

		@Override
		public Optional<ServerHttpRequest> serverRequest() {
			return Optional.of(this.exchange.getRequest());
		}

		@Override
		public Map<String, Object> hints() {
			return Hints.from(Hints.LOG_PREFIX_HINT, this.exchange.getLogPrefix());
		}

	}

	/** Collects the headers of one answer; used once. */
	static final class Builder {

		private final HttpStatus status;

		private final List<String> headerPairs = new ArrayList<>(16);

		private Builder(HttpStatus status) {
			this.status = status;
		}

		/**
		 * Add a header.
		 * @param name its name
		 * @param value its value
		 * @return this builder
		 */
		Builder header(String name, String value) {
			this.headerPairs.add(name);
			this.headerPairs.add(value);
			return this;
		}

		/**
		 * Finish an answer without a body (a HEAD, a 304).
		 * @return the answer
		 */
		MediaResponse build() {
			return new MediaResponse(this.status, this.headerPairs, null);
		}

		/**
		 * Finish an answer with a body.
		 * @param body writes the body
		 * @return the answer
		 */
		MediaResponse body(BodyInserter<?, ? super ServerHttpResponse> body) {
			return new MediaResponse(this.status, this.headerPairs, body);
		}

	}

}
