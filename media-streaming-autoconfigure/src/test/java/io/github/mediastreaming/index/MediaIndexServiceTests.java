package io.github.mediastreaming.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.FileMediaSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class MediaIndexServiceTests {

	@TempDir
	Path root;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final AtomicInteger reads = new AtomicInteger();

	private final List<String> events = new ArrayList<>();

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void concurrentFirstRequestsReadTheFileOnce() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		TestService service = service((source, budget) -> {
			this.reads.incrementAndGet();
			awaitQuietly(release);
			return new MediaIndex(source.size(), 1_000_000, 64_000, null);
		});
		MediaVersion version = version(write("a.wav", 100));
		Mono<List<IndexResult>> all = Flux.range(0, 20).flatMap((i) -> service.index(version)).collectList();
		Thread releaser = new Thread(() -> {
			sleep(200);
			release.countDown();
		});
		releaser.start();
		List<IndexResult> results = all.block(Duration.ofSeconds(10));
		assertThat(results).hasSize(20).allSatisfy((result) -> assertThat(result).isInstanceOf(IndexResult.Indexed.class));
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void aChangedFileIsReadAgain() throws IOException {
		TestService service = service(this::fixedIndex);
		Path file = write("a.wav", 100);
		service.index(version(file)).block();
		Files.write(file, new byte[200]);
		Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
		IndexResult result = service.index(version(file)).block();
		assertThat(this.reads).hasValue(2);
		assertThat(((IndexResult.Indexed) result).index().sizeBytes()).isEqualTo(200);
	}

	@Test
	void anUnchangedFileIsReadOnce() throws IOException {
		TestService service = service(this::fixedIndex);
		Path file = write("a.wav", 100);
		service.index(version(file)).block();
		service.index(version(file)).block();
		assertThat(this.reads).hasValue(1);
		assertThat(service.cache().stats().hitCount()).isEqualTo(1);
	}

	@Test
	void aFailedReadIsCachedAndReportedOnce() throws IOException {
		TestService service = service((source, budget) -> {
			this.reads.incrementAndGet();
			throw new MediaFormatException(ProbeFailure.TRUNCATED, "ends early");
		});
		MediaVersion version = version(write("a.wav", 100));
		IndexResult first = service.index(version).block();
		IndexResult second = service.index(version).block();
		assertThat(first).isEqualTo(second)
			.isEqualTo(new IndexResult.Unindexed(ProbeFailure.TRUNCATED, "ends early"));
		assertThat(this.reads).hasValue(1);
		assertThat(this.events).containsExactly("failed wav truncated");
	}

	@Test
	void aReaderBugBecomesAnUnindexedResultNotAnError() throws IOException {
		TestService service = service((source, budget) -> {
			throw new ArrayIndexOutOfBoundsException("bug");
		});
		IndexResult result = service.index(version(write("a.wav", 100))).block();
		assertThat(result).isInstanceOf(IndexResult.Unindexed.class);
		assertThat(((IndexResult.Unindexed) result).reason()).isEqualTo(ProbeFailure.MALFORMED);
	}

	@Test
	void aVanishedFileIsAnIoErrorThatNamesNoServerPath() {
		TestService service = service(this::fixedIndex);
		IndexResult result = service.index(new MediaVersion(this.root.resolve("gone.wav").toString(), 1, 1, null)).block();
		IndexResult.Unindexed unindexed = (IndexResult.Unindexed) result;
		assertThat(unindexed.reason()).isEqualTo(ProbeFailure.IO_ERROR);
		assertThat(unindexed.message()).contains("could not be read").doesNotContain(this.root.toString());
	}

	@Test
	void anIoErrorIsNotCachedSoTheNextRequestRetries() throws IOException {
		AtomicInteger attempts = new AtomicInteger();
		TestService service = service((source, budget) -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IOException("disk busy");
			}
			return fixedIndex(source, budget);
		});
		MediaVersion version = version(write("a.wav", 100));
		assertThat(service.index(version).block()).isInstanceOf(IndexResult.Unindexed.class);
		assertThat(service.cached(version)).isEmpty();
		assertThat(service.index(version).block()).isInstanceOf(IndexResult.Indexed.class);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void evictDropsEveryVersionOfAFile() throws IOException {
		TestService service = service(this::fixedIndex);
		Path file = write("a.wav", 100);
		service.index(version(file)).block();
		service.index(new MediaVersion(file.toString(), 100, 1, null)).block();
		assertThat(service.evict(file.toString())).isEqualTo(2);
		assertThat(service.cached(version(file))).isEmpty();
		service.index(version(file)).block();
		assertThat(this.reads).hasValue(3);
	}

	@Test
	void aMemoryBoundedCacheWeighsEachIndexAndEvictsToStayUnderItsBound() throws IOException {
		MediaSeeker heavy = new MediaSeeker() {

			@Override
			public SeekUnit unit() {
				return SeekUnit.SECONDS;
			}

			@Override
			public MediaBody seek(SeekRequest request) {
				return MediaBody.wholeFile(1);
			}

			@Override
			public long retainedBytes() {
				return 400_000;
			}

		};
		TestService service = new TestService(MediaIndexService.boundedByMemory(1_000_000,
				IndexBudget.DEFAULT_MAXIMUM.toBytes(), null, Runnable::run, IndexListener.NONE),
				(source, budget) -> new MediaIndex(source.size(), 1_000_000, 64_000, heavy));
		for (int i = 0; i < 5; i++) {
			service.index(version(write("f" + i + ".wav", 100))).block();
		}
		service.cache().cleanUp();
		assertThat(service.cache().estimatedSize()).isLessThanOrEqualTo(2);
		assertThat(service.retainedBytes().getAsLong()).isLessThanOrEqualTo(1_000_000).isGreaterThanOrEqualTo(400_000);
	}

	@Test
	void aMemoryBoundedCacheCountsWhatEachEntryHoldsBesidesItsIndex() {
		// A WAV file's index is a few numbers (96 bytes as it estimates itself), but its entry holds about 394
		// bytes: measured, 43,690 such entries with these paths took 17.3 MB of heap under a 4 MB bound (the
		// path and the inode as strings, the version, Caffeine's node, the future and the result).
		long bound = 1_000_000;
		MediaIndexService service = MediaIndexService.boundedByMemory(bound, IndexBudget.DEFAULT_MAXIMUM.toBytes(),
				null, Runnable::run, IndexListener.NONE);
		MediaIndexReader reader = (source, budget) -> new MediaIndex(source.size(), 1_000_000, 128_000, null);
		for (int i = 0; i < 10_000; i++) {
			MediaVersion version = new MediaVersion("/srv/media/music/artist-" + (i / 100) + "/album/track-" + i + ".wav",
					1000 + i, 1_700_000_000_000L + i, null, "(dev=803,ino=" + (10_000_000 + i) + ")");
			service.index(version, "wav", reader, () -> new ByteArrayMediaSource(new byte[16])).block();
		}
		service.cache().cleanUp();
		assertThat(service.cache().estimatedSize() * 394).isLessThanOrEqualTo(bound);
	}

	@Test
	void dropListenersHearOfEveryEntryThatLeavesTheCache() throws IOException {
		TestService service = new TestService(MediaIndexService.boundedByEntries(1, IndexBudget.DEFAULT_MAXIMUM.toBytes(),
				null, Runnable::run, IndexListener.NONE), this::fixedIndex);
		List<MediaVersion> dropped = new ArrayList<>();
		service.delegate().onDropped(dropped::add);
		MediaVersion first = version(write("a.wav", 100));
		MediaVersion second = version(write("b.wav", 100));
		service.index(first).block();
		service.index(second).block();
		service.cache().cleanUp();
		assertThat(dropped).as("evicted for room").hasSize(1).containsAnyOf(first, second);
		MediaVersion kept = dropped.contains(first) ? second : first;
		service.evict(kept.key());
		assertThat(dropped).as("dropped through evict").containsExactlyInAnyOrder(first, second);
	}

	@Test
	void holdsIsTrueOnlyForTheIndexTheCacheHoldsNow() throws IOException {
		TestService service = service(this::fixedIndex);
		MediaVersion version = version(write("a.wav", 100));
		MediaIndex first = ((IndexResult.Indexed) service.index(version).block()).index();
		assertThat(service.delegate().holds(version, first)).isTrue();
		service.evict(version.key());
		assertThat(service.delegate().holds(version, first)).isFalse();
		MediaIndex second = ((IndexResult.Indexed) service.index(version).block()).index();
		assertThat(service.delegate().holds(version, second)).isTrue();
		assertThat(service.delegate().holds(version, first)).as("an earlier index of the same version").isFalse();
		assertThat(service.cache().stats().requestCount()).as("not counted as a look-up").isEqualTo(2);
	}

	@Test
	void successfulReadsAreReportedWithTheirFormat() throws IOException {
		TestService service = service(this::fixedIndex);
		service.index(version(write("a.wav", 100))).block();
		assertThat(this.events).containsExactly("indexed wav");
	}

	private MediaIndex fixedIndex(io.github.mediastreaming.bytes.MediaSource source, IndexBudget budget) {
		this.reads.incrementAndGet();
		return new MediaIndex(source.size(), 1_000_000, 64_000, null);
	}

	private TestService service(MediaIndexReader reader) {
		IndexListener listener = new IndexListener() {
			@Override
			public void indexed(String format, long nanos) {
				MediaIndexServiceTests.this.events.add("indexed " + format);
			}

			@Override
			public void failed(String format, ProbeFailure reason, long nanos) {
				MediaIndexServiceTests.this.events.add("failed " + format + " " + reason.id());
			}
		};
		return new TestService(MediaIndexService.boundedByEntries(100, IndexBudget.DEFAULT_MAXIMUM.toBytes(), null,
				this.executor, listener), reader);
	}

	/** The service with one reader for every file, as the HTTP layer calls it for a WAV file. */
	private record TestService(MediaIndexService delegate, MediaIndexReader reader) {

		Mono<IndexResult> index(MediaVersion version) {
			return this.delegate.index(version, "wav", this.reader,
					() -> FileMediaSource.open(Path.of(version.key())));
		}

		java.util.Optional<IndexResult> cached(MediaVersion version) {
			return this.delegate.cached(version);
		}

		int evict(String key) {
			return this.delegate.evict(key);
		}

		com.github.benmanes.caffeine.cache.Cache<MediaVersion, IndexResult> cache() {
			return this.delegate.cache();
		}

		java.util.OptionalLong retainedBytes() {
			return this.delegate.retainedBytes();
		}

	}

	private Path write(String name, int size) throws IOException {
		return Files.write(this.root.resolve(name), new byte[size]);
	}

	private static MediaVersion version(Path file) {
		try {
			return new MediaVersion(file.toString(), Files.size(file), Files.getLastModifiedTime(file).toMillis(), null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
