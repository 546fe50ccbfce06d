package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A tiny fake of a throttling S3 endpoint, since s3proxy cannot throttle: it answers GETs, and optionally
 * HEADs, with S3's {@code 503 SlowDown} error (an XML body for GET, none for HEAD, as S3 does), optionally
 * with a {@code Retry-After} header. HEADs it does not throttle describe a 1 MB object. Bound to
 * 127.0.0.1 on a port of this project's range.
 */
public final class ThrottlingS3 implements AutoCloseable {

	/** The size of the object a HEAD describes. */
	public static final long SIZE = 1_000_000;

	private static final String SLOW_DOWN = """
			<?xml version="1.0" encoding="UTF-8"?>
			<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>""";

	private final HttpServer server;

	private final AtomicInteger throttled = new AtomicInteger();

	/**
	 * Start the fake.
	 * @param throttleHead whether HEAD requests are throttled too
	 * @param retryAfter the Retry-After header's value, {@code null} for none (as S3)
	 */
	public ThrottlingS3(boolean throttleHead, @Nullable String retryAfter) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
					S3ProxyServer.freePort()), 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> answer(exchange, throttleHead, retryAfter));
		this.server.start();
	}

	private void answer(HttpExchange exchange, boolean throttleHead, @Nullable String retryAfter) throws IOException {
		exchange.getRequestBody().readAllBytes();
		boolean head = "HEAD".equals(exchange.getRequestMethod());
		if (head && !throttleHead) {
			exchange.getResponseHeaders().set("ETag", "\"0123456789abcdef\"");
			exchange.getResponseHeaders().set("Last-Modified",
					DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse("2026-01-01T00:00:00Z").atZone(ZoneOffset.UTC)));
			exchange.getResponseHeaders().set("Content-Type", "audio/wav");
			exchange.getResponseHeaders().set("Content-Length", Long.toString(SIZE));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
			return;
		}
		this.throttled.incrementAndGet();
		if (retryAfter != null) {
			exchange.getResponseHeaders().set("Retry-After", retryAfter);
		}
		if (head) {
			exchange.sendResponseHeaders(503, -1);
		}
		else {
			byte[] body = SLOW_DOWN.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/xml");
			exchange.sendResponseHeaders(503, body.length);
			exchange.getResponseBody().write(body);
		}
		exchange.close();
	}

	/** @return the fake's URL */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** @return how many requests it throttled */
	public int throttled() {
		return this.throttled.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
