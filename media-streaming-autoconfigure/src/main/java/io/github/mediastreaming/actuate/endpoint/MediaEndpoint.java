package io.github.mediastreaming.actuate.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.github.mediastreaming.index.IndexResult;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.index.ProbeFailure;
import io.github.mediastreaming.pacing.BandwidthBudget;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code media} actuator endpoint: {@code GET /actuator/media} lists the active streams, the bytes
 * sent so far and the index cache's figures; {@code GET /actuator/media/{path}} shows the index of one file (indexing it if
 * needed); {@code DELETE /actuator/media/{path}} drops that file's cached index.
 */
@Endpoint(id = "media")
public class MediaEndpoint {

	private final StreamRegistry streams;

	private final MediaIndexService indexService;

	private final MediaStore store;

	private final @Nullable BandwidthBudget budget;

	private final Scheduler blocking;

	/**
	 * Create the endpoint.
	 * @param streams the active streams
	 * @param indexService the index service
	 * @param store where the files are
	 */
	public MediaEndpoint(StreamRegistry streams, MediaIndexService indexService, MediaStore store) {
		this(streams, indexService, store, null);
	}

	/**
	 * Create the endpoint, showing a server-wide bandwidth budget.
	 * @param streams the active streams
	 * @param indexService the index service
	 * @param store where the files are
	 * @param budget the bandwidth budget, {@code null} when there is no cap
	 */
	public MediaEndpoint(StreamRegistry streams, MediaIndexService indexService, MediaStore store,
			@Nullable BandwidthBudget budget) {
		this(streams, indexService, store, budget, Schedulers.boundedElastic());
	}

	/**
	 * Create the endpoint, showing a server-wide bandwidth budget.
	 * @param streams the active streams
	 * @param indexService the index service
	 * @param store where the files are
	 * @param budget the bandwidth budget, {@code null} when there is no cap
	 * @param blocking where look-ups run for a store that may block ({@link MediaStore#opensWithoutBlocking()}
	 * is {@code false}), as the media routes run them
	 */
	public MediaEndpoint(StreamRegistry streams, MediaIndexService indexService, MediaStore store,
			@Nullable BandwidthBudget budget, Scheduler blocking) {
		this.streams = streams;
		this.indexService = indexService;
		this.store = store;
		this.budget = budget;
		this.blocking = blocking;
	}

	/**
	 * Describe the active streams and the cache.
	 * @return the description
	 */
	@ReadOperation
	public MediaDescriptor media() {
		long now = System.nanoTime();
		List<StreamDescriptor> active = this.streams.active()
			.stream()
			.map((stream) -> StreamDescriptor.of(stream, now))
			.toList();
		CacheStats stats = this.indexService.cache().stats();
		OptionalLong memory = this.indexService.retainedBytes();
		CacheDescriptor cache = new CacheDescriptor(this.indexService.cache().estimatedSize(), stats.hitCount(),
				stats.missCount(), stats.evictionCount(), stats.hitRate(),
				memory.isPresent() ? memory.getAsLong() : null);
		BandwidthBudget budget = this.budget;
		BandwidthDescriptor bandwidth = (budget != null) ? new BandwidthDescriptor(budget.bytesPerSecond(),
				budget.inUseBytesPerSecond(), budget.streams()) : null;
		return new MediaDescriptor(active, this.streams.bytesSent(), cache, bandwidth);
	}

	/**
	 * Describe the index of one file.
	 * @param path the path below the media root, one element per segment
	 * @return 200 with the index (or the reason there is none), 404 for no such file
	 */
	@ReadOperation
	public Mono<WebEndpointResponse<Object>> index(@Selector(match = Selector.Match.ALL_REMAINING) String[] path) {
		String relative = String.join("/", path);
		return find(relative).flatMap((file) -> {
			MediaIndexReader reader = file.format().reader();
			Mono<IndexResult> result = (reader != null)
					? this.indexService.index(file.version(), file.format().id(), reader, () -> this.store.open(file))
					: Mono.just(new IndexResult.Unindexed(ProbeFailure.UNKNOWN_FORMAT, "No reader for this format"));
			return result.map((found) -> new WebEndpointResponse<Object>(IndexDescriptor.of(relative, file, found)));
		}).defaultIfEmpty(new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
	}

	/**
	 * Drop the cached index of one file, so the next request reads it again.
	 * @param path the path below the media root, one element per segment
	 * @return 200 with how many cached versions were dropped, 404 for no such file
	 */
	@DeleteOperation
	public Mono<WebEndpointResponse<Object>> evict(@Selector(match = Selector.Match.ALL_REMAINING) String[] path) {
		String relative = String.join("/", path);
		return find(relative)
			.map((file) -> new WebEndpointResponse<Object>(
					new EvictionDescriptor(relative, this.indexService.evict(file.key()))))
			.defaultIfEmpty(new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
	}

	/**
	 * Look a file up as the media routes would: a path they refuse is no file, and no store sees it; a store
	 * that may block is asked off the event loop, which the endpoint's requests share with the streams.
	 */
	private Mono<MediaFile> find(String relative) {
		if (!MediaStore.isSafePath(relative)) {
			return Mono.empty();
		}
		Mono<MediaFile> found = this.store.find(relative);
		return this.store.opensWithoutBlocking() ? found : found.subscribeOn(this.blocking);
	}

	/**
	 * The endpoint's main document.
	 *
	 * @param streams the active streams, oldest first
	 * @param bytesSent the body bytes every stream sent since the server started, active ones included;
	 * it only grows, so the difference of two readings is the egress between them
	 * @param cache the index cache's figures
	 * @param bandwidth the server-wide bandwidth budget, {@code null} when there is no cap
	 */
	public record MediaDescriptor(List<StreamDescriptor> streams, long bytesSent, CacheDescriptor cache,
			@Nullable BandwidthDescriptor bandwidth) {

	}

	/**
	 * The server-wide bandwidth budget in use.
	 *
	 * @param limitBytesPerSecond the cap
	 * @param inUseBytesPerSecond what the streams took over the last split
	 * @param streams how many streams share it
	 */
	public record BandwidthDescriptor(long limitBytesPerSecond, long inUseBytesPerSecond, int streams) {

	}

	/**
	 * One active stream.
	 *
	 * @param id the stream's id
	 * @param path the request path
	 * @param format the file's format
	 * @param kind plain, range or seek
	 * @param client the client's address
	 * @param start the requested seek start
	 * @param targetRate the paced rate in bytes/s, 0 when unpaced
	 * @param bodyBytes the response body's length
	 * @param bytesSent the bytes sent so far
	 * @param elapsedSeconds the time since the request arrived
	 * @param state unpaced, boosting, paced or client_bound
	 * @param lead seconds of media the client holds beyond what a player that started at the first byte
	 * has played, {@code null} for an unpaced stream or before the first byte
	 */
	public record StreamDescriptor(long id, String path, String format, String kind, @Nullable String client,
			@Nullable String start, long targetRate, long bodyBytes, long bytesSent, double elapsedSeconds,
			String state, @Nullable Double lead) {

		static StreamDescriptor of(ActiveStream stream, long now) {
			Duration elapsed = stream.elapsed(now);
			Double lead = stream.leadSeconds(now);
			return new StreamDescriptor(stream.id(), stream.path(), stream.format().id(), stream.kind().id(),
					stream.client(), stream.start(), stream.targetBytesPerSecond(), stream.bodyBytes(),
					stream.bytesSent(), elapsed.toNanos() / 1e9, stream.state().id(),
					(lead != null) ? Math.round(lead * 1000) / 1000.0 : null);
		}

	}

	/**
	 * Figures of the index cache.
	 *
	 * @param size the number of cached file versions (estimated)
	 * @param hits lookups that found an index
	 * @param misses lookups that had to read a file
	 * @param evictions entries dropped for size or age
	 * @param hitRate hits / lookups
	 * @param memoryBytes the heap the cached indexes hold (estimated), {@code null} when the cache is bounded
	 * by entries
	 */
	public record CacheDescriptor(long size, long hits, long misses, long evictions, double hitRate,
			@Nullable Long memoryBytes) {

	}

	/**
	 * The index of one file.
	 *
	 * @param path the path below the media root
	 * @param format the container format
	 * @param sizeBytes the file size
	 * @param indexed whether the file could be indexed
	 * @param duration the duration in seconds (0 when unknown)
	 * @param bitrate the pacing bitrate in bits/s (0 when unknown)
	 * @param declaredBitrate the bitrate the container declares, bits/s
	 * @param seekable whether {@code ?start=} works for this file
	 * @param seekUnit bytes or seconds, {@code null} when not seekable
	 * @param failure why the file could not be indexed, {@code null} when it was
	 * @param failureDetail what went wrong, {@code null} when it was indexed
	 */
	public record IndexDescriptor(String path, String format, long sizeBytes, boolean indexed, double duration,
			long bitrate, long declaredBitrate, boolean seekable, @Nullable String seekUnit, @Nullable String failure,
			@Nullable String failureDetail) {

		static IndexDescriptor of(String path, MediaFile file, IndexResult result) {
			if (result instanceof IndexResult.Indexed indexed) {
				MediaIndex index = indexed.index();
				return new IndexDescriptor(path, file.format().id(), file.sizeBytes(), true, index.durationSeconds(),
						index.bitrate(), index.declaredBitrate(), index.seekable(),
						(index.seeker() != null) ? index.seeker().unit().name().toLowerCase(Locale.ROOT) : null,
						null, null);
			}
			IndexResult.Unindexed unindexed = (IndexResult.Unindexed) result;
			return new IndexDescriptor(path, file.format().id(), file.sizeBytes(), false, 0, 0, 0, false, null,
					unindexed.reason().id(), unindexed.message());
		}

	}

	/**
	 * Result of an eviction.
	 *
	 * @param path the path below the media root
	 * @param evicted how many cached versions were dropped
	 */
	public record EvictionDescriptor(String path, int evicted) {

	}

}
