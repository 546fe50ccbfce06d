package io.github.mediastreaming.bytes;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/**
 * Random-access, read-only view of one media file, opened for one use (an index build, a cut, a
 * response body) and closed after it: the one way the server reads a file's bytes. Readers ask for the
 * few bytes they need at known positions, so probing a 4 GB file reads kilobytes, not gigabytes; a
 * source over a local file also hands its channel to the body writer, which then sends regions with
 * zero-copy {@code sendfile}.
 *
 * <p>Implementations are not required to be thread-safe; one reader uses one source at a time.
 */
public interface MediaSource extends Closeable {

	/**
	 * Return the total length of the source in bytes.
	 * @return the size in bytes
	 */
	long size();

	/**
	 * Read up to {@code length} bytes starting at {@code position}. Fewer bytes are returned only at the
	 * end of the source.
	 * @param position the absolute offset to read from
	 * @param length the maximum number of bytes to read
	 * @return the bytes read, possibly shorter than {@code length} (empty at or past the end)
	 * @throws IOException if the underlying file cannot be read
	 */
	byte[] read(long position, int length) throws IOException;

	/**
	 * Read exactly {@code length} bytes starting at {@code position}.
	 * @param position the absolute offset to read from
	 * @param length the number of bytes to read
	 * @return a cursor over exactly {@code length} bytes
	 * @throws EOFException if the source ends before {@code position + length}
	 * @throws IOException if the underlying file cannot be read
	 */
	default ByteCursor readFully(long position, int length) throws IOException {
		byte[] bytes = read(position, length);
		if (bytes.length < length) {
			throw new EOFException("Wanted " + length + " bytes at offset " + position + " but the source has "
					+ size() + " bytes");
		}
		return new ByteCursor(bytes);
	}

	/**
	 * Read exactly {@code length} bytes starting at {@code position} into the start of an array the caller
	 * owns, for a reader that reuses its arrays (an MP4 index build reads megabytes of {@code moov} and keeps a
	 * fraction). By default through {@link #readFully(long, int)} and a copy.
	 * @param position the absolute offset to read from
	 * @param target where the bytes go, from its index 0; at least {@code length} long
	 * @param length the number of bytes to read
	 * @throws EOFException if the source ends before {@code position + length}
	 * @throws IOException if the underlying file cannot be read
	 */
	default void readFully(long position, byte[] target, int length) throws IOException {
		Objects.checkFromIndexSize(0, length, target.length);
		System.arraycopy(readFully(position, length).data(), 0, target, 0, length);
	}

	/**
	 * Return the open channel of a local file, so response bodies can go out as file regions
	 * ({@code sendfile}) rather than copies; it stays open until this source is closed.
	 * @return the channel, {@code null} when the bytes are not a local file
	 */
	default @Nullable FileChannel fileChannel() {
		return null;
	}

	/**
	 * Return whether many small reads at scattered positions cost little here (a local file read through the
	 * page cache, bytes in memory) rather than a request each (an object store's ranged GET). Readers that
	 * could walk a file's structure read fewer, larger pieces, or use a table the file keeps, when they do
	 * not. By default, whether the source is a local file.
	 * @return whether scattered small reads are cheap
	 */
	default boolean readsAreCheap() {
		return fileChannel() != null;
	}

	/**
	 * Stream the bytes {@code [position, position + length)} as buffers read on demand, one read per
	 * request, for a response body that cannot go out as file regions (TLS, HTTP/2, a remote store). The
	 * default reads with {@link #read(long, int)} on the given scheduler; a store with an asynchronous
	 * client overrides it. The subscriber releases the buffers (and, for buffers a source queued when the
	 * subscription is cancelled, installs {@code doOnDiscard(DataBuffer.class, DataBufferUtils::release)});
	 * the source stays open until closed.
	 * @param position the first byte
	 * @param length how many bytes
	 * @param factory allocates the buffers
	 * @param bufferSize the size of each read
	 * @param bytesPerSecond the rate the body is paced at, 0 when it is sent as fast as the client takes it:
	 * a remote store sizes its read-ahead by it (the default ignores it)
	 * @param blocking where blocking reads run
	 * @return the buffers, failing with {@link SourceChangedException} if the source ends early
	 */
	default Flux<DataBuffer> stream(long position, long length, DataBufferFactory factory, int bufferSize,
			long bytesPerSecond, Scheduler blocking) {
		long end = position + length;
		return Flux.<DataBuffer, Long>generate(() -> position, (next, sink) -> {
			if (next >= end) {
				sink.complete();
				return next;
			}
			int wanted = (int) Math.min(bufferSize, end - next);
			try {
				byte[] bytes = read(next, wanted);
				if (bytes.length < wanted) {
					sink.error(new SourceChangedException(next + bytes.length - position, length));
					return next;
				}
				sink.next(factory.wrap(bytes));
			}
			catch (IOException ex) {
				sink.error(ex);
			}
			return next + wanted;
		}).subscribeOn(blocking);
	}

	/**
	 * Release what the source holds (an open file, a connection). Does nothing by default.
	 * @throws IOException if releasing fails
	 */
	@Override
	default void close() throws IOException {
	}

}
