package io.github.mediastreaming.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Cross-origin access to the media routes (CORS) for players on other origins' pages. A web filter, not
 * a filter of the routes: WebFlux answers a preflight request before any route's handler runs, so the
 * routes never see one. It runs before Spring Security's filter chain (a preflight carries no
 * credentials) and before signed URLs are checked, and adds the CORS headers to every answer to an
 * allowed origin, errors included, so a player's script can read a 403, 410, 416 or 503 and what it says.
 * The headers a ranged player needs are exposed ({@code Content-Range}, {@code Accept-Ranges},
 * {@code ETag}, {@code Retry-After}): without them a script sees a 206 but not which bytes it holds. A
 * request from an origin not allowed gets a 403 problem; a request without an {@code Origin} (a plain
 * {@code <video src>}, which plays from any page without CORS) is served as without this filter, but for
 * {@code Vary: Origin}, which keeps a cache from handing that answer to a cross-origin read (the Fetch
 * standard's advice for CORS and HTTP caches). Which origins, methods and headers pass is decided by
 * Spring's own CORS processing; an {@code Origin} that is not a URI at all, which it cannot read, is an
 * origin not allowed.
 */
public final class MediaCorsFilter implements WebFilter, Ordered {

	/** Before Spring Security's filter chain (-100), which would ask a preflight for credentials. */
	public static final int ORDER = -150;

	private static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.CONTENT_RANGE, HttpHeaders.ACCEPT_RANGES,
			HttpHeaders.CONTENT_LENGTH, HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER);

	private final PathPattern routes;

	private final CorsConfiguration configuration;

	private final CorsProcessor processor = new DefaultCorsProcessor();

	private final ServerResponse.Context context;

	/**
	 * Create the filter.
	 * @param pathPrefix the media routes' URL prefix, such as {@code /media}
	 * @param allowedOrigins origins (such as {@code https://www.example.com}) or origin patterns (such as
	 * {@code https://*.example.com}, or {@code *} for any) whose pages may read media
	 * @param allowCredentials whether requests may carry cookies or HTTP authentication
	 * @param maxAge how long a browser may cache a preflight answer
	 * @param writers the codecs that write a refusal's problem detail
	 */
	public MediaCorsFilter(String pathPrefix, List<String> allowedOrigins, boolean allowCredentials, Duration maxAge,
			List<HttpMessageWriter<?>> writers) {
		this.routes = PathPatternParser.defaultInstance.parse(pathPrefix + "/**");
		CorsConfiguration configuration = new CorsConfiguration();
		if (allowedOrigins.equals(List.of(CorsConfiguration.ALL)) && !allowCredentials) {
			// "*" itself, not each origin echoed: one answer a shared cache can give every origin.
			configuration.setAllowedOrigins(allowedOrigins);
		}
		else {
			configuration.setAllowedOriginPatterns(allowedOrigins);
		}
		configuration.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name()));
		configuration.addAllowedHeader(CorsConfiguration.ALL);
		configuration.setExposedHeaders(EXPOSED_HEADERS);
		configuration.setAllowCredentials(allowCredentials);
		configuration.setMaxAge(maxAge);
		this.configuration = configuration;
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!this.routes.matches(request.getPath().pathWithinApplication())) {
			return chain.filter(exchange);
		}
		boolean unreadableOrigin = false;
		try {
			if (!CorsUtils.isCorsRequest(request)) {
				// The answer would differ with an Origin: a cache (the browser's own, a CDN) that stored this one must
				// not hand it, without the CORS headers, to a player's cross-origin read of the same URL.
				varyByOrigin(exchange.getResponse().getHeaders());
				return chain.filter(exchange);
			}
		}
		catch (IllegalArgumentException ex) {
			// An Origin that is not a URI (Spring's check throws): no page has it, so it is an origin not allowed.
			unreadableOrigin = true;
			varyByOrigin(exchange.getResponse().getHeaders());
		}
		boolean preflight = CorsUtils.isPreFlightRequest(request);
		if (!preflight && request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
			return chain.filter(exchange); // the routes' 405, which names the methods, says more than a refusal
		}
		if (unreadableOrigin || !this.processor.process(this.configuration, exchange)) {
			return refuse(exchange, preflight ? "This origin, method or header may not read media from this server"
					: "This origin may not read media from this server");
		}
		// The processor has put the CORS headers on the response; a preflight needs nothing more.
		return preflight ? exchange.getResponse().setComplete() : chain.filter(exchange);
	}

	private static void varyByOrigin(HttpHeaders headers) {
		List<String> vary = headers.getVary();
		if (!vary.contains(HttpHeaders.ORIGIN) && !vary.contains(CorsConfiguration.ALL)) {
			headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		}
	}

	private Mono<Void> refuse(ServerWebExchange exchange, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		return ServerResponse.status(HttpStatus.FORBIDDEN)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
