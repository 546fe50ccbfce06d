package io.github.mediastreaming.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.github.mediastreaming.pacing.BandwidthBudget;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/extending.md lists {@link BandwidthBudget} among the beans a user replaces ("the cap"). A user's
 * budget is declared as any bean, {@code new BandwidthBudget(bytesPerSecond, scheduler)}: nothing in the
 * page says it needs {@code initMethod = "start"}, which only the starter's own bean has. Such a budget
 * must still split its cap, not leave every response waiting for a grant that never comes.
 */
@SpringBootTest(classes = UserBandwidthBudgetReviewTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserBandwidthBudgetReviewTests {

	private static final byte[] CONTENT = new byte[300_000];

	private static final Path ROOT = Fixtures.root("user-budget", (root) -> {
		new Random(7).nextBytes(CONTENT);
		Files.write(root.resolve("download.bin"), CONTENT);
	});

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@Test
	void aUsersBudgetBeanSendsTheWholeBody() throws Exception {
		// 300 KB under a 100 MB/s cap: a few ticks' worth. A budget that never splits sends nothing, and
		// the read times out instead (the server never does: a stream waiting for a grant is not stalled).
		RawHttp.Response response = RawHttp.get(this.port, "/media/download.bin");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text()).endsWith(new String(CONTENT, StandardCharsets.ISO_8859_1));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		BandwidthBudget mediaBandwidthBudget() {
			return new BandwidthBudget(100_000_000, Schedulers.parallel());
		}

	}

}
