package io.github.mediastreaming.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What an operator sees when an application fails to start for a signing key: configuration.md promises
 * "A key's value never appears in an error message, only its length". The exception says "(n bytes, not
 * shown)", but the startup report Spring Boot prints from it (its failure analysis) is what reaches the
 * log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SigningKeyStartupFailureTests {

	/** A secret only a little too short: 28 bytes of base64. */
	private static final String SECRET = "Zk9xR2h5c1pXN0t2YjNtUQ0aB1c2";

	@TempDir
	Path root;

	@Test
	void aTooShortKeyIsNotShownInTheStartupFailureReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.REACTIVE)
			.run("--server.port=0", "--media.streaming.root=" + this.root, "--media.streaming.signed-urls.enabled=true",
					"--media.streaming.signed-urls.keys[0]=" + SECRET));
		assertThat(output).contains("media.streaming.signed-urls.keys[0]").doesNotContain(SECRET);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
