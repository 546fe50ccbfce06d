package io.github.mediastreaming.metrics;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.index.ProbeFailure;
import io.github.mediastreaming.pacing.BandwidthBudget;
import io.github.mediastreaming.signing.Verdict;
import io.github.mediastreaming.signing.VerificationListener;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamKind;
import io.github.mediastreaming.stream.StreamListener;
import io.github.mediastreaming.stream.StreamOutcome;
import io.github.mediastreaming.stream.StreamRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Records media-streaming's meters from stream and index events. Every meter has low-cardinality tags
 * only (format, kind, status family, outcome), never the path or the client, and is built once per tag
 * combination and kept, so an event costs a map lookup by format and array reads, not a registry lookup.
 * Events come once per answer and once per stream's first byte and end, never per buffer: the streams' bytes
 * and waits are read from the stream registry's running totals ({@link #bindStreamTotals}).
 *
 * <p>Bytes saved by pacing are estimated per hung-up paced stream as {@code body length - bytes sent}:
 * an unpaced server hands a fast client the whole response, buffered by the client's player or kernel,
 * before the viewer stops, so a hang-up costs it the whole body. The figure is an upper bound for clients
 * on slow links, which could not have taken the whole body anyway.
 */
public final class MediaStreamingMetrics implements StreamListener, IndexListener, VerificationListener {

	private static final StreamKind[] KINDS = StreamKind.values();

	private static final StreamOutcome[] OUTCOMES = StreamOutcome.values();

	private final MeterRegistry registry;

	private final Map<String, FormatMeters> formats = new ConcurrentHashMap<>();

	/** By verdict, each built on its first refusal. */
	private final Counter[] refusals = new Counter[Verdict.values().length];

	/**
	 * Create the metrics.
	 * @param registry where meters are registered
	 */
	public MediaStreamingMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Register the gauge of active streams.
	 * @param streams the registry of streams
	 */
	public void bindActiveStreams(StreamRegistry streams) {
		Gauge.builder(MediaMeters.ACTIVE, streams, StreamRegistry::size)
			.description("Media streams being sent now")
			.register(this.registry);
	}

	/**
	 * Register the counters of body bytes handed to connections and of the time paced streams waited for
	 * their pacer and for their clients, one of each per format, read from the registry's running totals:
	 * they grow as streams send and wait, so the egress of a two-hour paced film shows while it goes out,
	 * not in one spike when its viewer leaves. (Zero-copy sends count a write once it completes.)
	 * @param streams the registry of streams
	 * @param formats the ids of the formats streams can have
	 */
	public void bindStreamTotals(StreamRegistry streams, Collection<String> formats) {
		for (String format : formats) {
			FunctionCounter.builder(MediaMeters.BYTES_SENT, streams, (registry) -> registry.bytesSent(format))
				.description("Media body bytes handed to connections")
				.baseUnit("bytes")
				.tag(MediaMeters.FORMAT, format)
				.register(this.registry);
			FunctionCounter
				.builder(MediaMeters.PACER_WAIT, streams, (registry) -> registry.pacerWaitNanos(format) / 1e9)
				.description("Seconds paced streams waited for the pacer's schedule")
				.baseUnit("seconds")
				.tag(MediaMeters.FORMAT, format)
				.register(this.registry);
			FunctionCounter
				.builder(MediaMeters.CLIENT_WAIT, streams, (registry) -> registry.clientWaitNanos(format) / 1e9)
				.description("Seconds paced streams waited for a client slower than the target rate")
				.baseUnit("seconds")
				.tag(MediaMeters.FORMAT, format)
				.register(this.registry);
		}
	}

	/**
	 * Register the gauges of a server-wide bandwidth budget: its cap and what the streams take of it.
	 * @param budget the budget
	 */
	public void bindBandwidth(BandwidthBudget budget) {
		Gauge.builder(MediaMeters.BANDWIDTH_LIMIT, budget, BandwidthBudget::bytesPerSecond)
			.description("The cap on the bytes per second all media responses send together")
			.baseUnit("bytes")
			.register(this.registry);
		Gauge.builder(MediaMeters.BANDWIDTH_IN_USE, budget, BandwidthBudget::inUseBytesPerSecond)
			.description("Bytes per second media responses took of the bandwidth cap over its last split")
			.baseUnit("bytes")
			.register(this.registry);
	}

	@Override
	public void answered(StreamKind kind, MediaFormat format, int status) {
		meters(format.id()).requests(kind, Math.max(1, Math.min(5, status / 100))).increment();
	}

	@Override
	public void firstByte(ActiveStream stream) {
		Duration firstByte = stream.timeToFirstByte();
		if (firstByte != null) {
			meters(stream.format().id()).firstByte(stream.kind()).record(firstByte.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void closed(ActiveStream stream, StreamOutcome outcome, long nanoTime) {
		FormatMeters meters = meters(stream.format().id());
		boolean paced = stream.targetBytesPerSecond() > 0;
		meters.streams(paced, outcome).increment();
		if (outcome == StreamOutcome.CANCELLED) {
			meters.hangups(paced).increment();
			if (paced) {
				meters.bytesSaved().increment(Math.max(0, stream.bodyBytes() - stream.bytesSent()));
			}
		}
	}

	@Override
	public void indexed(String format, long nanos) {
		meters(format).indexDuration().record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void failed(String format, ProbeFailure reason, long nanos) {
		Counter.builder(MediaMeters.INDEX_FAILURES)
			.description("Media files that could not be indexed and are served unpaced")
			.tag(MediaMeters.FORMAT, format)
			.tag(MediaMeters.REASON, reason.id())
			.register(this.registry)
			.increment();
	}

	@Override
	public void refused(Verdict verdict) {
		Counter counter = this.refusals[verdict.ordinal()];
		if (counter == null) {
			counter = Counter.builder(MediaMeters.SIGNED_URLS_REFUSED)
				.description("Media requests refused for a missing, wrong, expired or too long-lived signed link")
				.tag(MediaMeters.REASON, verdict.id())
				.register(this.registry);
			this.refusals[verdict.ordinal()] = counter;
		}
		counter.increment();
	}

	private FormatMeters meters(String format) {
		FormatMeters meters = this.formats.get(format);
		return (meters != null) ? meters
				: this.formats.computeIfAbsent(format, (id) -> new FormatMeters(this.registry, id));
	}

	/**
	 * The meters of one format, each built on its first use and kept (a race builds it twice, and
	 * Micrometer hands both callers the same meter), so that no series is exported before it has a value.
	 */
	private static final class FormatMeters {

		private final MeterRegistry registry;

		private final String format;

		/** By kind, then status family 1xx to 5xx. */
		private final Counter[][] requests = new Counter[KINDS.length][5];

		/** By paced (0, 1), then outcome. */
		private final Counter[][] streams = new Counter[2][OUTCOMES.length];

		/** By kind. */
		private final Timer[] firstByte = new Timer[KINDS.length];

		/** By paced (0, 1). */
		private final Counter[] hangups = new Counter[2];

		private volatile @Nullable Counter bytesSaved;

		private volatile @Nullable Timer indexDuration;

		FormatMeters(MeterRegistry registry, String format) {
			this.registry = registry;
			this.format = format;
		}

		Counter requests(StreamKind kind, int family) {
			Counter counter = this.requests[kind.ordinal()][family - 1];
			if (counter == null) {
				counter = Counter.builder(MediaMeters.REQUESTS)
					.description("Media requests answered, by kind, format and status family")
					.tag(MediaMeters.KIND, kind.id())
					.tag(MediaMeters.FORMAT, this.format)
					.tag(MediaMeters.STATUS, family + "xx")
					.register(this.registry);
				this.requests[kind.ordinal()][family - 1] = counter;
			}
			return counter;
		}

		Counter streams(boolean paced, StreamOutcome outcome) {
			int pacedIndex = paced ? 1 : 0;
			Counter counter = this.streams[pacedIndex][outcome.ordinal()];
			if (counter == null) {
				counter = Counter.builder(MediaMeters.STREAMS)
					.description("Media streams ended, by format, pacing and outcome")
					.tag(MediaMeters.FORMAT, this.format)
					.tag(MediaMeters.PACED, String.valueOf(paced))
					.tag(MediaMeters.OUTCOME, outcome.id())
					.register(this.registry);
				this.streams[pacedIndex][outcome.ordinal()] = counter;
			}
			return counter;
		}

		Timer firstByte(StreamKind kind) {
			Timer timer = this.firstByte[kind.ordinal()];
			if (timer == null) {
				timer = Timer.builder(MediaMeters.FIRST_BYTE)
					.description("Time from a media request's arrival to its first body byte")
					.tag(MediaMeters.KIND, kind.id())
					.tag(MediaMeters.FORMAT, this.format)
					.register(this.registry);
				this.firstByte[kind.ordinal()] = timer;
			}
			return timer;
		}

		Counter hangups(boolean paced) {
			int pacedIndex = paced ? 1 : 0;
			Counter counter = this.hangups[pacedIndex];
			if (counter == null) {
				counter = Counter.builder(MediaMeters.HANGUPS)
					.description("Media streams the client ended before the last byte")
					.tag(MediaMeters.FORMAT, this.format)
					.tag(MediaMeters.PACED, String.valueOf(paced))
					.register(this.registry);
				this.hangups[pacedIndex] = counter;
			}
			return counter;
		}

		Counter bytesSaved() {
			Counter counter = this.bytesSaved;
			if (counter == null) {
				counter = counter(MediaMeters.BYTES_SAVED, "Bytes pacing saved: body bytes a hung-up stream did not send",
						"bytes");
				this.bytesSaved = counter;
			}
			return counter;
		}

		Timer indexDuration() {
			Timer timer = this.indexDuration;
			if (timer == null) {
				timer = Timer.builder(MediaMeters.INDEX_DURATION)
					.description("Time to read a media file's headers and indexes")
					.tag(MediaMeters.FORMAT, this.format)
					.register(this.registry);
				this.indexDuration = timer;
			}
			return timer;
		}

		private Counter counter(String name, String description, String unit) {
			return Counter.builder(name)
				.description(description)
				.baseUnit(unit)
				.tag(MediaMeters.FORMAT, this.format)
				.register(this.registry);
		}

	}

}
