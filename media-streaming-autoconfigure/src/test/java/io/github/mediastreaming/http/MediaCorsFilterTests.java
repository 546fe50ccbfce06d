package io.github.mediastreaming.http;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link MediaCorsFilter} answers, without a server: the origin it allows, by which rules, and
 * which requests it leaves alone. Over a real server: {@code CrossOriginHttpTests}.
 */
class MediaCorsFilterTests {

	private static final WebFilterChain PASS = (exchange) -> Mono.empty();

	@Test
	void anyOriginWithoutCredentialsIsAnsweredWithAStarThatACacheCanGiveEveryOrigin() {
		MockServerWebExchange exchange = get("/media/a.mp4", "https://one.example");
		filter(List.of("*"), false).filter(exchange, PASS).block();
		assertThat(exchange.getResponse().getHeaders().getAccessControlAllowOrigin()).isEqualTo("*");
	}

	@Test
	void anyOriginWithCredentialsIsAnsweredWithTheOriginItself() {
		MockServerWebExchange exchange = get("/media/a.mp4", "https://one.example");
		filter(List.of("*"), true).filter(exchange, PASS).block();
		assertThat(exchange.getResponse().getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://one.example");
		assertThat(exchange.getResponse().getHeaders().getAccessControlAllowCredentials()).isTrue();
	}

	@Test
	void requestsOutsideTheMediaRoutesAreLeftAlone() {
		MockServerWebExchange exchange = get("/api/a.mp4", "https://elsewhere.example");
		filter(List.of("https://one.example"), false).filter(exchange, PASS).block();
		assertThat(exchange.getResponse().getStatusCode()).isNull();
		assertThat(exchange.getResponse().getHeaders().getAccessControlAllowOrigin()).isNull();
	}

	@Test
	void aPathPrefixThatIsAPrefixOfAnotherPathDoesNotCoverIt() {
		MockServerWebExchange exchange = get("/mediafiles/a.mp4", "https://elsewhere.example");
		filter(List.of("https://one.example"), false).filter(exchange, PASS).block();
		assertThat(exchange.getResponse().getStatusCode()).isNull();
	}

	@Test
	void anOriginNotListedIsRefusedWithAProblem() {
		MockServerWebExchange exchange = get("/media/a.mp4", "https://elsewhere.example");
		filter(List.of("https://one.example"), false).filter(exchange, PASS).block();
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(403);
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":403")
			.contains("This origin may not read media from this server");
	}

	@Test
	void anotherMethodFromAnAllowedOriginIsLeftToTheRoutesWhich405It() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
			.post("http://media.example/media/a.mp4")
			.header(HttpHeaders.ORIGIN, "https://one.example"));
		filter(List.of("https://one.example"), false).filter(exchange, PASS).block();
		assertThat(exchange.getResponse().getStatusCode()).as("left to the chain").isNull();
	}

	private static MediaCorsFilter filter(List<String> origins, boolean credentials) {
		return new MediaCorsFilter("/media", origins, credentials, Duration.ofMinutes(30),
				ServerCodecConfigurer.create().getWriters());
	}

	private static MockServerWebExchange get(String path, String origin) {
		return MockServerWebExchange.from(MockServerHttpRequest.get("http://media.example" + path)
			.header(HttpHeaders.ORIGIN, origin));
	}

}
