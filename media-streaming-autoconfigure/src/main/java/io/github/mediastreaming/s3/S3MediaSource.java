package io.github.mediastreaming.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.bytes.SourceChangedException;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.bytes.MediaStoreException;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/**
 * The bytes of one object version, read with ranged GETs only (never a whole-object download), each
 * conditional on the entity tag the object had when it was found: an object replaced meanwhile fails the
 * read with a {@link SourceChangedException} instead of mixing two versions. Opening it sends nothing.
 * <ul>
 * <li>{@link #read}, for index readers and cutters (off the event loop), waits for a GET through a
 * {@link BlockReader}, so sequential small reads share a request.</li>
 * <li>{@link #stream}, for response bodies, never blocks: it reads ahead in chunks sized to the paced
 * rate ({@link ReadAheadSettings}), two chunks held (three for a moment at a chunk's end), and a client that hangs up cancels the GET
 * in flight ({@link ReadAhead}).</li>
 * </ul>
 * A store that throttles fails a read with a {@code MediaStoreBusyException}, one that refuses or cannot
 * be reached with a {@link MediaStoreException}.
 */
public final class S3MediaSource implements MediaSource {

	private static final int BLOCK_BYTES = 64 * 1024;

	private static final int MAX_AHEAD_BYTES = 1024 * 1024;

	private static final long MAX_CACHED_BYTES = 2L * 1024 * 1024;

	private final S3Requests requests;

	private final MediaFile file;

	private final ReadAheadSettings readAhead;

	private final BlockReader blocks;

	S3MediaSource(S3Requests requests, MediaFile file, ReadAheadSettings readAhead) {
		this.requests = requests;
		this.file = file;
		this.readAhead = readAhead;
		this.blocks = new BlockReader(file.sizeBytes(), this::get, BLOCK_BYTES, MAX_AHEAD_BYTES, MAX_CACHED_BYTES);
	}

	@Override
	public long size() {
		return this.file.sizeBytes();
	}

	@Override
	public byte[] read(long position, int length) throws IOException {
		return this.blocks.read(position, length);
	}

	/**
	 * Return how many GETs this source's reads have cost.
	 * @return the count
	 */
	public long readRequests() {
		return this.blocks.fetches();
	}

	private byte[] get(long position, int length) throws IOException {
		CompletableFuture<byte[]> response = this.requests
			.get(this.file.key(), this.file.entityTag(), position, length, S3Requests.READ)
			.toFuture();
		try {
			return response.get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new MediaStoreException("Reading " + this.file.key() + " failed", cause);
		}
		catch (InterruptedException ex) {
			// The reader gave up (its client hung up): cancelling the future cancels the GET, which frees its
			// connection instead of downloading the rest for no one.
			response.cancel(true);
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while reading " + this.file.key());
		}
	}

	@Override
	public Flux<DataBuffer> stream(long position, long length, DataBufferFactory factory, int bufferSize,
			long bytesPerSecond, Scheduler blocking) {
		if (position < 0 || length < 0 || position + length > this.file.sizeBytes()) {
			return Flux.error(new SourceChangedException(Math.max(0, this.file.sizeBytes() - position), length));
		}
		return ReadAhead.stream((start, count) -> this.requests.get(this.file.key(), this.file.entityTag(), start,
				count, S3Requests.STREAM), position, length, this.readAhead.chunkBytes(bytesPerSecond), bufferSize,
				factory);
	}

	@Override
	public void close() {
		this.blocks.clear();
	}

}
