package io.github.mediastreaming.http;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.SeekRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Decides what document a request gets before any range applies: the cut a {@code ?start=} asks for,
 * the moov-first reordering of an MP4 whose {@code moov} follows its media, or the file as it is. Plans
 * are cached per file version ({@link SeekPlanCache}); a seeker's failure becomes a client error for
 * the request and a warning in the log, never a 5xx.
 */
final class BodyPlanner {

	private static final Log logger = LogFactory.getLog(BodyPlanner.class);

	private final StreamingOptions options;

	private final SeekPlanCache seekPlans;

	BodyPlanner(StreamingOptions options, SeekPlanCache seekPlans) {
		this.options = options;
		this.seekPlans = seekPlans;
	}

	/**
	 * Plan the document for a request.
	 * @param file the file
	 * @param seek the request's seek parameters
	 * @param index the file's index, {@code null} when it was not needed or could not be built
	 * @return the plan, or an {@link InvalidSeekException} for a seek this file cannot serve
	 */
	Mono<MediaBody> plan(MediaFile file, SeekQuery seek, @Nullable MediaIndex index) {
		MediaSeeker seeker = (index != null) ? index.seeker() : null;
		if (seek.present()) {
			if (seeker == null) {
				return Mono.error(new InvalidSeekException("Seeking is not supported for this file"
						+ ((index == null) ? " (it could not be indexed)" : " (" + file.format().id() + ")")));
			}
			// A seeker may read a few bytes (an MP3 frame boundary): blocking I/O, off the event loop.
			return Mono.fromCallable(() -> {
				SeekRequest request = seek.toRequest(seeker.unit(), this.options.mp4ExactStart());
				return this.seekPlans.get(file.version(), request, () -> {
					try (FileMediaSource source = FileMediaSource.open(file.path())) {
						return seeker.seek(request, source);
					}
				});
			}).subscribeOn(Schedulers.boundedElastic()).onErrorMap(RuntimeException.class, (ex) -> {
				// A seeker bug or an index the file no longer matches: the client gets a 400, the log the cause.
				logger.warn("Cutting " + file.path() + " at " + seek.variant() + " failed", ex);
				return new InvalidSeekException("This file cannot be cut at the requested position");
			});
		}
		MediaBody progressive = (seeker != null && this.options.mp4Faststart())
				? this.seekPlans.progressive(file.version(), () -> progressiveBody(seeker, file)) : null;
		return Mono.just((progressive != null) ? progressive : MediaBody.wholeFile(file.sizeBytes()));
	}

	/** The reordered body, or the file as it is when reordering fails (logged, never the client's problem). */
	private static @Nullable MediaBody progressiveBody(MediaSeeker seeker, MediaFile file) {
		try {
			return seeker.progressiveBody();
		}
		catch (RuntimeException ex) {
			logger.warn("Reordering " + file.path() + " to moov-first failed; serving it as it is", ex);
			return MediaBody.wholeFile(file.sizeBytes());
		}
	}

}
