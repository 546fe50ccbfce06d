package io.github.mediastreaming.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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
 * A file replaced on disk has a new version (its size or modification time changed), so new responses
 * open the new file while the old one stays open for the responses still reading it.
 */
final class OpenFiles {

	private final ConcurrentMap<MediaVersion, Shared> files = new ConcurrentHashMap<>();

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
				if (current != null) {
					current.readers++;
					return current;
				}
				try {
					FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
					try {
						return new Shared(channel, channel.size());
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

	private void release(MediaVersion version, Shared shared) throws IOException {
		boolean[] last = new boolean[1];
		this.files.computeIfPresent(version, (key, current) -> {
			if (current != shared) {
				return current;
			}
			last[0] = --current.readers == 0;
			return last[0] ? null : current;
		});
		if (last[0]) {
			shared.channel.close();
		}
	}

	/** @return how many distinct files are open, for tests and monitoring */
	int openFiles() {
		return this.files.size();
	}

	/** One open file and how many readers share it; guarded by the map's per-key lock. */
	private static final class Shared {

		final FileChannel channel;

		/** The size when it was opened: a file whose size changed is another version. */
		final long size;

		int readers = 1;

		Shared(FileChannel channel, long size) {
			this.channel = channel;
			this.size = size;
		}

	}

}
