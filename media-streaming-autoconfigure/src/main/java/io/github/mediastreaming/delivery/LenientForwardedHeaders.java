package io.github.mediastreaming.delivery;

import java.lang.reflect.Field;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.http.server.ConnectionInfo;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerConfig;

/**
 * Makes a forwarded header that does not parse ({@code X-Forwarded-Port: x}, {@code X-Forwarded-Host: a:b},
 * {@code Forwarded: for=1.2.3.4:x}) count as no forwarded header, instead of failing its request. With
 * {@code server.forward-headers-strategy=native}, Reactor Netty 1.3.8 reads {@code Forwarded} and
 * {@code X-Forwarded-*} while it builds the exchange, and a value it cannot parse fails the request there:
 * an empty 400 and a WARN, for any client that reaches the server with such a header. Its handler is kept,
 * wrapped: a request whose forwarded headers it rejects is answered as from the connection itself (logged
 * at DEBUG). Reactor Netty keeps the handler in a package-private field, read once here by reflection; if
 * that fails, the server is left as it is.
 */
public final class LenientForwardedHeaders {

	private static final Log logger = LogFactory.getLog(LenientForwardedHeaders.class);

	private LenientForwardedHeaders() {
	}

	/**
	 * Wrap a server's forwarded-header handler, if it has one.
	 * @param server the server
	 * @return the server with the lenient handler, or as it was when it reads no forwarded headers or its
	 * handler cannot be reached
	 */
	public static HttpServer apply(HttpServer server) {
		HttpServerConfig config = server.configuration();
		if (!config.isForwarded()) {
			return server;
		}
		BiFunction<ConnectionInfo, HttpRequest, ConnectionInfo> handler = handlerOf(config);
		if (handler == null) {
			return server;
		}
		return server.forwarded((info, request) -> {
			try {
				return handler.apply(info, request);
			}
			catch (RuntimeException ex) {
				if (logger.isDebugEnabled()) {
					logger.debug("Ignored the forwarded headers of " + request.method() + " " + request.uri() + ": "
							+ ex.getMessage());
				}
				return info;
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static BiFunction<ConnectionInfo, HttpRequest, ConnectionInfo> handlerOf(HttpServerConfig config) {
		try {
			Field field = HttpServerConfig.class.getDeclaredField("forwardedHeaderHandler");
			field.setAccessible(true);
			return (BiFunction<ConnectionInfo, HttpRequest, ConnectionInfo>) field.get(config);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Reactor Netty's forwarded-header handler could not be read; malformed forwarded headers "
					+ "fail their requests", ex);
			return null;
		}
	}

}
