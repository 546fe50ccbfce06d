package io.github.mediastreaming.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 * open the file anew. A version is opened only while its path still names its file (the same inode): a
 * reader of a version whose file was replaced after the last channel of it closed gets a
 * {@link NoSuchFileException}, as if the file had been deleted, never the new file's bytes.
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
						requireFileOf(version, path);
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
	 * Check that a path just opened still names the file its version was found as: a file renamed over it
	 * since (the safe way to publish) is another file, and reading it for this version would send its bytes
	 * under the old file's length, validators and index (a seek cut from the old index over the new bytes).
	 * There is no {@code fstat} in Java: a {@code stat} of the path right after the open names the inode the
	 * open found, unless the path changed twice in between.
	 */
	private static void requireFileOf(MediaVersion version, Path path) throws IOException {
		String identity = version.fileIdentity();
		if (identity == null) {
			return;
		}
		Object now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
		if (now == null || !identity.equals(now.toString())) {
			throw new NoSuchFileException(path.toString(), null, "replaced since it was found");
		}
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
