package io.github.mediastreaming.delivery;

import java.nio.file.Path;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * Makes every answer of the application start on the event loop of its connection, whatever thread
 * built it: a blocking actuator operation ({@code /actuator/metrics}, run on Reactor's elastic
 * scheduler), an endpoint that waits for an index, a controller that returns on another thread. Reactor
 * Netty 1.3.8 sometimes never serves the next request of a keep-alive connection after an exchange that
 * ended on another thread (see {@link ConnectionLoop}): a monitoring system that polls with keep-alive
 * would lose its connection to the hang. The media route's answers already arrive on the loop; this covers
 * the rest of the application. Applied by Spring's {@code WebHttpHandlerBuilder} to the server's whole
 * handler.
 */
public final class AnswersOnConnectionLoop implements HttpHandlerDecoratorFactory {

	@Override
	public HttpHandler apply(HttpHandler handler) {
		// Reactor Netty's response sends files with sendfile (Spring's static resources do): kept so.
		return (request, response) -> handler.handle(request, (response instanceof ZeroCopyHttpOutputMessage)
				? new LoopBoundZeroCopyResponse(response) : new LoopBoundResponse(response));
	}

	/** Starts each write, and the end of a response without a body, on the connection's loop. */
	private static class LoopBoundResponse extends ServerHttpResponseDecorator {

		LoopBoundResponse(ServerHttpResponse delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return ConnectionLoop.onLoop(getDelegate(), () -> super.writeWith(body));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return ConnectionLoop.onLoop(getDelegate(), () -> super.writeAndFlushWith(body));
		}

		@Override
		public Mono<Void> setComplete() {
			return ConnectionLoop.onLoop(getDelegate(), super::setComplete);
		}

	}

	/** The same for a response that can send a file region as it is. */
	private static final class LoopBoundZeroCopyResponse extends LoopBoundResponse implements ZeroCopyHttpOutputMessage {

		LoopBoundZeroCopyResponse(ServerHttpResponse delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Path file, long position, long count) {
			return ConnectionLoop.onLoop(getDelegate(),
					() -> ((ZeroCopyHttpOutputMessage) getDelegate()).writeWith(file, position, count));
		}

	}

}
