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
 * One {@link Observation} named {@code media.stream} per stream, from its first byte to its end, so a
 * tracing user sees a span per stream (with low-cardinality keys format, kind, paced and outcome, and
 * the path and bytes sent as high-cardinality keys).
 */
public final class StreamObservations implements StreamListener {

	/** Name of the observation. */
	public static final String NAME = "media.stream";

	private final ObservationRegistry registry;

	private final Map<Long, Observation> observations = new ConcurrentHashMap<>();

	/**
	 * Create the observer.
	 * @param registry the observation registry
	 */
	public StreamObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void opened(ActiveStream stream) {
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
