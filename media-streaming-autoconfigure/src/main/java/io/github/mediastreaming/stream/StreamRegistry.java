package io.github.mediastreaming.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.github.mediastreaming.format.MediaFormat;
import org.jspecify.annotations.Nullable;

/**
 * The streams being sent right now. Every stream the HTTP layer opens is closed exactly once, whether it
 * completes, fails or the client hangs up, so the registry never holds a finished stream.
 */
public final class StreamRegistry {

	private final Map<Long, ActiveStream> streams = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	/** Bytes every stream sent, added as they are sent: one adder, so the total never steps back. */
	private final LongAdder bytesSent = new LongAdder();

	/** Bytes and waits by format id, added as they happen: for counters that move while streams run. */
	private final Map<String, FormatTotals> totalsByFormat = new ConcurrentHashMap<>();

	private final List<StreamListener> listeners;

	/** Active streams per client address, when a per-client limit is set. */
	private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

	private final int perClientLimit;

	/**
	 * Create a registry without a per-client limit.
	 * @param listeners observers of every stream
	 */
	public StreamRegistry(Collection<StreamListener> listeners) {
		this(listeners, 0);
	}

	/**
	 * Create a registry.
	 * @param listeners observers of every stream
	 * @param perClientLimit most streams one client address may have at once, 0 for no limit
	 */
	public StreamRegistry(Collection<StreamListener> listeners, int perClientLimit) {
		if (perClientLimit < 0) {
			throw new IllegalArgumentException("The per-client limit must not be negative, was " + perClientLimit);
		}
		this.listeners = List.copyOf(listeners);
		this.perClientLimit = perClientLimit;
	}

	/**
	 * Register a stream that starts sending now.
	 * @param request what is known about it
	 * @param startNanos when the request arrived ({@link System#nanoTime()}), for time to first byte
	 * @return the stream
	 */
	public ActiveStream open(StreamRequest request, long startNanos) {
		ActiveStream stream = tryOpen(request, startNanos);
		if (stream == null) {
			throw new IllegalStateException("Client " + request.client() + " has as many streams as it may");
		}
		return stream;
	}

	/**
	 * Register a stream that starts sending now, unless its client already has as many streams as the
	 * per-client limit allows.
	 * @param request what is known about it
	 * @param startNanos when the request arrived ({@link System#nanoTime()}), for time to first byte
	 * @return the stream, {@code null} when the client is at its limit
	 */
	public @Nullable ActiveStream tryOpen(StreamRequest request, long startNanos) {
		String client = request.client();
		if (this.perClientLimit > 0 && client != null) {
			// Counted inside the map's own atomic step: a counter taken out and then incremented could already
			// have been dropped by a closing stream of the same client, and the new stream go uncounted.
			boolean[] admitted = new boolean[1];
			this.perClient.compute(client, (key, count) -> {
				AtomicInteger counter = (count != null) ? count : new AtomicInteger();
				admitted[0] = counter.get() < this.perClientLimit;
				if (admitted[0]) {
					counter.incrementAndGet();
				}
				return (counter.get() > 0) ? counter : null;
			});
			if (!admitted[0]) {
				return null;
			}
		}
		ActiveStream stream = new ActiveStream(this.ids.incrementAndGet(), request, startNanos, this.bytesSent,
				formatTotals(request.format().id()), this::firstByte);
		this.streams.put(stream.id(), stream);
		for (StreamListener listener : this.listeners) {
			listener.opened(stream);
		}
		return stream;
	}

	/** A stream handed its first body bytes to the connection. */
	private void firstByte(ActiveStream stream) {
		for (StreamListener listener : this.listeners) {
			listener.firstByte(stream);
		}
	}

	/**
	 * Unregister a stream; a second call for the same stream does nothing.
	 * @param stream the stream
	 * @param outcome how it ended
	 */
	public void close(ActiveStream stream, StreamOutcome outcome) {
		if (this.streams.remove(stream.id()) != null) {
			String client = stream.client();
			if (this.perClientLimit > 0 && client != null) {
				release(client);
			}
			long now = System.nanoTime();
			for (StreamListener listener : this.listeners) {
				listener.closed(stream, outcome, now);
			}
		}
	}

	private void release(String client) {
		this.perClient.computeIfPresent(client, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
	}

	/**
	 * Return whether a client already has as many streams as it may (a check that reserves nothing:
	 * {@link #tryOpen} decides).
	 * @param client the client's address, {@code null} when unknown
	 * @return whether a new stream of this client would be refused now
	 */
	public boolean atLimit(@Nullable String client) {
		if (this.perClientLimit == 0 || client == null) {
			return false;
		}
		AtomicInteger count = this.perClient.get(client);
		return count != null && count.get() >= this.perClientLimit;
	}

	/** @return most streams one client address may have at once, 0 for no limit */
	public int perClientLimit() {
		return this.perClientLimit;
	}

	/**
	 * Report a request's answer to the listeners.
	 * @param kind what it asked for
	 * @param format the file's format
	 * @param status the HTTP status
	 */
	public void answered(StreamKind kind, MediaFormat format, int status) {
		for (StreamListener listener : this.listeners) {
			listener.answered(kind, format, status);
		}
	}

	/**
	 * Return a snapshot of the active streams.
	 * @return the streams, oldest first
	 */
	public List<ActiveStream> active() {
		List<ActiveStream> snapshot = new ArrayList<>(this.streams.values());
		snapshot.sort((a, b) -> Long.compare(a.id(), b.id()));
		return snapshot;
	}

	/**
	 * Return the body bytes handed to connections by every stream since the registry was created, the
	 * active ones' bytes so far included. It only grows, so two readings a second apart give the egress of
	 * that second (a live view's chart): a stream that closes in between neither adds nor takes away.
	 * @return the total
	 */
	public long bytesSent() {
		return this.bytesSent.sum();
	}

	/**
	 * Return the body bytes handed to connections by every stream of one format since the registry was
	 * created, the active ones' bytes so far included; like {@link #bytesSent()}, it only grows.
	 * @param format the format's id, such as {@code mp4}
	 * @return the total, 0 for a format no stream has had
	 */
	public long bytesSent(String format) {
		FormatTotals totals = this.totalsByFormat.get(format);
		return (totals != null) ? totals.bytesSent.sum() : 0;
	}

	/**
	 * Return the time every stream of one format has waited for its pacer since the registry was created,
	 * the active ones' waits so far included (see {@link ActiveStream#waited}).
	 * @param format the format's id, such as {@code mp4}
	 * @return the total in nanoseconds, 0 for a format no stream has had
	 */
	public long pacerWaitNanos(String format) {
		FormatTotals totals = this.totalsByFormat.get(format);
		return (totals != null) ? totals.pacerWaitNanos.sum() : 0;
	}

	/**
	 * Return the time every stream of one format has waited for a client slower than its schedule since
	 * the registry was created, the active ones' waits so far included (see {@link ActiveStream#waited}).
	 * @param format the format's id, such as {@code mp4}
	 * @return the total in nanoseconds, 0 for a format no stream has had
	 */
	public long clientWaitNanos(String format) {
		FormatTotals totals = this.totalsByFormat.get(format);
		return (totals != null) ? totals.clientWaitNanos.sum() : 0;
	}

	private FormatTotals formatTotals(String format) {
		FormatTotals totals = this.totalsByFormat.get(format);
		return (totals != null) ? totals : this.totalsByFormat.computeIfAbsent(format, (id) -> new FormatTotals());
	}

	/**
	 * Return how many streams are active.
	 * @return the count
	 */
	public int size() {
		return this.streams.size();
	}

}
