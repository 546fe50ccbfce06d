package io.github.mediastreaming.delivery;

import java.io.IOException;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.NettyPipeline;

/**
 * Keeps an HTTP/2 client's hang-up out of the logs, as Reactor Netty does for HTTP/1.1: on an HTTP/2
 * connection no handler of Reactor Netty's takes the connection's I/O errors, so a client that resets
 * its connection mid-body (a player closed, a phone lost its network) reached the end of the pipeline,
 * where Netty logs it at WARN with a stack trace. Netty closes the connection on such an error itself,
 * and every stream on it ends as a hang-up, so nothing is lost by logging it at DEBUG instead.
 * <p>
 * Install it last on every connection of the server: other errors, and any error of an HTTP/1.1
 * connection, go on down the pipeline unchanged.
 */
@ChannelHandler.Sharable
public final class Http2HangUps extends ChannelInboundHandlerAdapter {

	/** The name of the handler in a connection's pipeline. */
	public static final String NAME = "media.http2HangUps";

	/** The one instance: the handler holds no state. */
	public static final Http2HangUps INSTANCE = new Http2HangUps();

	private static final Log logger = LogFactory.getLog(Http2HangUps.class);

	private Http2HangUps() {
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof IOException && ctx.pipeline().get(NettyPipeline.H2MultiplexHandler) != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("HTTP/2 connection " + ctx.channel().remoteAddress() + " ended: " + cause);
			}
			return;
		}
		ctx.fireExceptionCaught(cause);
	}

}
