package io.github.mediastreaming.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.index.MediaFormat;
import io.github.mediastreaming.index.ProbeFailure;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamKind;
import io.github.mediastreaming.stream.StreamListener;
import io.github.mediastreaming.stream.StreamOutcome;
import io.github.mediastreaming.stream.StreamRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records media-streaming's meters from stream and index events. Meters are looked up per event with
 * low-cardinality tags only (format, kind, status family, outcome), never the path or the client.
 *
 * <p>Bytes saved by pacing are estimated per hung-up paced stream as {@code body length - bytes sent}:
 * an unpaced server hands a fast client the whole response, buffered by the client's player or kernel,
 * before the viewer stops, so a hang-up costs it the whole body. The figure is an upper bound for clients
 * on slow links, which could not have taken the whole body anyway.
 */
public final class MediaStreamingMetrics implements StreamListener, IndexListener {

	private final MeterRegistry registry;

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

	@Override
	public void answered(StreamKind kind, MediaFormat format, int status) {
		Counter.builder(MediaMeters.REQUESTS)
			.description("Media requests answered, by kind, format and status family")
			.tag(MediaMeters.KIND, kind.id())
			.tag(MediaMeters.FORMAT, format.id())
			.tag(MediaMeters.STATUS, (status / 100) + "xx")
			.register(this.registry)
			.increment();
	}

	@Override
	public void waited(ActiveStream stream, long pacerNanos, long clientNanos) {
		if (pacerNanos > 0) {
			Counter.builder(MediaMeters.PACER_WAIT)
				.description("Seconds paced streams waited for the pacer's schedule")
				.baseUnit("seconds")
				.tag(MediaMeters.FORMAT, stream.format().id())
				.register(this.registry)
				.increment(pacerNanos / 1e9);
		}
		if (clientNanos > 0) {
			Counter.builder(MediaMeters.CLIENT_WAIT)
				.description("Seconds paced streams waited for a client slower than the target rate")
				.baseUnit("seconds")
				.tag(MediaMeters.FORMAT, stream.format().id())
				.register(this.registry)
				.increment(clientNanos / 1e9);
		}
	}

	@Override
	public void closed(ActiveStream stream, StreamOutcome outcome, long nanoTime) {
		String format = stream.format().id();
		String paced = String.valueOf(stream.targetBytesPerSecond() > 0);
		Counter.builder(MediaMeters.STREAMS)
			.description("Media streams ended, by format, pacing and outcome")
			.tag(MediaMeters.FORMAT, format)
			.tag(MediaMeters.PACED, paced)
			.tag(MediaMeters.OUTCOME, outcome.id())
			.register(this.registry)
			.increment();
		Counter.builder(MediaMeters.BYTES_SENT)
			.description("Media body bytes handed to connections")
			.baseUnit("bytes")
			.tag(MediaMeters.FORMAT, format)
			.register(this.registry)
			.increment(stream.bytesSent());
		Duration firstByte = stream.timeToFirstByte();
		if (firstByte != null) {
			Timer.builder(MediaMeters.FIRST_BYTE)
				.description("Time from a media request's arrival to its first body byte")
				.tag(MediaMeters.KIND, stream.kind().id())
				.tag(MediaMeters.FORMAT, format)
				.register(this.registry)
				.record(firstByte);
		}
		if (outcome == StreamOutcome.CANCELLED) {
			Counter.builder(MediaMeters.HANGUPS)
				.description("Media streams the client ended before the last byte")
				.tag(MediaMeters.FORMAT, format)
				.tag(MediaMeters.PACED, paced)
				.register(this.registry)
				.increment();
			if (stream.targetBytesPerSecond() > 0) {
				Counter.builder(MediaMeters.BYTES_SAVED)
					.description("Bytes pacing saved: body bytes a hung-up stream did not send")
					.baseUnit("bytes")
					.tag(MediaMeters.FORMAT, format)
					.register(this.registry)
					.increment(Math.max(0, stream.bodyBytes() - stream.bytesSent()));
			}
		}
	}

	@Override
	public void indexed(MediaFormat format, long nanos) {
		indexTimer(format).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void failed(MediaFormat format, ProbeFailure reason, long nanos) {
		Counter.builder(MediaMeters.INDEX_FAILURES)
			.description("Media files that could not be indexed and are served unpaced")
			.tag(MediaMeters.FORMAT, format.id())
			.tag(MediaMeters.REASON, reason.id())
			.register(this.registry)
			.increment();
	}

	private Timer indexTimer(MediaFormat format) {
		return Timer.builder(MediaMeters.INDEX_DURATION)
			.description("Time to read a media file's headers and indexes")
			.tag(MediaMeters.FORMAT, format.id())
			.register(this.registry);
	}

}
