package io.github.mediastreaming.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.index.IndexResult;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.mp3.Mp3IndexReader;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a seek document is built: where the request is for a store whose reads do not block (a local
 * folder), on the blocking scheduler for one whose reads wait on the network (an MP3 seek reads a frame
 * boundary). And that a plan stays cached no longer than the index it was cut from.
 */
class BodyPlannerTests {

	private static final Path SONG = Fixtures.media("mp3/cbr.mp3");

	private static final MediaFormat MP3 = MediaFormat.named("mp3").extension("mp3", "audio/mpeg").build();

	private static final SeekRequest SEEK = new SeekRequest.TimeRange(4.5, null, false);

	private final Scheduler blocking = Schedulers.newSingle("test-blocking");

	@AfterEach
	void dispose() {
		this.blocking.dispose();
	}

	@Test
	void aLocalStoresSeekIsBuiltOnTheCallingThread() throws Exception {
		RecordingStore store = new RecordingStore(true);
		MediaBody body = plan(store);
		assertThat(body.length()).isPositive();
		assertThat(store.openedOn.get()).isEqualTo(Thread.currentThread().getName());
	}

	@Test
	void aStoreWhoseReadsBlockBuildsOnTheBlockingScheduler() throws Exception {
		RecordingStore store = new RecordingStore(false);
		MediaBody body = plan(store);
		assertThat(body.length()).isPositive();
		assertThat(store.openedOn.get()).startsWith("test-blocking");
	}

	@Test
	void aPlanLeavesItsCacheWhenItsIndexLeavesTheIndexCache() throws Exception {
		MediaIndexService indexService = indexService();
		SeekPlanCache plans = new SeekPlanCache(1024 * 1024);
		BodyPlanner planner = new BodyPlanner(plans, indexService, this.blocking, 1);
		MediaFile file = song();
		IndexResult result = indexService.index(file.version(), "mp3", new Mp3IndexReader(),
				() -> FileMediaSource.open(SONG)).block();
		MediaIndex index = ((IndexResult.Indexed) result).index();
		SeekRequest canonical = index.seeker().canonical(SEEK);
		planner.plan(new RecordingStore(true), file, SEEK, false, index).block();
		assertThat(plans.cached(file.version(), canonical)).isNotNull();
		indexService.evict(file.key());
		// The plans are dropped on the blocking scheduler, a single thread here: wait for what it was given.
		Mono.fromRunnable(() -> {
		}).subscribeOn(this.blocking).block();
		assertThat(plans.cached(file.version(), canonical))
			.as("the plan would hold the dropped index's tables").isNull();
	}

	@Test
	void aPlanCutFromAnIndexTheCacheNoLongerHoldsIsServedButNotKept() throws Exception {
		SeekPlanCache plans = new SeekPlanCache(1024 * 1024);
		BodyPlanner planner = new BodyPlanner(plans, indexService(), this.blocking, 1);
		MediaIndex index = index();
		MediaFile file = song();
		MediaBody body = planner.plan(new RecordingStore(true), file, SEEK, false, index).block();
		assertThat(body.length()).isPositive();
		assertThat(plans.cached(file.version(), index.seeker().canonical(SEEK))).isNull();
	}

	private MediaBody plan(RecordingStore store) throws Exception {
		BodyPlanner planner = new BodyPlanner(new SeekPlanCache(1024 * 1024), indexService(), this.blocking, 1);
		return planner.plan(store, song(), SEEK, false, index()).block();
	}

	private static MediaIndex index() throws IOException, MediaFormatException {
		try (FileMediaSource source = FileMediaSource.open(SONG)) {
			return new Mp3IndexReader().read(source, IndexBudget.ofDefault());
		}
	}

	private static MediaIndexService indexService() {
		return MediaIndexService.boundedByEntries(10, IndexBudget.DEFAULT_MAXIMUM.toBytes(), null, Runnable::run,
				IndexListener.NONE);
	}

	private static MediaFile song() throws IOException {
		return new MediaFile("song.mp3", SONG.toString(), Files.size(SONG), Instant.EPOCH, null, MP3,
				MediaType.parseMediaType("audio/mpeg"));
	}

	/** A store of the one fixture that notes which thread opened it, with reads blocking or not. */
	private static final class RecordingStore implements MediaStore {

		private final boolean readsWithoutBlocking;

		final AtomicReference<String> openedOn = new AtomicReference<>();

		RecordingStore(boolean readsWithoutBlocking) {
			this.readsWithoutBlocking = readsWithoutBlocking;
		}

		@Override
		public Mono<MediaFile> find(String relativePath) {
			return Mono.empty();
		}

		@Override
		public MediaSource open(MediaFile file) throws IOException {
			this.openedOn.set(Thread.currentThread().getName());
			return FileMediaSource.open(SONG);
		}

		@Override
		public boolean opensWithoutBlocking() {
			return true;
		}

		@Override
		public boolean readsWithoutBlocking() {
			return this.readsWithoutBlocking;
		}

	}

}
