package io.github.mediastreaming.s3;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/**
 * A response body read from a store in chunks, one ranged request per chunk, one chunk ahead of the
 * sender: the first two chunks are fetched on subscription, and each further one when the sender starts on
 * the chunk before it. So at most two chunks are fetched and not yet sent, however slow the client (a
 * buffer of the chunk before them may still be on its way to the socket, keeping that chunk's array), and
 * a cancel aborts the fetch in flight. Each chunk is cut into buffers of the requested size, which wrap the
 * fetched bytes (no copy, nothing pooled to leak).
 *
 * <p>For example, a 1 MB body with 256 KiB chunks: chunks 1 and 2 are fetched when the first buffer is
 * requested, chunk 3 when the last buffer of chunk 1 has been taken, chunk 4 after chunk 2.
 */
final class ReadAhead {

	private ReadAhead() {
	}

	/**
	 * Stream {@code [position, position + length)}.
	 * @param fetcher reads one chunk with one request, lazily (on subscription) and cancellably
	 * @param position the first byte
	 * @param length how many bytes
	 * @param chunkBytes the size of each request
	 * @param bufferBytes the size of each emitted buffer
	 * @param factory wraps the bytes into buffers
	 * @return the buffers, in order
	 */
	static Flux<DataBuffer> stream(ChunkFetcher fetcher, long position, long length, int chunkBytes, int bufferBytes,
			DataBufferFactory factory) {
		long end = position + length;
		Flux<Long> starts = Flux.generate(() -> position, (next, sink) -> {
			if (next >= end) {
				sink.complete();
			}
			else {
				sink.next(next);
			}
			return next + chunkBytes;
		});
		// No prefetch: a chunk is requested only when the slicing step below asks for it, which (prefetch 1)
		// it does once as it starts on the previous chunk: one chunk sent, one ready or in flight.
		// Deferred, so that a fetch is always an inner subscription (never fused as a scalar), which is what
		// lets the next chunk's request start while the current one is being sent.
		return starts.concatMap((start) -> Mono.defer(() -> fetcher.fetch(start, (int) Math.min(chunkBytes, end - start))), 0)
			.concatMapIterable((bytes) -> slices(bytes, bufferBytes, factory), 1)
			// Not fused with the subscriber: polled in fusion mode, the slicing step would ask for the next
			// chunk only when the current one is spent, and the stream would wait for every fetch.
			.hide();
	}

	private static List<DataBuffer> slices(byte[] bytes, int bufferBytes, DataBufferFactory factory) {
		List<DataBuffer> buffers = new ArrayList<>(bytes.length / bufferBytes + 1);
		for (int offset = 0; offset < bytes.length; offset += bufferBytes) {
			buffers.add(factory.wrap(ByteBuffer.wrap(bytes, offset, Math.min(bufferBytes, bytes.length - offset))));
		}
		return buffers;
	}

	/** Reads one chunk of the object. */
	@FunctionalInterface
	interface ChunkFetcher {

		/**
		 * Fetch a chunk.
		 * @param position the first byte
		 * @param length how many bytes
		 * @return exactly those bytes, fetched when subscribed; cancelling aborts the request
		 */
		Mono<byte[]> fetch(long position, int length);

	}

}
