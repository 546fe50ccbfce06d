package io.github.mediastreaming.delivery;

import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers the rest of the application builds on another thread (Spring Boot's blocking actuator
 * operations run on Reactor's elastic scheduler; a controller may return from any thread) are followed by
 * the next request of their keep-alive connection. Without {@link AnswersOnConnectionLoop}, Reactor Netty
 * 1.3.8 never served it after the second or third {@code /actuator/metrics} answer here.
 */
@SpringBootTest(classes = AnswersOnConnectionLoopTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=metrics")
class AnswersOnConnectionLoopTests {

	private static final int ROUNDS = 300;

	private static final Path ROOT = Fixtures.root("answers-on-loop", (root) -> Fixtures.copy(root, "mp3/mpeg2.mp3", "song.mp3"));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void theNextRequestIsServedAfterABlockingActuatorOperation() throws Exception {
		for (int i = 0; i < ROUNDS; i++) {
			String metric = (i % 2 == 0) ? "jvm.memory.used" : "jvm.threads.live";
			exchangeThenAskAgain("GET /actuator/metrics/" + metric, "HTTP/1.1 200", i);
		}
	}

	@Test
	void theNextRequestIsServedAfterAnApplicationAnswerBuiltOnAnotherThread() throws Exception {
		for (int i = 0; i < ROUNDS; i++) {
			// A body, and every other time none (the response ends without a write).
			boolean empty = i % 2 == 1;
			exchangeThenAskAgain("GET /elsewhere" + (empty ? "?empty" : ""), empty ? "HTTP/1.1 204" : "HTTP/1.1 200", i);
		}
	}

	@Test
	void responsesStillSendFilesAsTheyAre() throws Exception {
		// Spring's static resources go out with sendfile when the response is a ZeroCopyHttpOutputMessage.
		RawHttp.Response answer = RawHttp.get(this.port, "/zero-copy");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.text()).endsWith("\r\n\r\ntrue");
	}

	private void exchangeThenAskAgain(String first, String expected, int round) throws Exception {
		RawHttp.KeptAlive answers = RawHttp.twoOnOneConnection(this.port, first + " HTTP/1.1", "/media/song.mp3");
		assertThat(answers.first()).as(first + " (round " + round + ")").startsWith(expected);
		assertThat(answers.next()).as("after " + first + " (round " + round + ")").startsWith("HTTP/1.1 206");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		RouterFunction<ServerResponse> elsewhere() {
			return RouterFunctions.route()
				.GET("/elsewhere", (request) -> Mono.fromCallable(() -> "built on " + Thread.currentThread().getName())
					.subscribeOn(Schedulers.boundedElastic())
					.flatMap((text) -> request.queryParam("empty").isPresent() ? ServerResponse.noContent().build()
							: ServerResponse.ok().bodyValue(text)))
				.GET("/zero-copy", (request) -> ServerResponse.ok()
					.bodyValue(Boolean.toString(request.exchange().getResponse() instanceof ZeroCopyHttpOutputMessage)))
				.build();
		}

	}

}
