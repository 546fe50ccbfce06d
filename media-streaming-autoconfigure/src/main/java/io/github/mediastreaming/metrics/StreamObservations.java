package io.github.mediastreaming.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamListener;
import io.github.mediastreaming.stream.StreamOutcome;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * One {@link Observation} named {@code media.stream} per stream, from the start of its body (the stream
 * opening) to its end, so a tracing user sees a span per stream (with low-cardinality keys format, kind,
 * paced and outcome, and the path and bytes sent as high-cardinality keys).
 * <p>
 * A body of at most {@link #DEFAULT_MINIMUM_BODY_BYTES} (a player's probe of the first kilobytes; from a
 * local file, unpaced or within its boost, it goes out with its headers in one write) is an answer rather
 * than a stream, and is not observed, whatever path it takes: it is the request, which
 * {@code http.server.requests} observes already, and with Boot's meter handler a second observation (a
 * timer and a long-task timer looked up and updated) cost about a seventh of such a request's time. Such bodies are still counted in the stream metrics and listed by the endpoint while
 * they are sent.
 */
public final class StreamObservations implements StreamListener {

	/** Name of the observation. */
	public static final String NAME = "media.stream";

	/** Largest body not observed by default: the size sent with the headers in one write. */
	public static final long DEFAULT_MINIMUM_BODY_BYTES = 32 * 1024;

	private final ObservationRegistry registry;

	private final long minimumBodyBytes;

	private final Map<Long, Observation> observations = new ConcurrentHashMap<>();

	/**
	 * Create the observer of streams whose body is larger than {@link #DEFAULT_MINIMUM_BODY_BYTES}.
	 * @param registry the observation registry
	 */
	public StreamObservations(ObservationRegistry registry) {
		this(registry, DEFAULT_MINIMUM_BODY_BYTES);
	}

	/**
	 * Create the observer.
	 * @param registry the observation registry
	 * @param minimumBodyBytes bodies up to this size are not observed; 0 observes every stream
	 */
	public StreamObservations(ObservationRegistry registry, long minimumBodyBytes) {
		if (minimumBodyBytes < 0) {
			throw new IllegalArgumentException("The minimum body size must not be negative, was " + minimumBodyBytes);
		}
		this.registry = registry;
		this.minimumBodyBytes = minimumBodyBytes;
	}

	@Override
	public void opened(ActiveStream stream) {
		if (this.minimumBodyBytes > 0 && stream.bodyBytes() <= this.minimumBodyBytes) {
			return;
		}
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("media " + stream.kind().id())
			.lowCardinalityKeyValues(KeyValues.of(MediaMeters.FORMAT, stream.format().id(), MediaMeters.KIND,
					stream.kind().id(), MediaMeters.PACED, String.valueOf(stream.targetBytesPerSecond() > 0)))
			.highCardinalityKeyValue("media.path", stream.path())
			.start();
		this.observations.put(stream.id(), observation);
	}

	@Override
	public void closed(ActiveStream stream, StreamOutcome outcome, long nanoTime) {
		Observation observation = this.observations.remove(stream.id());
		if (observation != null) {
			observation.lowCardinalityKeyValue(MediaMeters.OUTCOME, outcome.id())
				.highCardinalityKeyValue("media.bytes.sent", String.valueOf(stream.bytesSent()))
				.stop();
		}
	}

	/**
	 * Return how many observations are open, for tests.
	 * @return the count
	 */
	int open() {
		return this.observations.size();
	}

}
