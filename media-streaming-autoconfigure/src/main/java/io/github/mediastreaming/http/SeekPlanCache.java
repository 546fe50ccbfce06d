package io.github.mediastreaming.http;

import java.io.IOException;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.FileVersion;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.SeekRequest;
import org.jspecify.annotations.Nullable;

/**
 * Recently built {@code ?start=} plans, by file version and request. A browser that plays a seeked URL
 * sends several Range requests for the same document; without this each would rebuild it (for a 2-hour
 * MP4, a 2 MB {@code moov}); the same goes for the faststart reordering of a file whose {@code moov} is at
 * the end. Bounded by the bytes the plans hold in memory; rejected seeks are not kept.
 */
public final class SeekPlanCache {

	private final Cache<Key, MediaBody> plans;

	/**
	 * Create a cache.
	 * @param maximumBytes the most in-memory bytes (rebuilt headers) to keep; 0 disables the cache
	 */
	public SeekPlanCache(long maximumBytes) {
		this.plans = Caffeine.newBuilder()
			.maximumWeight(maximumBytes)
			.weigher((Key key, MediaBody body) -> weight(body))
			.build();
	}

	/**
	 * Return the cached plan or build it.
	 * @param version the file version
	 * @param request the seek
	 * @param planner builds the plan on a miss
	 * @return the plan
	 * @throws InvalidSeekException if the request cannot be served (never cached)
	 * @throws IOException if building the plan fails
	 */
	MediaBody get(FileVersion version, SeekRequest request, Planner planner) throws InvalidSeekException, IOException {
		Key key = new Key(version, request);
		MediaBody cached = this.plans.getIfPresent(key);
		if (cached != null) {
			return cached;
		}
		MediaBody plan = planner.plan();
		this.plans.put(key, plan);
		return plan;
	}

	/**
	 * Return the cached progressive (faststart) plan of a file or build it.
	 * @param version the file version
	 * @param planner builds the plan on a miss, {@code null} when the file is served as it is
	 * @return the plan, or {@code null} when the file is served as it is
	 */
	@Nullable MediaBody progressive(FileVersion version, Supplier<@Nullable MediaBody> planner) {
		return this.plans.get(new Key(version, null), (key) -> planner.get());
	}

	private static int weight(MediaBody body) {
		long bytes = 64;
		for (BodyPart part : body.parts()) {
			if (part instanceof BodyPart.Bytes) {
				bytes += part.length();
			}
		}
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	/** Builds a plan. */
	@FunctionalInterface
	interface Planner {

		MediaBody plan() throws InvalidSeekException, IOException;

	}

	/** A plan's key; a {@code null} request stands for the progressive plan. */
	private record Key(FileVersion version, @Nullable SeekRequest request) {

	}

}
