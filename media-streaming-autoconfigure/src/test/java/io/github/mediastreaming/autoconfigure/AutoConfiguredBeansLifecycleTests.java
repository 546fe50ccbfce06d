package io.github.mediastreaming.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.mediastreaming.delivery.DeliverySettings;
import io.github.mediastreaming.delivery.MediaBodyWriter;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.http.SeekPlanCache;
import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.source.LocalMediaStore;
import io.github.mediastreaming.stream.StreamRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each piece the auto-configuration wires gives way to a user's bean of its type (or, for the blocking
 * scheduler, of its name), and what the pieces hold open is released when the context closes: a test
 * suite starts and closes contexts many times in one JVM.
 */
class AutoConfiguredBeansLifecycleTests {

	@TempDir
	Path root;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MediaStreamingAutoConfiguration.class));

	@Test
	void whenUserDefinesFormatsThenTheirsAreUsed() {
		MediaFormats formats = new MediaFormats(List.of());
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(MediaFormats.class, () -> formats)
			.run((context) -> assertThat(context.getBean(MediaFormats.class)).isSameAs(formats));
	}

	@Test
	void whenUserDefinesAnIndexServiceThenTheirsIsUsed() {
		MediaIndexService indexService = MediaIndexService.boundedByMemory(1 << 20, 1 << 20, null, Runnable::run,
				IndexListener.NONE);
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(MediaIndexService.class, () -> indexService)
			.run((context) -> assertThat(context.getBean(MediaIndexService.class)).isSameAs(indexService));
	}

	@Test
	void whenUserDefinesAStreamRegistryThenTheirsIsUsed() {
		StreamRegistry registry = new StreamRegistry(List.of());
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(StreamRegistry.class, () -> registry)
			.run((context) -> assertThat(context.getBean(StreamRegistry.class)).isSameAs(registry));
	}

	@Test
	void whenUserDefinesABodyWriterThenTheirsIsUsed() {
		MediaBodyWriter writer = new MediaBodyWriter(new StreamRegistry(List.of()), Schedulers.parallel(),
				Schedulers.boundedElastic(), DeliverySettings.DEFAULTS);
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(MediaBodyWriter.class, () -> writer)
			.run((context) -> assertThat(context.getBean(MediaBodyWriter.class)).isSameAs(writer));
	}

	@Test
	void whenUserDefinesASeekPlanCacheThenTheirsIsUsed() {
		SeekPlanCache seekPlans = new SeekPlanCache(1 << 20);
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(SeekPlanCache.class, () -> seekPlans)
			.run((context) -> assertThat(context.getBean(SeekPlanCache.class)).isSameAs(seekPlans));
	}

	@Test
	void whenUserDefinesTheBlockingSchedulerByNameThenTheirsIsUsed() {
		Scheduler blocking = Schedulers.immediate();
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root)
			.withBean(MediaStreamingAutoConfiguration.BLOCKING_SCHEDULER, Scheduler.class, () -> blocking)
			.run((context) -> assertThat(context.getBean(MediaStreamingAutoConfiguration.BLOCKING_SCHEDULER))
				.isSameAs(blocking));
	}

	@Test
	void closingTheContextClosesTheFilesTheOpenFileCacheKeeps() throws Exception {
		Files.writeString(this.root.resolve("kept.mp3"), "bytes");
		LocalMediaStore[] store = new LocalMediaStore[1];
		this.contextRunner.withPropertyValues("media.streaming.root=" + this.root).run((context) -> {
			store[0] = context.getBean(LocalMediaStore.class);
			store[0].lookup("kept.mp3");
			assertThat(store[0].openFiles()).isEqualTo(1);
		});
		// Not left to the idle timeout: the context is gone now.
		assertThat(store[0].openFiles()).isZero();
	}

}
