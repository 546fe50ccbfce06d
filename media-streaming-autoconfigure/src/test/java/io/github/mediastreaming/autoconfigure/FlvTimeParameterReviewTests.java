package io.github.mediastreaming.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FLV time parameter named like a seek parameter: with {@code time-parameter=start} every request's
 * {@code start} is also read as the FLV time, so an FLV {@code ?start=BYTES} is refused as "a byte offset
 * and a time" and an MP3 or MP4 {@code ?start=SECONDS} as "the time parameter is only for FLV files":
 * every seek of every format is a 400. The signed-URL parameters are refused at startup for the same
 * clash; this one is accepted.
 */
class FlvTimeParameterReviewTests {

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MediaStreamingAutoConfiguration.class));

	@ParameterizedTest
	@ValueSource(strings = { "start", "end" })
	void whenTheFlvTimeParameterIsASeekParameterThenStartupFailsNamingTheProperty(String name) {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.flv.time-parameter=" + name)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("media.streaming.flv.time-parameter"));
	}

}
