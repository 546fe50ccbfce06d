package io.github.mediastreaming.bytes;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link MediaSource} over a file, read with positioned {@link FileChannel} reads (so readers may share
 * a channel). Close it when done; a second close does nothing.
 */
public final class FileMediaSource implements MediaSource {

	/** Most bytes one system call reads (and so the largest temporary direct buffer a read leaves behind). */
	static final int READ_SLICE_BYTES = 256 * 1024;

	private final FileChannel channel;

	private final long size;

	private final Closeable onClose;

	private final AtomicBoolean closed = new AtomicBoolean();

	private FileMediaSource(FileChannel channel, long size, Closeable onClose) {
		this.channel = channel;
		this.size = size;
		this.onClose = onClose;
	}

	/**
	 * Open a file for reading.
	 * @param path the file
	 * @return an open source; the caller closes it
	 * @throws IOException if the file cannot be opened
	 */
	public static FileMediaSource open(Path path) throws IOException {
		FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
		try {
			return new FileMediaSource(channel, channel.size(), channel);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Read through a shared channel whose size is known (read once when it was opened, rather than by
	 * a system call per reader): closing the source runs {@code onClose} (once).
	 * @param channel an open channel
	 * @param size the file's size
	 * @param onClose what closing this source does
	 * @return the source
	 */
	public static FileMediaSource of(FileChannel channel, long size, Closeable onClose) {
		return new FileMediaSource(channel, size, onClose);
	}

	@Override
	public long size() {
		return this.size;
	}

	@Override
	public byte[] read(long position, int length) throws IOException {
		if (position < 0 || length < 0) {
			throw new IllegalArgumentException("Negative position or length: " + position + ", " + length);
		}
		int available = (int) Math.max(0, Math.min(length, this.size - position));
		ByteBuffer buffer = ByteBuffer.allocate(available);
		fill(buffer, position);
		if (buffer.position() < available) {
			// The file ended early (it shrank): what there was.
			byte[] partial = new byte[buffer.position()];
			buffer.flip().get(partial);
			return partial;
		}
		return buffer.array();
	}

	@Override
	public void readFully(long position, byte[] target, int length) throws IOException {
		Objects.checkFromIndexSize(0, length, target.length);
		if (position < 0) {
			throw new IllegalArgumentException("Negative position: " + position);
		}
		ByteBuffer buffer = ByteBuffer.wrap(target, 0, length);
		fill(buffer, position);
		if (buffer.position() < length) {
			throw new EOFException("Wanted " + length + " bytes at offset " + position + " but the source has "
					+ this.size + " bytes");
		}
	}

	/** Fill a buffer up to its limit from {@code position} on, or until the file ends. */
	private void fill(ByteBuffer buffer, long position) throws IOException {
		int end = buffer.limit();
		int start = buffer.position();
		while (buffer.position() < end) {
			// A slice a read: the JDK reads into a heap buffer through a temporary direct buffer as large
			// as the read, which the reading thread then keeps for as long as it lives (a 4 MB moov read
			// whole would leave 4 MB of native memory with every thread that indexed one).
			buffer.limit(Math.min(end, buffer.position() + READ_SLICE_BYTES));
			int read = this.channel.read(buffer, position + buffer.position() - start);
			if (read < 0) {
				break;
			}
		}
		buffer.limit(end);
	}

	@Override
	public FileChannel fileChannel() {
		return this.channel;
	}

	@Override
	public void close() throws IOException {
		if (this.closed.compareAndSet(false, true)) {
			this.onClose.close();
		}
	}

}
