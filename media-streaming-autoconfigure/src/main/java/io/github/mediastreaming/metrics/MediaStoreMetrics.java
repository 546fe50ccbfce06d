package io.github.mediastreaming.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.mediastreaming.source.MediaStoreListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Records the requests a remote media store makes ({@link MediaMeters#STORE_REQUESTS}, a timer by
 * operation and outcome whose count is the requests and whose time is the store's latency) and the bytes
 * it read ({@link MediaMeters#STORE_BYTES_READ}). Each meter is built on its first use and kept, so a
 * request costs a map lookup, not a registry lookup, and an application serving a local folder exports
 * none of them.
 */
public final class MediaStoreMetrics implements MediaStoreListener {

	private static final Outcome[] OUTCOMES = Outcome.values();

	private final MeterRegistry registry;

	private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();

	private volatile @Nullable Counter bytesRead;

	/**
	 * Create the metrics.
	 * @param registry where meters are registered
	 */
	public MediaStoreMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void requested(String operation, Outcome outcome, long nanos) {
		Timer[] byOutcome = this.timers.computeIfAbsent(operation, (key) -> new Timer[OUTCOMES.length]);
		Timer timer = byOutcome[outcome.ordinal()];
		if (timer == null) {
			// A race builds it twice; Micrometer hands both callers the same meter.
			timer = Timer.builder(MediaMeters.STORE_REQUESTS)
				.description("Requests to the media store by operation and outcome, timed until the store answered")
				.tag(MediaMeters.OPERATION, operation)
				.tag(MediaMeters.OUTCOME, outcome.id())
				.register(this.registry);
			byOutcome[outcome.ordinal()] = timer;
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void bytesRead(long bytes) {
		Counter counter = this.bytesRead;
		if (counter == null) {
			counter = Counter.builder(MediaMeters.STORE_BYTES_READ)
				.description("Bytes read from the media store")
				.baseUnit("bytes")
				.register(this.registry);
			this.bytesRead = counter;
		}
		counter.increment(bytes);
	}

}
