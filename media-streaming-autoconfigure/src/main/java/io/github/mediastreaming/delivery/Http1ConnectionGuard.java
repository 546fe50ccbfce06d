package io.github.mediastreaming.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

/**
 * Guards an HTTP/1.1 connection, in two ways Reactor Netty does not:
 * <ul>
 * <li>A request header must arrive in time: within the timeout of the connection's start, or of the end
 * of the previous response. A client that trickles its header a byte a second (slowloris) holds a
 * connection for the timeout at most, and so does an idle keep-alive connection. Reactor Netty's idle
 * timeout counts any byte as activity, and its read and request timeouts start after the header.</li>
 * <li>Pipelined requests whose last one asks to close the connection are all answered: Reactor Netty
 * turns the connection non-persistent when it reads that request, so the first response already closes
 * it and the requests queued behind are dropped. The guard takes {@code Connection: close} off such a
 * request and closes the connection itself once its response is written.</li>
 * <li>A request the codec could not read is answered without a warning in the log: Reactor Netty logs
 * every one at WARN (a client that went in the middle of its header, one dropped by the deadline, a
 * request line that is not HTTP), a line a connection that any client can add. A request cut short by
 * the connection's end is dropped; any other gets the status Reactor Netty would give it (414 for a
 * request line too long, 431 for headers too large, else 400), with a problem detail, and the
 * connection is closed. Both are logged at DEBUG. An unreadable request pipelined behind responses
 * still going out is answered after them, in order. So is a request the codec reads but the server
 * cannot serve: a version other than HTTP/1.x ({@code GET / HTTP/2.0}, an HTTP/2 client's
 * {@code PRI * HTTP/2.0} preface) or a {@code Host} whose port is not a number ({@code a:b}), which Reactor
 * Netty answers with an empty 400 and a WARN; a target that is not a URI ({@code /media/..\x},
 * {@code %zz}), which Spring's adapter answers with a 400 without a body, before any route; and what RFC
 * 9112 has a server refuse, which Reactor Netty serves: an HTTP/1.1 request without a {@code Host}, a
 * request with two, a {@code Host} that is not a host and port ({@code a b}, {@code a/b}).</li>
 * </ul>
 * Sits after the HTTP codec, so it sees whole requests and responses: an {@link HttpRequest} stops the
 * clock, a response's {@link LastHttpContent} starts it once written, unless pipelined requests still
 * wait for their responses. A connection upgraded to another protocol (HTTP/2 in clear text) stops the
 * guard for good. One instance per connection.
 * <p>
 * Over TLS with HTTP/2 enabled, the protocol is chosen by ALPN after the handshake, and only then does
 * the connection get its HTTP/1.1 codec: {@link #install} waits for that and adds the guard
 * to a connection that chose HTTP/1.1.
 */
public final class Http1ConnectionGuard extends ChannelDuplexHandler {

	/** The name it takes in the pipeline. */
	public static final String NAME = "media.http1ConnectionGuard";

	private static final Log logger = LogFactory.getLog(Http1ConnectionGuard.class);

	/** Characters besides letters and digits that a URI's path and query take unencoded (RFC 3986). */
	private static final String PLAIN_TARGET_CHARACTERS = "-._~!$&'()*+,;=:@/?";

	private final long timeoutNanos;

	/** A pipelined request asked to close: close once every response is written. */
	private boolean closeWhenAnswered;

	private @Nullable ScheduledFuture<?> deadline;

	private boolean upgraded;

	/** Requests received and not yet answered: pipelined ones wait in Reactor Netty, not on the client. */
	private int unanswered;

	/** Why a pipelined request could not be read: answered once the responses before it are written. */
	private @Nullable Throwable refusal;

	/** A request was refused: what follows on the connection (its body, later requests) is dropped. */
	private boolean refused;

	/**
	 * Create the guard of one connection.
	 * @param timeoutNanos how long a request header may take, 0 for no limit
	 */
	public Http1ConnectionGuard(long timeoutNanos) {
		this.timeoutNanos = timeoutNanos;
	}

	/**
	 * Install a guard on a new connection of a Reactor Netty server, wherever its HTTP/1.1 codec is or will
	 * be: after the codec on a clear-text HTTP/1.1 connection; after Netty's codec beside the upgrade
	 * handler on an h2c server (the guard counts an upgrade request and stops at the HTTP/2 bytes); after
	 * the negotiation on a TLS connection with HTTP/2 enabled, where the codec comes once ALPN has chosen
	 * HTTP/1.1. Every such connection gets it, even without a deadline: it also fixes pipelining.
	 * @param channel the connection, as Reactor Netty's channel initialiser gives it
	 * @param timeoutNanos how long a request header may take, 0 for no limit
	 */
	public static void install(Channel channel, long timeoutNanos) {
		ChannelPipeline pipeline = channel.pipeline();
		ChannelHandlerContext h2cCodec = (pipeline.get(NettyPipeline.H2CUpgradeHandler) != null)
				? pipeline.context(HttpServerCodec.class) : null;
		if (pipeline.get(NettyPipeline.HttpCodec) != null) {
			pipeline.addAfter(NettyPipeline.HttpCodec, NAME, new Http1ConnectionGuard(timeoutNanos));
		}
		else if (h2cCodec != null) {
			pipeline.addAfter(h2cCodec.name(), NAME, new Http1ConnectionGuard(timeoutNanos));
		}
		else if (pipeline.get(NettyPipeline.H2OrHttp11Codec) != null) {
			pipeline.addAfter(NettyPipeline.H2OrHttp11Codec, NAME + ".negotiation",
					afterNegotiation(NettyPipeline.HttpCodec, timeoutNanos));
		}
	}

	/**
	 * Return a handler to put right after the protocol negotiation of a TLS connection: once the connection
	 * has an HTTP/1.1 codec (ALPN chose {@code http/1.1}, or the client offered nothing), it adds a guard
	 * after the codec and leaves; on an HTTP/2 connection it just leaves.
	 * @param codecName the name of the HTTP/1.1 codec the negotiation adds
	 * @param timeoutNanos how long a request header may take, 0 for no limit
	 * @return the handler, one per connection
	 */
	public static ChannelInboundHandlerAdapter afterNegotiation(String codecName, long timeoutNanos) {
		return new ChannelInboundHandlerAdapter() {

			@Override
			public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
				if (evt instanceof SslHandshakeCompletionEvent) {
					install(ctx);
				}
				ctx.fireUserEventTriggered(evt);
			}

			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				// Bytes the negotiation held back until it had built the pipeline come through here first.
				install(ctx);
				ctx.fireChannelRead(msg);
			}

			private void install(ChannelHandlerContext ctx) {
				ChannelPipeline pipeline = ctx.pipeline();
				if (pipeline.get(codecName) != null && pipeline.get(NAME) == null) {
					pipeline.addAfter(codecName, NAME, new Http1ConnectionGuard(timeoutNanos));
				}
				if (pipeline.context(this) != null) {
					pipeline.remove(this);
				}
			}

		};
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (ctx.channel().isActive()) {
			arm(ctx);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		arm(ctx);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.refused) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
			Throwable cause = object.decoderResult().cause();
			if (cutShort(ctx, cause)) {
				// The client went: nothing to answer. Responses still going out leave if the connection still can.
				ReferenceCountUtil.release(object);
				logger.debug("Request cut short on " + ctx.channel().remoteAddress() + ": " + cause);
				if (this.unanswered == 0) {
					disarm();
					ctx.close();
				}
				return;
			}
			if (object instanceof HttpRequest) {
				// Answered now, or after the responses still going out, in order. The codec reads nothing more
				// on this connection.
				ReferenceCountUtil.release(object);
				refuseInOrder(ctx, cause);
				return;
			}
			if (this.unanswered == 0) {
				// The body of a request already answered (a GET's stray body): a second answer must not follow the
				// first, which Reactor Netty would send; the connection just ends.
				ReferenceCountUtil.release(object);
				logger.debug("Unreadable request body on " + ctx.channel().remoteAddress() + ": " + cause);
				disarm();
				ctx.close();
				return;
			}
			// The body of the request being answered: Reactor Netty ends that exchange.
		}
		if (msg instanceof HttpRequest request) {
			String unservable = this.upgraded ? null : unservable(request);
			if (unservable != null) {
				// Answered as an unreadable request is, in order; the connection closes after it.
				ReferenceCountUtil.release(msg);
				this.refused = true;
				refuseInOrder(ctx, new UnservableRequestException(unservable));
				return;
			}
			if (this.unanswered > 0 && !HttpUtil.isKeepAlive(request)) {
				HttpUtil.setKeepAlive(request, true);
				this.closeWhenAnswered = true;
			}
			this.unanswered++;
			disarm();
		}
		else if (!(msg instanceof HttpContent)) {
			// Not HTTP/1.1 any more (an upgrade): its own protocol handles its streams.
			this.upgraded = true;
			disarm();
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (!this.upgraded && msg instanceof LastHttpContent) {
			ChannelPromise written = promise.unvoid();
			written.addListener((ChannelFutureListener) (future) -> {
				this.unanswered = Math.max(0, this.unanswered - 1);
				Throwable refusal = this.refusal;
				if (this.unanswered == 0 && refusal != null) {
					this.refusal = null;
					refuse(ctx, refusal);
				}
				else if (this.unanswered == 0 && this.closeWhenAnswered) {
					ctx.close();
				}
				else if (future.isSuccess() && this.unanswered == 0) {
					arm(ctx);
				}
			});
			ctx.write(msg, written);
			return;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		disarm();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		disarm();
	}

	/**
	 * Return why a request the codec read cannot be served, {@code null} if it can: Reactor Netty fails to
	 * build its exchange for a version other than HTTP/1.x and for a {@code Host} whose port does not parse
	 * as its {@code ConnectionInfo} parses it; Spring cannot read some targets; and RFC 9112 (section 3.2)
	 * has a server answer 400 to an HTTP/1.1 request without a {@code Host}, to any request with more than
	 * one, and to a {@code Host} that is not a host and port.
	 */
	private static @Nullable String unservable(HttpRequest request) {
		HttpVersion version = request.protocolVersion();
		if (version.majorVersion() != 1) {
			return "Only HTTP/1.0 and HTTP/1.1 requests are answered on this connection";
		}
		if (!readableTarget(request.uri())) {
			return "The request target is not a valid URI";
		}
		String host = null;
		int hosts = 0;
		Iterator<String> values = request.headers().valueStringIterator(HttpHeaderNames.HOST);
		while (values.hasNext()) {
			host = values.next();
			hosts++;
		}
		if (hosts > 1) {
			return "A request carries one Host header, not " + hosts;
		}
		if (host == null) {
			return (version.minorVersion() > 0) ? "An HTTP/1.1 request needs a Host header" : null;
		}
		return HostHeader.problem(host);
	}

	/**
	 * Return whether Spring can read a request target as a URI. A target of letters, digits, the characters
	 * URIs allow unencoded in a path and query, and well-formed percent-encodings can; any other is parsed
	 * as Spring's {@code ReactorUriHelper} parses it: what follows the authority of an absolute-form target,
	 * after a scheme and host that always parse.
	 */
	static boolean readableTarget(String target) {
		int length = target.length();
		for (int i = 0; i < length; i++) {
			char c = target.charAt(i);
			if (c == '%' && i + 2 < length && HostHeader.hex(target.charAt(i + 1))
					&& HostHeader.hex(target.charAt(i + 2))) {
				i += 2;
			}
			else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| PLAIN_TARGET_CHARACTERS.indexOf(c) >= 0)) {
				return parses(target);
			}
		}
		return true;
	}

	private static boolean parses(String target) {
		String rest = target;
		for (int i = 0; i < target.length(); i++) {
			char c = target.charAt(i);
			if (c == '/' || c == '?' || c == '#') {
				break;
			}
			if (target.startsWith("://", i)) {
				int end = i + 3;
				while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
					end++;
				}
				rest = target.substring(end);
				break;
			}
		}
		try {
			new URI("http://localhost" + rest);
			return true;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static boolean cutShort(ChannelHandlerContext ctx, Throwable cause) {
		return cause instanceof PrematureChannelClosureException || !ctx.channel().isActive();
	}

	/** Refuse a request now, or once the responses to the requests before it are written. */
	private void refuseInOrder(ChannelHandlerContext ctx, Throwable cause) {
		if (this.unanswered == 0) {
			refuse(ctx, cause);
		}
		else {
			this.refusal = cause;
		}
	}

	private void refuse(ChannelHandlerContext ctx, Throwable cause) {
		disarm();
		if (logger.isDebugEnabled()) {
			logger.debug("Unreadable request on " + ctx.channel().remoteAddress() + ": " + cause);
		}
		if (cutShort(ctx, cause)) {
			ctx.close(); // the client went, or the deadline dropped it, in the middle of its header
			return;
		}
		HttpResponseStatus status = (cause instanceof TooLongHttpLineException) ? HttpResponseStatus.REQUEST_URI_TOO_LONG
				: (cause instanceof TooLongHttpHeaderException) ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
						: HttpResponseStatus.BAD_REQUEST;
		String detail = (cause instanceof UnservableRequestException) ? cause.getMessage()
				: "The request is not a readable HTTP/1.1 request";
		byte[] problem = ("{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":"
				+ status.code() + ",\"detail\":\"" + detail + "\"}")
			.getBytes(StandardCharsets.US_ASCII);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
				Unpooled.wrappedBuffer(problem));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.setInt(HttpHeaderNames.CONTENT_LENGTH, problem.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	private void arm(ChannelHandlerContext ctx) {
		if (this.timeoutNanos > 0 && this.deadline == null && !this.upgraded && ctx.channel().isActive()) {
			this.deadline = ctx.executor().schedule(() -> {
				this.deadline = null;
				ctx.close();
			}, this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void disarm() {
		ScheduledFuture<?> current = this.deadline;
		this.deadline = null;
		if (current != null) {
			current.cancel(false);
		}
	}

	/** A request the codec read that Reactor Netty cannot serve; its message is the problem's detail. */
	private static final class UnservableRequestException extends RuntimeException {

		UnservableRequestException(String detail) {
			super(detail, null, false, false);
		}

	}

}
