package io.github.mediastreaming.autoconfigure;

import java.nio.file.Path;

import io.github.mediastreaming.pacing.BandwidthBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code media.streaming.bandwidth.total-limit} left empty (as a container's environment variable with
 * no value, {@code MEDIA_STREAMING_BANDWIDTH_TOTAL_LIMIT=}) is unset: no cap, as configuration.md says of
 * an unset limit, rather than a startup failure that names nothing.
 */
class BandwidthLimitPropertyReviewTests {

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MediaStreamingAutoConfiguration.class));

	@Test
	void anEmptyTotalLimitIsNoCap() {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.bandwidth.total-limit=")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(BandwidthBudget.class);
			});
	}

	@Test
	void aTotalLimitIsACap() {
		this.contextRunner
			.withPropertyValues("media.streaming.root=" + this.root, "media.streaming.bandwidth.total-limit=10MB")
			.run((context) -> assertThat(context.getBean(BandwidthBudget.class).bytesPerSecond())
				.isEqualTo(10L * 1024 * 1024));
	}

}
