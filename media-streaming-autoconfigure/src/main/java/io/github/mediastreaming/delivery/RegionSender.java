package io.github.mediastreaming.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.ContentCursor;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.bytes.SourceChangedException;
import io.github.mediastreaming.pacing.PacingPlan;
import io.github.mediastreaming.pacing.BandwidthBudget;
import io.github.mediastreaming.pacing.PacingSchedule;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Sends one response body straight to its Netty channel, on the channel's own event loop: the file's
 * regions as {@link SharedFileRegion}s ({@code sendfile}, no copy), in-memory parts (a rebuilt header)
 * as wrapped buffers, generated parts (a rebuilt {@code moov}) produced 64 KiB for the first write, then
 * 256 KiB at a time. One write is in flight at a time, so a slow client holds at most one region or one
 * generated buffer.
 * <p>
 * Paced, the boost goes out at once, then the body goes out in sends of one pacing interval of the
 * stream's {@link PacingSchedule} ({@link DeliverySettings#sendBytes}), each when its middle byte is due
 * (the last when its last byte is);
 * between sends the stream sleeps in its event loop's {@link PacingWheel}. Unpaced, each part is one
 * write, and a body from {@link #BULK_BYTES} goes out with Nagle's algorithm on. While a write is in flight
 * and the client takes nothing for the send timeout, the connection is closed.
 * <p>
 * The returned {@link Mono} completes after the last byte is written, fails with {@link ClientGoneException}
 * on a hang-up or whenever the channel closes first, with {@link SendTimeoutException} on a timeout and with
 * {@link SourceChangedException} when the file shrank (the connection is closed in the last two cases);
 * cancelling it stops the sender. The source is closed once nothing is in flight.
 */
final class RegionSender extends PacingWheel.Timed implements ChannelFutureListener {

	/** Most bytes of the boost put into one write, so one stream's boost does not stall the event loop's others. */
	static final long MAX_BOOST_WRITE = 4L * 1024 * 1024;

	/**
	 * Most bytes of a generated part (a rebuilt moov) produced for one write: a 2-hour movie's 1.4 MB moov
	 * goes in seven writes rather than 22 of 64 KiB, each a wait for the socket and a pass through the
	 * event loop (a seek storm 6 % faster, see docs/benchmarks.md); still a small part of what the kernel
	 * holds for a connection (its send buffer grows to 4 MB).
	 */
	static final long GENERATED_WRITE = 256 * 1024;

	/**
	 * Most bytes of a generated part's first write: producing 256 KiB of moov takes about 0.1 ms, which a
	 * seek's first byte would wait for; 64 KiB takes a quarter of that.
	 */
	static final long FIRST_GENERATED_WRITE = 64 * 1024;

	/**
	 * Smallest unpaced body sent with Nagle's algorithm on ({@code TCP_NODELAY} off) until its last byte,
	 * as nginx sends a response body (it sets {@code TCP_NODELAY} only on idle keep-alive connections):
	 * the kernel then sends full segments rather than pushing the tail of every {@code sendfile} at once,
	 * which cost about a tenth of the throughput of eight concurrent downloads.
	 */
	static final long BULK_BYTES = 256 * 1024;

	private final Channel channel;

	private final EventLoop loop;

	private final MediaSource source;

	private final FileChannel file;

	private final List<BodyPart> parts;

	private final long total;

	private final @Nullable PacingSchedule schedule;

	private final DeliverySettings settings;

	private final long sendTimeoutNanos;

	private final ActiveStream stream;

	private final @Nullable BandwidthBudget budget;

	private BandwidthBudget.@Nullable Share share;

	/** Waiting for a grant of the server-wide budget. */
	private boolean waitingForBudget;

	private @Nullable MonoSink<Void> sink;

	/** Ends the body when its channel closes, on the channel's event loop. */
	private final ChannelFutureListener channelClosed = (future) -> channelClosed();

	private @Nullable PacingWheel wheel;

	/** Index of the part being sent, and bytes of it already handed to writes. */
	private int part;

	private long partOffset;

	/** Bytes of the body written (confirmed by Netty), and bytes handed to writes. */
	private long written;

	private long handed;

	/** Bytes the pacer has released: the current send runs up to here. */
	private long releasedUntil;

	private @Nullable Object inFlight;

	private long inFlightLength;

	private long inFlightSinceNanos;

	private long lastProgress;

	private long lastProgressNanos;

	private long waitingSinceNanos;

	private boolean pumping;

	private boolean finished;

	private boolean sourceClosed;

	/** Nagle's algorithm is on for this body ({@link #BULK_BYTES}): restore TCP_NODELAY when it ends. */
	private boolean nagle;

	RegionSender(Channel channel, MediaSource source, FileChannel file, MediaBody body, @Nullable PacingPlan plan,
			DeliverySettings settings, ActiveStream stream, @Nullable BandwidthBudget budget) {
		this.channel = channel;
		this.loop = channel.eventLoop();
		this.source = source;
		this.file = file;
		this.parts = body.parts();
		this.total = body.length();
		this.schedule = (plan != null) ? new PacingSchedule(plan) : null;
		this.settings = settings;
		this.sendTimeoutNanos = settings.sendTimeout().toNanos();
		this.stream = stream;
		this.budget = budget;
	}

	/**
	 * Return the sending, started on subscription.
	 * @return completes after the last byte
	 */
	Mono<Void> send() {
		return Mono.create((sink) -> {
			sink.onDispose(() -> onLoop(this::stop));
			onLoop(() -> start(sink));
		});
	}

	private void onLoop(Runnable task) {
		if (this.loop.inEventLoop()) {
			task.run();
		}
		else {
			this.loop.execute(task);
		}
	}

	private void start(MonoSink<Void> sink) {
		if (this.finished) {
			// Cancelled before it started: stop() has released everything already.
			return;
		}
		this.sink = sink;
		this.wheel = PacingWheel.of(this.loop);
		if (this.budget != null) {
			this.share = this.budget.join(() -> onLoop(this::budgetGranted));
		}
		if (this.schedule == null) {
			this.releasedUntil = this.total;
			if (this.total >= BULK_BYTES) {
				this.nagle = noDelay(false);
			}
		}
		// Not only the cancel: when the server closes a connection at shutdown (Reactor Netty's dispose, after
		// the graceful phase gives up), the body is not cancelled, and a stream waiting for its next send
		// would wait for a wheel whose event loop stops next, its file open and its stream never ended. Last,
		// as it runs at once on a channel already closed.
		this.channel.closeFuture().addListener(this.channelClosed);
		pump(System.nanoTime());
	}

	/** Write what may be written now, or wait for the pacer. Re-entrant calls (a write completing at once) loop here instead. */
	private void pump(long nowNanos) {
		if (this.pumping) {
			return;
		}
		this.pumping = true;
		try {
			while (!this.finished && this.inFlight == null) {
				if (this.written == this.total) {
					succeed();
					return;
				}
				if (this.handed == this.releasedUntil && !release(nowNanos)) {
					return;
				}
				long wanted = Math.min(this.parts.get(this.part).length() - this.partOffset,
						this.releasedUntil - this.handed);
				// Taken from the budget only as much as this one write sends, so no grant is lost.
				long length = writeLimit(wanted);
				BandwidthBudget.Share share = this.share;
				if (share != null) {
					long granted = share.take(length);
					if (granted == 0) {
						// The server-wide budget has nothing for this stream now: wait for the next split.
						share.want(wanted);
						this.waitingForBudget = true;
						return;
					}
					length = granted;
				}
				write(nowNanos, length);
				nowNanos = System.nanoTime();
			}
		}
		finally {
			this.pumping = false;
		}
	}

	/**
	 * Release the next send if its {@link #dueByte} is due, else sleep until it is: a send carries one
	 * pacing interval of the schedule and leaves when its middle byte is due, so the stream keeps within
	 * half an interval of its line (releasing on the last byte would keep it a whole send behind, and on a
	 * timeline let a player's lead sink by a second).
	 * @return whether bytes were released
	 */
	private boolean release(long nowNanos) {
		PacingSchedule schedule = this.schedule;
		if (schedule == null) {
			return false;
		}
		schedule.start(nowNanos);
		long boost = schedule.plan().boostBytes();
		long length = (this.handed < boost) ? Math.min(boost - this.handed, MAX_BOOST_WRITE)
				: this.settings.sendBytes(schedule.plan(), this.handed);
		long end = Math.min(this.total, this.handed + length);
		long dueByte = dueByte(this.handed, end);
		long delay = schedule.delayNanos(dueByte, nowNanos);
		if (delay > 0) {
			if (this.share != null) {
				this.share.satisfied();
			}
			this.stream.state(StreamState.PACED);
			this.waitingSinceNanos = nowNanos;
			wheel().schedule(this, nowNanos + delay);
			return false;
		}
		schedule.catchUp(dueByte, nowNanos);
		this.releasedUntil = end;
		if (this.handed >= boost && this.stream.state() == StreamState.BOOSTING) {
			this.stream.state(StreamState.PACED);
		}
		return true;
	}

	/**
	 * The byte whose due time releases a send: its middle, so each byte leaves within half a send of its
	 * due time; the last send of the body waits for its last byte, so a body never ends before its
	 * schedule does.
	 */
	private long dueByte(long from, long end) {
		return (end == this.total) ? end - 1 : from + (end - from) / 2;
	}

	/** At most what one write of the current part sends: a generated part is produced a buffer at a time. */
	private long writeLimit(long length) {
		if (this.parts.get(this.part) instanceof BodyPart.Generated) {
			return Math.min(length, (this.partOffset == 0) ? FIRST_GENERATED_WRITE : GENERATED_WRITE);
		}
		return length;
	}

	/** Write {@code length} bytes of the current part, at most its {@link #writeLimit(long)}. */
	private void write(long nowNanos, long length) {
		BodyPart current = this.parts.get(this.part);
		Object message;
		if (current instanceof BodyPart.FileRegion region) {
			message = new SharedFileRegion(this.file, region.offset() + this.partOffset, length);
		}
		else if (current instanceof BodyPart.Bytes bytes) {
			message = Unpooled.wrappedBuffer(bytes.content(), (int) this.partOffset, (int) length);
		}
		else if (current instanceof BodyPart.Generated generated) {
			// Produced a buffer at a time, so a rebuilt moov is never whole in memory.
			length = writeLimit(length);
			try {
				message = generated(generated, this.partOffset, (int) length);
			}
			catch (RuntimeException ex) {
				// A generator's bug: end the response (the client sees it break off) rather than leave it hanging.
				terminate(ex);
				this.channel.close();
				return;
			}
			if (message == null) {
				terminate(new IllegalStateException("Generated content ended before its length"));
				this.channel.close();
				return;
			}
		}
		else {
			throw new IllegalStateException("No writer for " + current);
		}
		this.partOffset += length;
		if (this.partOffset == current.length()) {
			this.part++;
			this.partOffset = 0;
		}
		this.handed += length;
		// Bytes count when their write completes; the first byte left now.
		this.stream.firstByte(nowNanos);
		this.inFlight = message;
		this.inFlightLength = length;
		this.inFlightSinceNanos = nowNanos;
		ChannelFuture future = this.channel.writeAndFlush(message);
		if (this.inFlight != null && !future.isDone()) {
			// The client is not taking it all at once: watch that it takes something.
			this.lastProgress = progress(message);
			this.lastProgressNanos = nowNanos;
			wheel().schedule(this, nowNanos + this.sendTimeoutNanos);
		}
		future.addListener(this);
	}

	/** The bytes {@code [from, from + length)} of a generated part in a new buffer, {@code null} if it ends first. */
	private @Nullable ByteBuf generated(BodyPart.Generated part, long from, int length) {
		ByteBuf buffer = this.channel.alloc().buffer(length);
		try {
			if (fill(buffer.nioBuffer(buffer.writerIndex(), length), part.content().open(part.offset() + from)) < length) {
				buffer.release();
				return null;
			}
		}
		catch (RuntimeException ex) {
			buffer.release();
			throw ex;
		}
		return buffer.writerIndex(buffer.writerIndex() + length);
	}

	/**
	 * Fill a buffer from a cursor up to its limit, or until the content ends.
	 * @param target the buffer
	 * @param cursor the content
	 * @return how many bytes were written
	 */
	static int fill(ByteBuffer target, ContentCursor cursor) {
		int filled = 0;
		int read;
		while (target.hasRemaining() && (read = cursor.read(target)) > 0) {
			filled += read;
		}
		return filled;
	}

	/** A write finished; runs on the event loop. */
	@Override
	public void operationComplete(ChannelFuture future) {
		if (this.inFlight == null) {
			return;
		}
		long nowNanos = System.nanoTime();
		this.inFlight = null;
		wheel().cancel(this);
		if (this.finished) {
			// Stopped while this write was in flight: the source could not be closed until now.
			closeSource();
			return;
		}
		if (!future.isSuccess()) {
			fail(future.cause());
			return;
		}
		this.written += this.inFlightLength;
		this.stream.sent(this.inFlightLength, nowNanos);
		PacingSchedule schedule = this.schedule;
		if (schedule != null && this.handed >= schedule.plan().boostBytes() && this.handed < this.total) {
			long next = Math.min(this.total, this.handed + this.settings.sendBytes(schedule.plan(), this.handed));
			long dueSince = -schedule.delayNanos(dueByte(this.handed, next), nowNanos);
			if (dueSince > PacingWheel.TICK_NANOS) {
				// The next send was due before the client had taken this one.
				this.stream.state(StreamState.CLIENT_BOUND);
				this.stream.waited(0, Math.min(dueSince, nowNanos - this.inFlightSinceNanos));
			}
		}
		pump(nowNanos);
	}

	/** The budget granted bytes to this stream while it waited for them. */
	private void budgetGranted() {
		if (!this.finished && this.waitingForBudget && this.inFlight == null) {
			this.waitingForBudget = false;
			pump(System.nanoTime());
		}
	}

	/** The wheel's call: a pacing wait is over, or a write has been in flight for the send timeout. */
	@Override
	void wake(long nowNanos) {
		if (this.finished) {
			return;
		}
		Object message = this.inFlight;
		if (message == null) {
			this.stream.waited(nowNanos - this.waitingSinceNanos, 0);
			pump(nowNanos);
			return;
		}
		long progress = progress(message);
		if (progress != this.lastProgress) {
			this.lastProgress = progress;
			this.lastProgressNanos = nowNanos;
		}
		if (nowNanos - this.lastProgressNanos >= this.sendTimeoutNanos) {
			// The outcome first: closing the channel cancels this stream at once.
			terminate(new SendTimeoutException(this.sendTimeoutNanos));
			this.channel.close();
			return;
		}
		wheel().schedule(this, this.lastProgressNanos + this.sendTimeoutNanos);
	}

	/** The channel closed while the body was being sent: a hang-up, or the server's own close at shutdown. */
	private void channelClosed() {
		if (this.finished || this.inFlight != null) {
			// A write in flight fails next, and its cause says how the body ended (a hang-up, a file that shrank).
			return;
		}
		countPacerWaitSoFar();
		terminate(new ClientGoneException(new ClosedChannelException()));
	}

	/** Ended while waiting for the pacer (cancelled, or the channel closed): that wait counts too. */
	private void countPacerWaitSoFar() {
		if (this.inFlight == null && this.wakeTick >= 0) {
			this.stream.waited(System.nanoTime() - this.waitingSinceNanos, 0);
		}
	}

	private void fail(Throwable cause) {
		// Netty closes the channel itself on a failed write, so the file's size, not the channel's state,
		// tells a truncated file from a client that went away.
		if (cause instanceof IOException && !(cause instanceof ClosedChannelException) && sourceShrank()) {
			// The region could not be read: the file was truncated under the response. The outcome first:
			// closing the channel cancels this stream at once.
			terminate(new SourceChangedException(this.written, this.total));
			this.channel.close();
			return;
		}
		terminate(new ClientGoneException(cause));
	}

	private boolean sourceShrank() {
		try {
			return this.file.size() < this.source.size();
		}
		catch (IOException ex) {
			return true;
		}
	}

	private void succeed() {
		this.finished = true;
		forgetChannel();
		endNagle();
		leaveBudget();
		closeSource();
		MonoSink<Void> sink = this.sink;
		if (sink != null) {
			sink.success();
		}
	}

	private void terminate(Throwable failure) {
		if (this.finished) {
			return;
		}
		this.finished = true;
		wheel().cancel(this);
		forgetChannel();
		endNagle();
		leaveBudget();
		closeSource();
		MonoSink<Void> sink = this.sink;
		if (sink != null) {
			sink.error(failure);
		}
	}

	/** Cancelled (or disposed after ending): stop sending; what is in flight is Netty's to fail or finish. */
	private void stop() {
		if (!this.finished) {
			this.finished = true;
			countPacerWaitSoFar();
			if (this.wheel != null) {
				this.wheel.cancel(this);
			}
			forgetChannel();
			endNagle();
			leaveBudget();
		}
		closeSource();
	}

	/** The body has ended: a keep-alive connection's later bodies must not collect this one's listener. */
	private void forgetChannel() {
		this.channel.closeFuture().removeListener(this.channelClosed);
	}

	/** The body has ended: TCP_NODELAY on again (which sends what Nagle held), for the next response. */
	private void endNagle() {
		if (this.nagle) {
			this.nagle = false;
			noDelay(true);
		}
	}

	/** Set TCP_NODELAY; {@code false} when the channel has no such option or is closed. */
	private boolean noDelay(boolean on) {
		try {
			return this.channel.isActive() && this.channel.config().setOption(ChannelOption.TCP_NODELAY, on);
		}
		catch (ChannelException ex) {
			return false;
		}
	}

	private void leaveBudget() {
		BandwidthBudget.Share share = this.share;
		if (share != null) {
			share.leave();
		}
	}

	private void closeSource() {
		if (this.inFlight != null || this.sourceClosed) {
			return;
		}
		this.sourceClosed = true;
		try {
			this.source.close();
		}
		catch (IOException ex) {
			// Nothing more to read from it either way.
		}
	}

	private PacingWheel wheel() {
		PacingWheel wheel = this.wheel;
		if (wheel == null) {
			throw new IllegalStateException("Not started");
		}
		return wheel;
	}

	/** How far Netty has got with a message: a region's transferred bytes, a buffer's reader index. */
	private static long progress(Object message) {
		if (message instanceof SharedFileRegion region) {
			return region.transferred();
		}
		return (message instanceof ByteBuf buffer && buffer.refCnt() > 0) ? buffer.readerIndex() : 0;
	}

	/** The client went away while the body was being sent. */
	static final class ClientGoneException extends IOException {

		ClientGoneException(Throwable cause) {
			super("The client went away: " + cause, cause);
		}

	}

	/** The client took no bytes for the send timeout: the connection was closed. */
	static final class SendTimeoutException extends IOException {

		SendTimeoutException(long timeoutNanos) {
			super("The client took no bytes for " + (timeoutNanos / 1_000_000) + " ms; the connection was closed");
		}

	}

}
