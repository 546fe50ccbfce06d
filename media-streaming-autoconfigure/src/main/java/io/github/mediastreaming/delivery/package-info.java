/**
 * Sending response bodies: {@link io.github.mediastreaming.delivery.MediaBodyWriter} picks the cheapest
 * path a connection allows (one buffer for a small body; file regions sent with {@code sendfile} from
 * the connection's own event loop and paced by that loop's timing wheel; a paced flux of buffers
 * otherwise), tracks each stream and releases everything it held however the stream ends.
 * <p>
 * The event-loop sender is our own code because no library paces zero-copy writes: Netty's traffic
 * shaping handlers meter bytes passing through the pipeline (a file region passes as one message, so
 * it cannot be paced, and their minimum wait is 10 ms per connection), and Reactor Netty's
 * {@code sendFile} writes one region in one go.
 * <p>
 * The connection's own hardening lives here too, each piece working around what Reactor Netty 1.3.8
 * does: {@link io.github.mediastreaming.delivery.Http1ConnectionGuard} (request-header deadline,
 * pipelining, unreadable requests answered with a problem), {@link io.github.mediastreaming.delivery.ConnectionLoop}
 * and {@link io.github.mediastreaming.delivery.AnswersOnConnectionLoop} (answers written from their
 * connection's event loop, or a keep-alive connection may hang),
 * {@link io.github.mediastreaming.delivery.LenientForwardedHeaders} (a malformed forwarded header ignored
 * rather than failing its request) and {@link io.github.mediastreaming.delivery.Http2HangUps}.
 */
@NullMarked
package io.github.mediastreaming.delivery;

import org.jspecify.annotations.NullMarked;
