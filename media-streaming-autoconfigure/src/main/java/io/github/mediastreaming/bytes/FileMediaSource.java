package io.github.mediastreaming.bytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@link MediaSource} over a file, read with positioned {@link FileChannel} reads. Close it when done.
 */
public final class FileMediaSource implements MediaSource {

	private final FileChannel channel;

	private final long size;

	private FileMediaSource(FileChannel channel) throws IOException {
		this.channel = channel;
		this.size = channel.size();
	}

	/**
	 * Open a file for reading.
	 * @param path the file
	 * @return an open source; the caller closes it
	 * @throws IOException if the file cannot be opened
	 */
	public static FileMediaSource open(Path path) throws IOException {
		return new FileMediaSource(FileChannel.open(path, StandardOpenOption.READ));
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
		while (buffer.hasRemaining()) {
			int read = this.channel.read(buffer, position + buffer.position());
			if (read < 0) {
				break;
			}
		}
		if (buffer.hasRemaining()) {
			byte[] partial = new byte[buffer.position()];
			buffer.flip().get(partial);
			return partial;
		}
		return buffer.array();
	}

	@Override
	public FileChannel fileChannel() {
		return this.channel;
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
