package io.github.mediastreaming.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

import io.github.mediastreaming.format.MediaFormat;
import org.jspecify.annotations.Nullable;

/**
 * One response being streamed. Its identity fields are fixed when it opens; bytes sent, the first-byte
 * time and the state change while it runs and are safe to read from any thread.
 */
public final class ActiveStream {

	private static final VarHandle FIRST_BYTE;

	static {
		try {
			FIRST_BYTE = MethodHandles.lookup().findVarHandle(ActiveStream.class, "firstByteNanos", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final long id;

	private final String path;

	private final MediaFormat format;

	private final StreamKind kind;

	private final @Nullable String client;

	private final @Nullable String start;

	private final long bodyBytes;

	private final long targetBytesPerSecond;

	private final Instant startedAt;

	private final long startNanos;

	private final AtomicLong bytesSent = new AtomicLong();

	/** The registry's running total of every stream's bytes. */
	private final LongAdder totalBytesSent;

	/** The registry's running totals of every stream of this format. */
	private final FormatTotals formatTotals;

	private final @Nullable LongUnaryOperator mediaTimeUs;

	private final AtomicLong pacerWaitNanos = new AtomicLong();

	private final AtomicLong clientWaitNanos = new AtomicLong();

	private volatile long firstByteNanos = -1;

	/** Told once, at the first byte (the registry's listeners). */
	private final Consumer<ActiveStream> onFirstByte;

	private volatile StreamState state;

	ActiveStream(long id, StreamRequest request, long startNanos, LongAdder totalBytesSent,
			FormatTotals formatTotals, Consumer<ActiveStream> onFirstByte) {
		this.id = id;
		this.path = request.path();
		this.format = request.format();
		this.kind = request.kind();
		this.client = request.client();
		this.start = request.start();
		this.bodyBytes = request.bodyBytes();
		this.targetBytesPerSecond = request.targetBytesPerSecond();
		this.startedAt = Instant.now();
		this.startNanos = startNanos;
		this.totalBytesSent = totalBytesSent;
		this.formatTotals = formatTotals;
		this.onFirstByte = onFirstByte;
		this.mediaTimeUs = request.mediaTimeUs();
		this.state = (this.targetBytesPerSecond > 0) ? StreamState.BOOSTING : StreamState.UNPACED;
	}

	/**
	 * Record bytes handed to the connection.
	 * @param bytes how many
	 * @param nanoTime the current {@link System#nanoTime()}
	 */
	public void sent(long bytes, long nanoTime) {
		if (this.firstByteNanos < 0) {
			firstByte(nanoTime);
		}
		this.bytesSent.addAndGet(bytes);
		this.totalBytesSent.add(bytes);
		this.formatTotals.bytesSent.add(bytes);
	}

	/**
	 * Record that the body's first bytes were handed to the connection, for a sender that reports bytes
	 * only once their write completes: a file region may be the whole body in one write, and the time to
	 * first byte is when it started, not when its last byte was taken. Later calls do nothing.
	 * @param nanoTime the current {@link System#nanoTime()}
	 */
	public void firstByte(long nanoTime) {
		// A stream's bytes are reported by one thread at a time; the compare-and-set only keeps a racing
		// caller from telling the listeners twice.
		if (this.firstByteNanos < 0 && FIRST_BYTE.compareAndSet(this, -1L, nanoTime)) {
			this.onFirstByte.accept(this);
		}
	}

	/**
	 * Record time the stream waited: for its pacing schedule, or for a client slower than it.
	 * @param pacerNanos time the pacer held bytes back
	 * @param clientNanos time the stream waited for the client to take bytes it could have sent
	 */
	public void waited(long pacerNanos, long clientNanos) {
		if (pacerNanos > 0) {
			this.pacerWaitNanos.addAndGet(pacerNanos);
			this.formatTotals.pacerWaitNanos.add(pacerNanos);
		}
		if (clientNanos > 0) {
			this.clientWaitNanos.addAndGet(clientNanos);
			this.formatTotals.clientWaitNanos.add(clientNanos);
		}
	}

	/** @return the time the pacer held this stream's bytes back so far */
	public long pacerWaitNanos() {
		return this.pacerWaitNanos.get();
	}

	/** @return the time this stream waited for a client slower than its schedule so far */
	public long clientWaitNanos() {
		return this.clientWaitNanos.get();
	}

	/**
	 * Record what limits the stream now.
	 * @param state the new state
	 */
	public void state(StreamState state) {
		this.state = state;
	}

	/** @return an id unique within this server's lifetime */
	public long id() {
		return this.id;
	}

	/** @return the request path */
	public String path() {
		return this.path;
	}

	/** @return the file's format */
	public MediaFormat format() {
		return this.format;
	}

	/** @return what the request asked for */
	public StreamKind kind() {
		return this.kind;
	}

	/** @return the client's address, {@code null} when unknown */
	public @Nullable String client() {
		return this.client;
	}

	/** @return the seek start as requested ({@code start} value), {@code null} for no seek */
	public @Nullable String start() {
		return this.start;
	}

	/** @return the length of the response body */
	public long bodyBytes() {
		return this.bodyBytes;
	}

	/** @return the paced rate in bytes/s, 0 when unpaced */
	public long targetBytesPerSecond() {
		return this.targetBytesPerSecond;
	}

	/** @return when the stream opened */
	public Instant startedAt() {
		return this.startedAt;
	}

	/** @return the bytes handed to the connection so far */
	public long bytesSent() {
		return this.bytesSent.get();
	}

	/** @return what limits the stream now */
	public StreamState state() {
		return this.state;
	}

	/**
	 * Return how long the stream has run.
	 * @param nanoTime the current {@link System#nanoTime()}
	 * @return the elapsed time
	 */
	public Duration elapsed(long nanoTime) {
		return Duration.ofNanos(nanoTime - this.startNanos);
	}

	/**
	 * Return how far ahead of its player the stream is: the media time of the bytes sent so far minus the
	 * time since the first byte (what a player that started at the first byte has played).
	 * @param nanoTime the current {@link System#nanoTime()}
	 * @return the lead in seconds, {@code null} when the media time is unknown or nothing was sent yet
	 */
	public @Nullable Double leadSeconds(long nanoTime) {
		LongUnaryOperator clock = this.mediaTimeUs;
		long first = this.firstByteNanos;
		long sent = this.bytesSent.get();
		// A zero-copy send's first write has left but may not be written yet: no lead until some bytes are.
		if (clock == null || first < 0 || sent == 0) {
			return null;
		}
		return (clock.applyAsLong(sent) - (nanoTime - first) / 1000) / 1e6;
	}

	/**
	 * Return the time from the request to the first byte, if one was sent.
	 * @return the time to first byte, {@code null} before the first byte
	 */
	public @Nullable Duration timeToFirstByte() {
		long first = this.firstByteNanos;
		return (first < 0) ? null : Duration.ofNanos(first - this.startNanos);
	}

}
