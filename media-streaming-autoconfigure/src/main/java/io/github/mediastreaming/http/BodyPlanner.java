package io.github.mediastreaming.http;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.FileProblemLog;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexService;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.MediaVersion;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.bytes.MediaStoreException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Decides what document a request gets before any range applies: the cut a {@code ?start=} asks for,
 * the reordering of a file that plays progressively only reordered (an MP4 whose {@code moov} follows
 * its media), or the file as it is. Plans come from the {@link SeekPlanCache} when they can. A new one is
 * built where the request is for a store whose reads do not block (a local folder: the plan comes from
 * the cached index and at most a few bytes of the page cache), and otherwise on the blocking scheduler,
 * at most {@code maxBuilds} at once: past that a request gets a 503 with {@code Retry-After} rather than
 * let a seek storm claim the heap. A seeker's failure becomes a client error for the request and a
 * warning in the log, never a 5xx.
 */
final class BodyPlanner {

	private static final FileProblemLog problems = new FileProblemLog(BodyPlanner.class);

	private static final int BUILD_PENDING = 0;

	private static final int BUILD_RUNNING = 1;

	private static final int BUILD_DONE = 2;

	private final SeekPlanCache plans;

	private final MediaIndexService indexService;

	private final Scheduler blocking;

	private final Semaphore builds;

	BodyPlanner(SeekPlanCache plans, MediaIndexService indexService, Scheduler blocking, int maxBuilds) {
		this.plans = plans;
		this.indexService = indexService;
		this.blocking = blocking;
		this.builds = new Semaphore(maxBuilds);
		// A plan holds its index: when the index leaves its cache, its plans leave theirs. Not on the thread
		// that evicted the index (an event loop, often): a remote store's plan is built inside the plan
		// cache's compute, and removing a plan that shares its bin would wait for that build's read.
		indexService.onDropped(this::dropLater);
	}

	/**
	 * Plan the document for a request.
	 * @param store where the file is, for seekers that read a few bytes
	 * @param file the file
	 * @param seek the request's seek, {@code null} for none
	 * @param reorder whether a plain request may get the file reordered for progressive playback
	 * @param index the file's index, {@code null} when it was not needed or could not be built
	 * @return the plan; an {@link InvalidSeekException} for a seek this file cannot serve, a
	 * {@link BusyException} when too many plans are being built
	 */
	Mono<MediaBody> plan(MediaStore store, MediaFile file, @Nullable SeekRequest seek, boolean reorder,
			@Nullable MediaIndex index) {
		MediaSeeker seeker = (index != null) ? index.seeker() : null;
		if (seek != null) {
			SeekRequest canonical;
			try {
				canonical = canonical(file, seek, index);
			}
			catch (InvalidSeekException ex) {
				return Mono.error(ex);
			}
			MediaBody cached = this.plans.cached(file.version(), canonical);
			if (cached != null) {
				return Mono.just(cached);
			}
			return build(store, () -> keepIfCurrent(file, canonical, index, this.plans.get(file.version(), canonical, () -> {
				// A seeker may read a few bytes (an MP3 frame boundary).
				try (MediaSource source = store.open(file)) {
					return seeker.seek(canonical, source);
				}
			}))).onErrorMap((ex) -> ex instanceof RuntimeException && !(ex instanceof BusyException)
					&& !(ex instanceof MediaStoreException),
					(ex) -> seekerFailed(file, seek, (RuntimeException) ex));
		}
		if (reorder && seeker != null) {
			MediaBody cached = this.plans.cached(file.version(), null);
			if (cached != null) {
				return Mono.just(cached);
			}
			// Made from the index alone; a file that needs no reordering caches the whole file as its plan,
			// so later requests find it here instead of asking the seeker again.
			return build(store, () -> keepIfCurrent(file, null, index,
					this.plans.get(file.version(), null, () -> progressiveBody(seeker, file))));
		}
		return Mono.just(MediaBody.wholeFile(file.sizeBytes()));
	}

	/**
	 * Build a plan. From a store whose reads do not block (a local folder) the build runs on the calling
	 * thread: it is made from the cached index and at most a few bytes of the page cache (an MP3 frame
	 * boundary), in microseconds, quicker than a hop to another thread and back, and the event loops
	 * themselves bound how many run at once. A remote store's builds wait on the store: they run on the
	 * blocking scheduler, at most {@code maxBuilds} at once.
	 */
	private Mono<MediaBody> build(MediaStore store, SeekPlanCache.Planner planner) {
		if (store.readsWithoutBlocking()) {
			return Mono.fromCallable(planner::plan);
		}
		if (!this.builds.tryAcquire()) {
			return Mono.error(new BusyException());
		}
		// The permit is the build's, not the request's: a client that hangs up does not stop a build that has
		// started (a blocking read may not heed the interrupt), so it is given back when the build ends, or on
		// a cancel that came before the build started.
		AtomicInteger state = new AtomicInteger(BUILD_PENDING);
		return Mono.fromCallable(() -> {
			if (!state.compareAndSet(BUILD_PENDING, BUILD_RUNNING)) {
				return null;
			}
			try {
				return planner.plan();
			}
			finally {
				state.set(BUILD_DONE);
				this.builds.release();
			}
		}).subscribeOn(this.blocking).doFinally((signal) -> {
			if (state.compareAndSet(BUILD_PENDING, BUILD_DONE)) {
				this.builds.release();
			}
		});
	}

	private void dropLater(MediaVersion version) {
		try {
			this.blocking.schedule(() -> this.plans.drop(version));
		}
		catch (RejectedExecutionException ex) {
			this.plans.drop(version);
		}
	}

	/**
	 * Leave a new plan cached only while the index it was cut from is still the cached one: an index that
	 * left its cache during the build may have had its plans dropped before this one was cached.
	 */
	private @Nullable MediaBody keepIfCurrent(MediaFile file, @Nullable SeekRequest request,
			@Nullable MediaIndex index, @Nullable MediaBody plan) {
		if (plan != null && (index == null || !this.indexService.holds(file.version(), index))) {
			this.plans.forget(file.version(), request, plan);
		}
		return plan;
	}

	/** A seeker bug or an index the file no longer matches: the client gets a 400, the log the cause. */
	/**
	 * Check a seek against the file's index without planning it (a conditional seek's 304 needs no cut).
	 * @param file the file
	 * @param seek where to start (and end), as the client asked
	 * @param index the file's index, {@code null} when it could not be built
	 * @return the request that decides the seek's document
	 * @throws InvalidSeekException for a seek this file cannot serve, or a seeker that failed on it
	 */
	static SeekRequest canonical(MediaFile file, SeekRequest seek, @Nullable MediaIndex index)
			throws InvalidSeekException {
		MediaSeeker seeker = (index != null) ? index.seeker() : null;
		if (seeker == null) {
			throw new InvalidSeekException("Seeking is not supported for this file"
					+ ((index == null) ? " (it could not be indexed)" : ""));
		}
		try {
			return seeker.canonical(seek);
		}
		catch (RuntimeException ex) {
			throw seekerFailed(file, seek, ex);
		}
	}

	private static InvalidSeekException seekerFailed(MediaFile file, SeekRequest seek, RuntimeException ex) {
		problems.warn(file.version(), "cut", "Cutting " + file.relativePath() + " at " + seek + " failed", ex);
		return new InvalidSeekException("This file cannot be cut at the requested position");
	}

	/**
	 * The reordered body; the file as it is when it needs no reordering, or when reordering fails (logged,
	 * never the client's problem).
	 */
	private static MediaBody progressiveBody(MediaSeeker seeker, MediaFile file) {
		try {
			MediaBody body = seeker.progressiveBody();
			return (body != null) ? body : MediaBody.wholeFile(file.sizeBytes());
		}
		catch (RuntimeException ex) {
			problems.warn(file.version(), "reorder",
					"Reordering " + file.relativePath() + " to moov-first failed; serving it as it is", ex);
			return MediaBody.wholeFile(file.sizeBytes());
		}
	}

	/** Too many plans are being built at once: the client should retry shortly. */
	static final class BusyException extends RuntimeException {

		BusyException() {
			super("Too many seek documents are being built; retry shortly", null, false, false);
		}

	}

}
