package io.github.mediastreaming.delivery;

import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * Hands an answer built on another thread to the event loop of the connection it goes out on, so the
 * exchange is written and ends there. Reactor Netty 1.3.8 races otherwise: a keep-alive HTTP/1.1 request
 * that arrives before the previous exchange has terminated is buffered, and when that exchange ended on
 * another thread (a first request waiting for its file's index, a remote store's look-up, a seek built on
 * the blocking scheduler) the buffered request is, in a few cases in a hundred, never served; the client
 * waits forever on a connection no timeout reaps. A bare Reactor Netty server whose handler answers
 * after a {@code Mono.delay} loses that race 17 times in 300 connections, and none once it answers on
 * the connection's loop (the family of reactor/reactor-netty#4361). Answers built on the loop, the common
 * case, are passed on as they are.
 */
public final class ConnectionLoop {

	private ConnectionLoop() {
	}

	/**
	 * Deliver an answer on the event loop of a response's connection.
	 * @param <T> the answer's type
	 * @param answer the answer, from any thread
	 * @param response the response it is for
	 * @return the answer, delivered on the connection's event loop (or as it comes on a server other than
	 * Reactor Netty)
	 */
	public static <T> Mono<T> deliverOnLoop(Mono<T> answer, ServerHttpResponse response) {
		EventLoop loop = loopOf(response);
		if (loop == null) {
			return answer;
		}
		return answer.flatMap((value) -> loop.inEventLoop() ? Mono.just(value) : Mono.create((sink) -> {
			try {
				loop.execute(() -> sink.success(value));
			}
			catch (RejectedExecutionException ex) {
				sink.error(ex); // the server is shutting down: the connection goes with it
			}
		}));
	}

	/**
	 * Start work that writes a response on the event loop of the response's connection: a problem that
	 * replaces a body when a store fails on its own thread, any answer of the application
	 * ({@link AnswersOnConnectionLoop}).
	 * @param <T> the work's type
	 * @param response the response the work writes
	 * @param work what to subscribe to on the loop
	 * @return the work, subscribed to on the connection's event loop (or where it is subscribed to, on a
	 * server other than Reactor Netty or when already on the loop)
	 */
	public static <T> Mono<T> onLoop(ServerHttpResponse response, Supplier<Mono<T>> work) {
		EventLoop loop = loopOf(response);
		if (loop == null) {
			return Mono.defer(work);
		}
		return Mono.defer(() -> loop.inEventLoop() ? work.get()
				: Mono.defer(work).subscribeOn(Schedulers.fromExecutor(loop)));
	}

	private static @Nullable EventLoop loopOf(ServerHttpResponse response) {
		Object nativeResponse;
		try {
			nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// Not a server's response (a test's mock has no native one).
			return null;
		}
		if (!(nativeResponse instanceof HttpServerResponse netty)) {
			return null;
		}
		Connection[] connection = new Connection[1];
		netty.withConnection((c) -> connection[0] = c);
		return (connection[0] != null) ? connection[0].channel().eventLoop() : null;
	}

}
