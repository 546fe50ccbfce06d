package io.github.mediastreaming.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.MediaVersion;

/**
 * The open files of a local store, shared by version: every response reading one version of a file
 * reads through one {@link FileChannel} (positioned reads and {@code sendfile} need no file position),
 * counted by reference and closed with its last reader. So 10,000 viewers of one film hold 10,000
 * sockets and one file descriptor rather than 20,000 descriptors, against a process limit that is
 * often 20,000 or less. Nothing stays open without a reader; the {@link OpenFileCache} is one, holding
 * recently requested files open between requests.
 * <p>
 * A file replaced on disk has a new version (its size, modification time or inode changed), so new
 * responses open the new file while the old one stays open for the responses still reading it. A file
 * whose version cannot tell (rewritten in place, its time changed by less than a millisecond) is caught
 * by the {@link OpenFileCache}'s check, which {@linkplain #retire retires} the old channel, so new readers
 * open the file anew.
 */
final class OpenFiles {

	private final ConcurrentMap<MediaVersion, Shared> files = new ConcurrentHashMap<>();

	private final AtomicInteger openChannels = new AtomicInteger();

	/**
	 * Open a file for one reader, sharing the channel other readers of its version hold.
	 * @param path the file
	 * @param version its version, as the store found it
	 * @return a source; closing it releases this reader's share
	 * @throws IOException if the file cannot be opened
	 */
	FileMediaSource open(Path path, MediaVersion version) throws IOException {
		Shared shared;
		try {
			shared = this.files.compute(version, (key, current) -> {
				if (current != null && current.acquire()) {
					return current;
				}
				try {
					FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
					try {
						Shared opened = new Shared(channel, channel.size());
						this.openChannels.incrementAndGet();
						return opened;
					}
					catch (IOException ex) {
						channel.close();
						throw ex;
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		return FileMediaSource.of(shared.channel, shared.size, () -> release(version, shared));
	}

	/**
	 * Stop handing out a channel: the next reader of its version opens the file anew, while the readers
	 * holding it keep it until the last of them closes it.
	 * @param version the version it was opened for
	 * @param channel the channel
	 */
	void retire(MediaVersion version, FileChannel channel) {
		this.files.computeIfPresent(version, (key, current) -> (current.channel == channel) ? null : current);
	}

	private void release(MediaVersion version, Shared shared) throws IOException {
		if (shared.releaseLast()) {
			// No reader can join it any more (acquire() refuses a count of 0): drop it, unless a newer
			// channel of this version took its place already, and close it.
			this.files.remove(version, shared);
			this.openChannels.decrementAndGet();
			shared.channel.close();
		}
	}

	/** @return how many channels are open (including retired ones still read), for tests and monitoring */
	int openFiles() {
		return this.openChannels.get();
	}

	/** One open file and how many readers share it; once none does, it never takes a reader again. */
	private static final class Shared {

		final FileChannel channel;

		/** The size when it was opened: a file whose size changed is another version. */
		final long size;

		private final AtomicInteger readers = new AtomicInteger(1);

		Shared(FileChannel channel, long size) {
			this.channel = channel;
			this.size = size;
		}

		/** Join as one more reader, unless the last one has left (the channel is being closed). */
		boolean acquire() {
			int current;
			do {
				current = this.readers.get();
				if (current == 0) {
					return false;
				}
			}
			while (!this.readers.compareAndSet(current, current + 1));
			return true;
		}

		/** Leave; {@code true} for the last reader, who closes it. */
		boolean releaseLast() {
			return this.readers.decrementAndGet() == 0;
		}

	}

}
