package io.github.mediastreaming.delivery;

import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the actuator on a port of its own ({@code management.server.port}, common in production, where
 * Prometheus scrapes it over keep-alive), a blocking actuator operation's answer is followed by the next
 * request of its connection too: the management server is a server of its own, with its own handler.
 */
@SpringBootTest(classes = AnswersOnConnectionLoopManagementPortTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=metrics,health", "management.server.port=0" })
class AnswersOnConnectionLoopManagementPortTests {

	private static final int ROUNDS = 300;

	private static final Path ROOT = Fixtures.root("answers-on-loop-management", (root) -> {
	});

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void theNextRequestIsServedAfterABlockingActuatorOperationOnTheManagementPort() throws Exception {
		for (int i = 0; i < ROUNDS; i++) {
			String metric = (i % 2 == 0) ? "jvm.memory.used" : "jvm.threads.live";
			RawHttp.KeptAlive answers = RawHttp.twoOnOneConnection(this.managementPort,
					"GET /actuator/metrics/" + metric + " HTTP/1.1", "/actuator/health");
			assertThat(answers.first()).as("round " + i).startsWith("HTTP/1.1 200");
			assertThat(answers.next()).as("after round " + i).startsWith("HTTP/1.1 200");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
