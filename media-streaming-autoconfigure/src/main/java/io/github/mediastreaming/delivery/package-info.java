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
 */
@NullMarked
package io.github.mediastreaming.delivery;

import org.jspecify.annotations.NullMarked;
