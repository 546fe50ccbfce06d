package io.github.mediastreaming.index;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.bytes.MediaStoreException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Builds and caches the {@link MediaIndex} of each file version. Reading headers is blocking I/O, so it
 * runs on the given executor, never on the event loop; concurrent first requests for one file share
 * one read (Caffeine's async cache), and a file that cannot be indexed is cached too, as an
 * {@link IndexResult.Unindexed}, except after an I/O error, which the next request retries.
 */
public final class MediaIndexService {

	private static final Log logger = LogFactory.getLog(MediaIndexService.class);

	private static final FileProblemLog problems = new FileProblemLog(MediaIndexService.class);

	/** An entry's own objects besides its strings and its index: version, cache node, future, result. */
	private static final int ENTRY_BYTES = 192;

	private final AsyncCache<MediaVersion, IndexResult> cache;

	private final IndexListener listener;

	private final long maximumBytes;

	private final long maximumIndexBytes;

	private final AtomicBoolean warnedOversize = new AtomicBoolean();

	private final Executor executor;

	private final List<Consumer<MediaVersion>> dropListeners;

	private MediaIndexService(AsyncCache<MediaVersion, IndexResult> cache, List<Consumer<MediaVersion>> dropListeners,
			Executor executor, IndexListener listener, long maximumBytes, long maximumIndexBytes) {
		IndexBudget.of(maximumIndexBytes); // validates it
		this.cache = cache;
		this.dropListeners = dropListeners;
		this.executor = executor;
		this.listener = listener;
		this.maximumBytes = maximumBytes;
		this.maximumIndexBytes = maximumIndexBytes;
	}

	/**
	 * Create a service whose cache is bounded by the number of file versions.
	 * @param maximumSize how many file versions to keep
	 * @param maximumIndexBytes the most heap one file's index may take ({@link IndexBudget})
	 * @param expireAfterAccess drop an index unused for this long, {@code null} to keep it until evicted
	 * @param executor where header reads run
	 * @param listener observer of indexing outcomes
	 * @return the service
	 */
	public static MediaIndexService boundedByEntries(long maximumSize, long maximumIndexBytes,
			@Nullable Duration expireAfterAccess, Executor executor, IndexListener listener) {
		List<Consumer<MediaVersion>> dropListeners = new CopyOnWriteArrayList<>();
		return new MediaIndexService(builder(expireAfterAccess, dropListeners).maximumSize(maximumSize).buildAsync(),
				dropListeners, executor, listener, -1, maximumIndexBytes);
	}

	/**
	 * Create a service whose cache is bounded by the memory its indexes hold (as each index estimates
	 * it, with what its entry holds besides: its key and the cache's bookkeeping, a few hundred bytes): an
	 * MP4 index grows with the number of samples, megabytes for a long movie, while an MP3 index is a few
	 * hundred bytes, so a count of entries bounds memory poorly.
	 * @param maximumBytes how much heap the cached indexes may hold
	 * @param maximumIndexBytes the most heap one file's index may take ({@link IndexBudget})
	 * @param expireAfterAccess drop an index unused for this long, {@code null} to keep it until evicted
	 * @param executor where header reads run
	 * @param listener observer of indexing outcomes
	 * @return the service
	 */
	public static MediaIndexService boundedByMemory(long maximumBytes, long maximumIndexBytes,
			@Nullable Duration expireAfterAccess, Executor executor, IndexListener listener) {
		List<Consumer<MediaVersion>> dropListeners = new CopyOnWriteArrayList<>();
		AsyncCache<MediaVersion, IndexResult> cache = builder(expireAfterAccess, dropListeners)
			.maximumWeight(maximumBytes)
			.weigher(MediaIndexService::weight)
			.buildAsync();
		return new MediaIndexService(cache, dropListeners, executor, listener, maximumBytes, maximumIndexBytes);
	}

	private static Caffeine<Object, Object> builder(@Nullable Duration expireAfterAccess,
			List<Consumer<MediaVersion>> dropListeners) {
		// The cache's own upkeep (recording reads, evicting, telling the drop listeners) runs on the thread
		// that uses it: a few microseconds, where handing it to a pool woke a thread every few dozen
		// requests. Index reads run on the executor the service was given (index()).
		Caffeine<Object, Object> builder = Caffeine.newBuilder()
			.executor(Runnable::run)
			.recordStats()
			.removalListener((Object version, Object result, RemovalCause cause) -> {
				if (version != null) {
					dropListeners.forEach((listener) -> listener.accept((MediaVersion) version));
				}
			});
		if (expireAfterAccess != null) {
			builder.expireAfterAccess(expireAfterAccess);
		}
		return builder;
	}

	/**
	 * An entry's heap: its index, and what holds it, which for a small index is most of it (a WAV file's index
	 * estimates itself at 96 bytes; its entry was measured at 394): the version and its strings (path, inode,
	 * tag), Caffeine's node, the future and the result.
	 */
	private static int weight(MediaVersion version, IndexResult result) {
		long bytes = ENTRY_BYTES + stringBytes(version.key()) + stringBytes(version.entityTag())
				+ stringBytes(version.fileIdentity());
		bytes += (result instanceof IndexResult.Indexed indexed) ? indexed.index().retainedBytes()
				: 128 + 2L * ((IndexResult.Unindexed) result).message().length();
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	/** A string's object and array, its characters counted at two bytes (a path outside Latin-1). */
	private static long stringBytes(@Nullable String string) {
		return (string != null) ? 40 + 2L * string.length() : 0;
	}

	/**
	 * Return the memory the cached indexes hold, when the cache is bounded by memory.
	 * @return the estimate in bytes, empty for a cache bounded by entries
	 */
	public OptionalLong retainedBytes() {
		return this.cache.synchronous()
			.policy()
			.eviction()
			.filter((eviction) -> eviction.isWeighted())
			.map((eviction) -> eviction.weightedSize())
			.orElse(OptionalLong.empty());
	}

	/**
	 * Return the index of a file version, reading it on first use; concurrent first requests share one
	 * read.
	 * @param version the file version
	 * @param format the id of the file's format, for metrics and messages
	 * @param reader the format's reader
	 * @param opener opens the file's bytes, off the event loop
	 * @return the cached or newly built result; an error only when the store itself failed
	 * ({@link MediaStoreException}, nothing cached)
	 */
	public Mono<IndexResult> index(MediaVersion version, String format, MediaIndexReader reader, SourceOpener opener) {
		CompletableFuture<IndexResult> future = this.cache.get(version, (key, upkeep) -> CompletableFuture
			.supplyAsync(() -> read(key, format, reader, opener), this.executor));
		if (future.isDone() && !future.isCompletedExceptionally()) {
			IndexResult result = future.join();
			if (!(result instanceof IndexResult.Unindexed unindexed && unindexed.reason() == ProbeFailure.IO_ERROR)) {
				// The common case, a cached index: no future stage, no subscription to a future.
				return Mono.just(result);
			}
		}
		CompletableFuture<IndexResult> retryable = future.handle((result, failure) -> {
			if (failure != null) {
				this.cache.asMap().remove(version, future);
				Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				if (cause instanceof MediaStoreException storeFailure) {
					// The store failed or throttled, not the file: a 502 or 503 for the request, nothing cached.
					throw storeFailure;
				}
				problems.warn(version, "index", "Indexing " + version.key() + " failed", failure);
				return new IndexResult.Unindexed(ProbeFailure.MALFORMED,
						"The reader failed (" + failure.getClass().getSimpleName() + ")");
			}
			if (result instanceof IndexResult.Unindexed unindexed && unindexed.reason() == ProbeFailure.IO_ERROR) {
				// A read error may be passing (a file being copied in, a busy disk): let the next request retry.
				this.cache.asMap().remove(version, future);
			}
			return result;
		});
		// suppressCancel: one client hanging up must not cancel a read other clients wait for.
		return Mono.fromFuture(retryable, true);
	}

	/**
	 * Return the cached result for a file version without reading anything.
	 * @param version the file version
	 * @return the result if it is cached and complete
	 */
	public Optional<IndexResult> cached(MediaVersion version) {
		return completed(this.cache.getIfPresent(version));
	}

	/**
	 * Return whether an index is the one the cache holds for its file version now. What is derived from an
	 * index and cached elsewhere (seek plans) must not outlive it there: it would hold the index's
	 * megabytes after the cache let them go. Not counted as a cache hit or miss (it does count as a use of
	 * the entry for eviction order and expiry, as the request that asks has just used it).
	 * @param version the file version
	 * @param index an index of that version
	 * @return whether the cache holds this very index for the version
	 */
	public boolean holds(MediaVersion version, MediaIndex index) {
		return completed(this.cache.asMap().get(version))
			.filter((result) -> result instanceof IndexResult.Indexed indexed && indexed.index() == index)
			.isPresent();
	}

	/** The result of a cache entry whose read has finished, empty for none or one still being read. */
	private static Optional<IndexResult> completed(@Nullable CompletableFuture<IndexResult> future) {
		return (future != null && future.isDone() && !future.isCompletedExceptionally())
				? Optional.of(future.join()) : Optional.empty();
	}

	/**
	 * Call an action whenever a file version's entry leaves the cache: evicted for room, expired or dropped
	 * through {@link #evict(String)}. It runs after the removal on the thread that removed the entry (a
	 * request's thread, an event loop among them: hand slow work elsewhere), or, for an entry removed while
	 * its index was still being read, on the thread that finishes reading it, and not at all if that read
	 * fails. For caches of what is derived from the index (seek plans), which must let go of it too.
	 * @param action what to do with the version that was dropped
	 */
	public void onDropped(Consumer<MediaVersion> action) {
		this.dropListeners.add(action);
	}

	/**
	 * Drop every cached version of a file.
	 * @param key the file's key in its store ({@link MediaVersion#key()})
	 * @return how many entries were dropped
	 */
	public int evict(String key) {
		int before = this.cache.synchronous().asMap().size();
		this.cache.synchronous().asMap().keySet().removeIf((version) -> version.key().equals(key));
		return before - this.cache.synchronous().asMap().size();
	}

	/**
	 * Return the synchronous view of the cache, for statistics and metrics binding.
	 * @return the cache
	 */
	public Cache<MediaVersion, IndexResult> cache() {
		return this.cache.synchronous();
	}

	private IndexResult read(MediaVersion version, String format, MediaIndexReader reader, SourceOpener opener) {
		long start = System.nanoTime();
		try (MediaSource source = opener.open()) {
			MediaIndex index = reader.read(source, IndexBudget.of(this.maximumIndexBytes));
			this.listener.indexed(format, System.nanoTime() - start);
			warnIfNeverCached(version, index);
			return new IndexResult.Indexed(index);
		}
		catch (MediaFormatException ex) {
			return failed(version, format, ex.reason(), ex.getMessage(), start);
		}
		catch (MediaStoreException ex) {
			// The store failed or throttled, not the file: the request gets a 502 or 503, nothing is cached.
			throw ex;
		}
		catch (IOException ex) {
			// The exception's message names the server path: the log gets it, the actuator endpoint does not.
			if (logger.isDebugEnabled()) {
				logger.debug("Reading " + version.key() + " failed", ex);
			}
			return failed(version, format, ProbeFailure.IO_ERROR,
					"The file could not be read (" + ex.getClass().getSimpleName() + ")", start);
		}
		catch (RuntimeException ex) {
			// A reader bug must not turn into an error for the client: serve the file unpaced.
			problems.warn(version, "index", "Reader for " + format + " failed on " + version.key(), ex);
			return failed(version, format, ProbeFailure.MALFORMED,
					"The " + format + " reader failed (" + ex.getClass().getSimpleName() + ")", start);
		}
		catch (OutOfMemoryError ex) {
			// The budget should have refused the tables first; if a reader allocated without reserving, the
			// array that did not fit was never made, so the heap is intact: refuse the file like the budget.
			problems.warn(version, "index",
					"Indexing " + version.key() + " ran out of memory: its reader allocated beyond its budget", ex);
			return failed(version, format, ProbeFailure.TOO_LARGE, "The index does not fit in memory", start);
		}
	}

	/** An index heavier than the whole cache is evicted at once: say so once, it costs a read per request. */
	private void warnIfNeverCached(MediaVersion version, MediaIndex index) {
		if (this.maximumBytes >= 0 && index.retainedBytes() > this.maximumBytes
				&& this.warnedOversize.compareAndSet(false, true)) {
			logger.warn("The index of " + version.key() + " (" + index.retainedBytes() + " bytes) exceeds "
					+ "media.streaming.cache.maximum-memory (" + this.maximumBytes + " bytes): it is not cached, so "
					+ "the file is indexed again on every request that needs it. Raise the limit. (Logged once.)");
		}
	}

	private IndexResult failed(MediaVersion version, String format, ProbeFailure reason, @Nullable String message,
			long start) {
		this.listener.failed(format, reason, System.nanoTime() - start);
		if (logger.isDebugEnabled()) {
			logger.debug("Serving " + version.key() + " unpaced: " + reason.id() + ": " + message);
		}
		return new IndexResult.Unindexed(reason, (message != null) ? message : reason.id());
	}

}
