package io.github.mediastreaming.http;

import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The router function of the media routes: {@code GET} and {@code HEAD} of {@code {prefix}/**}, and a
 * 405 problem for every other method there.
 */
public final class MediaRoutes {

	private MediaRoutes() {
	}

	/**
	 * Build the routes.
	 * @param pathPrefix the URL prefix, such as {@code /media}
	 * @param handler the handler
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> routes(String pathPrefix, MediaHandler handler) {
		String pattern = pathPrefix + "/**";
		return RouterFunctions.route()
			.GET(pattern, handler::serve)
			.HEAD(pattern, handler::serve)
			.route(RequestPredicates.path(pattern), handler::refuseMethod)
			.build();
	}

}
