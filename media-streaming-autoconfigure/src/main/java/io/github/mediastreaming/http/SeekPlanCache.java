package io.github.mediastreaming.http;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaVersion;
import io.github.mediastreaming.index.SeekRequest;
import org.jspecify.annotations.Nullable;

/**
 * Recently built documents of seeks and reorderings, by file version and by what decides the output (a
 * seeker's {@link io.github.mediastreaming.index.MediaSeeker#canonical canonical} request). A browser that
 * plays a seeked URL sends several Range requests for the same document; without this each would rebuild
 * it, and requests that race for a new document each build it once: the first builds, the others wait
 * for its result (Caffeine computes each key once). Bounded by the bytes the plans hold in memory;
 * rejected seeks are not kept.
 * <p>
 * A plan refers to the index it was cut from (an MP4 cut's {@code moov} is produced from the index's
 * tables as it is sent), so the plans of a file version must leave when its index leaves the index cache
 * ({@link #drop(MediaVersion)}): otherwise each would keep megabytes alive that its weight does not count,
 * and a file indexed again (evicted, changed, dropped through the actuator) would keep every old index
 * that a plan was cut from.
 */
public final class SeekPlanCache {

	private final Cache<Key, MediaBody> plans;

	/**
	 * The cached plans of each file version, by key, so that dropping a version's plans walks only them.
	 * The plan itself is kept beside its key so that a plan leaving the cache untracks itself only: a new
	 * plan may have been built under the same key before the old one's removal was reported.
	 */
	private final Map<MediaVersion, Map<Key, MediaBody>> plansByVersion = new ConcurrentHashMap<>();

	/**
	 * Create a cache.
	 * @param maximumBytes the most in-memory bytes (rebuilt headers) to keep; 0 keeps nothing (requests
	 * racing for one document still share its build)
	 */
	public SeekPlanCache(long maximumBytes) {
		this.plans = Caffeine.newBuilder()
			// Upkeep on the caller's thread: handing it to a pool woke a thread every few dozen requests.
			.executor(Runnable::run)
			.maximumWeight(maximumBytes)
			.weigher((Key key, MediaBody body) -> weight(body))
			.removalListener((@Nullable Key key, @Nullable MediaBody body, RemovalCause cause) -> {
				if (key != null && body != null) {
					untrack(key, body);
				}
			})
			.build();
	}

	/**
	 * Return a cached plan without building anything.
	 * @param version the file version
	 * @param request the canonical seek, {@code null} for the file's progressive (reordered) plan
	 * @return the plan, {@code null} when not cached
	 */
	@Nullable MediaBody cached(MediaVersion version, @Nullable SeekRequest request) {
		return this.plans.getIfPresent(new Key(version, request));
	}

	/**
	 * Return the cached plan or build it, once per key however many requests race for it.
	 * @param version the file version
	 * @param request the canonical seek, {@code null} for the file's progressive (reordered) plan
	 * @param planner builds the plan on a miss; {@code null} from it means no plan (not cached)
	 * @return the plan, {@code null} when the planner gave none
	 * @throws InvalidSeekException if the request cannot be served (never cached)
	 * @throws IOException if building the plan fails
	 */
	@Nullable MediaBody get(MediaVersion version, @Nullable SeekRequest request, Planner planner)
			throws InvalidSeekException, IOException {
		try {
			return this.plans.get(new Key(version, request), (key) -> {
				try {
					MediaBody plan = planner.plan();
					if (plan != null) {
						this.plansByVersion.computeIfAbsent(version, (v) -> new ConcurrentHashMap<>()).put(key, plan);
					}
					return plan;
				}
				catch (InvalidSeekException | IOException ex) {
					throw new PlanningFailure(ex);
				}
			});
		}
		catch (PlanningFailure failure) {
			if (failure.getCause() instanceof InvalidSeekException invalid) {
				throw invalid;
			}
			throw (IOException) failure.getCause();
		}
	}

	/**
	 * Drop every plan of a file version, as its index leaves the index cache. Touches only that version's
	 * plans: it runs wherever the index cache evicts, an event loop included.
	 * @param version the file version
	 */
	public void drop(MediaVersion version) {
		Map<Key, MediaBody> dropped = this.plansByVersion.remove(version);
		if (dropped != null) {
			this.plans.invalidateAll(dropped.keySet());
		}
	}

	/**
	 * Drop one plan if it is still the one cached for its key: it was cut from an index that left the index
	 * cache while it was being built, so {@link #drop(MediaVersion)} may have run before it was cached.
	 * @param version the file version
	 * @param request the canonical seek, {@code null} for the progressive plan
	 * @param plan the plan
	 */
	void forget(MediaVersion version, @Nullable SeekRequest request, MediaBody plan) {
		// By identity: an equal plan cut from the current index must stay.
		this.plans.asMap().computeIfPresent(new Key(version, request), (key, cached) -> (cached == plan) ? null : cached);
	}

	/** @return how many file versions have plans tracked for {@link #drop(MediaVersion)}; for tests */
	int trackedVersions() {
		return this.plansByVersion.size();
	}

	/** A plan left the cache: stop tracking it, unless another plan was built under its key meanwhile. */
	private void untrack(Key key, MediaBody plan) {
		this.plansByVersion.computeIfPresent(key.version(), (version, tracked) -> {
			tracked.computeIfPresent(key, (same, current) -> (current == plan) ? null : current);
			return tracked.isEmpty() ? null : tracked;
		});
	}

	private static int weight(MediaBody body) {
		long bytes = 64;
		for (BodyPart part : body.parts()) {
			bytes += 32;
			if (part instanceof BodyPart.Bytes) {
				bytes += part.length();
			}
			else if (part instanceof BodyPart.Generated generated) {
				// A generated part holds its plan (a rebuilt moov's segments), not its bytes.
				bytes += generated.content().retainedBytes();
			}
		}
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	/** Builds a plan. */
	@FunctionalInterface
	interface Planner {

		@Nullable MediaBody plan() throws InvalidSeekException, IOException;

	}

	/** Carries a planner's checked exception out of the cache's mapping function. */
	private static final class PlanningFailure extends RuntimeException {

		PlanningFailure(Exception cause) {
			super(cause);
		}

	}

	/** A plan's key; a {@code null} request stands for the progressive plan. */
	private record Key(MediaVersion version, @Nullable SeekRequest request) {

	}

}
