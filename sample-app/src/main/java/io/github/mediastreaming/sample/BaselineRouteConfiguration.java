package io.github.mediastreaming.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Benchmark baseline, off unless {@code sample.baseline-route.enabled=true}: {@code GET /bench/baseline}
 * answers 1 KiB from memory through a bare WebFlux router function, with nothing else on its path. It is
 * the framework's own ceiling for small responses in this very application (same server, filters,
 * observations and metrics), against which {@code benchmarks/small-requests.sh} compares a 1 KiB media
 * Range request. Not part of the demo. The condition is read when the application starts from its jar
 * as usual; under Spring AOT ({@code -Dspring.aot.enabled=true}) it was settled at build time, off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sample.baseline-route.enabled")
class BaselineRouteConfiguration {

	/** The body: 1 KiB, allocated once. */
	private static final byte[] BODY = new byte[1024];

	@Bean
	RouterFunction<ServerResponse> baselineRoute() {
		return RouterFunctions.route()
			.GET("/bench/baseline",
					(request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(BODY))
			.build();
	}

}
