package io.github.mediastreaming.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.mediastreaming.bytes.FileMediaSource;
import org.jspecify.annotations.Nullable;

/**
 * The files a local store found recently, kept open between requests, as nginx's
 * {@code open_file_cache} does, but never stale: a request for a path found before costs one
 * {@code stat} of that path (the same file, by device and inode, with the same size and modification
 * time, still readable) instead of the real-path walk (an {@code lstat} per segment), the access check, and an
 * {@code open} and {@code close} of the file; and no system call at all within the check interval
 * after a check ({@link OpenFileSettings#checkInterval()}). A file that changed, was replaced (a new
 * inode, however its size and time compare) or vanished fails that check and is looked up again, so a
 * request never sees a file older than the one on disk a check interval before it arrived.
 * <p>
 * Each entry holds one share of its file's channel ({@link OpenFiles}), so the responses that read it
 * find it open; an entry is dropped (and its share released) when its file changed, when it was not
 * used for the idle timeout, or when more files than the maximum were looked up since.
 */
final class OpenFileCache {

	private final Cache<String, Entry> entries;

	private final long checkIntervalNanos;

	private final OpenFiles openFiles;

	/**
	 * Create a cache.
	 * @param settings its size, idle timeout and check interval
	 * @param openFiles where the entries' shares come from, told to retire a file replaced on disk
	 */
	OpenFileCache(OpenFileSettings settings, OpenFiles openFiles) {
		this.checkIntervalNanos = settings.checkInterval().toNanos();
		this.openFiles = openFiles;
		this.entries = Caffeine.newBuilder()
			// Upkeep (and closing a dropped file) on the caller's thread: handing it to a pool woke a
			// thread every few dozen requests.
			.executor(Runnable::run)
			.maximumSize(settings.maximumFiles())
			.expireAfterAccess(settings.idleTimeout())
			// Expired entries are dropped on time even when no request comes: each holds a descriptor.
			.scheduler(Scheduler.systemScheduler())
			.<String, Entry>removalListener((path, entry, cause) -> {
				if (entry != null) {
					try {
						entry.share.close();
					}
					catch (IOException ex) {
						// Closing a read-only channel fails for nothing a reader could act on.
					}
				}
			})
			.build();
	}

	/**
	 * Return the file a path named when it was looked up, if it is still that file.
	 * @param relativePath the checked path below the root
	 * @return the file, {@code null} when the path must be looked up
	 */
	@Nullable MediaFile get(String relativePath) {
		Entry entry = this.entries.getIfPresent(relativePath);
		if (entry == null) {
			return null;
		}
		long now = System.nanoTime();
		if (now - entry.checkedNanos < this.checkIntervalNanos) {
			return entry.file;
		}
		if (entry.isCurrent()) {
			entry.checkedNanos = now;
			return entry.file;
		}
		// Changed in a way its version may not show (rewritten in place within the same millisecond): new
		// readers must not get the old channel.
		this.openFiles.retire(entry.file.version(), entry.share.fileChannel());
		this.entries.asMap().remove(relativePath, entry);
		return null;
	}

	/**
	 * Keep a file just looked up.
	 * @param relativePath the path it was looked up by
	 * @param candidate the path below the root the request named (links not followed yet)
	 * @param attributes the file's attributes, links followed
	 * @param file the file found
	 * @param share a share of the file's open channel, released when the entry is dropped
	 */
	void put(String relativePath, Path candidate, BasicFileAttributes attributes, MediaFile file,
			FileMediaSource share) {
		this.entries.put(relativePath, new Entry(candidate, attributes.fileKey(), file, share));
	}

	/** Drop every entry, releasing their shares. */
	void clear() {
		this.entries.invalidateAll();
		this.entries.cleanUp();
	}

	/** One file found, and when the path was last proven to name it. */
	private static final class Entry {

		/** The path the request named, stat-ed again (links followed) to prove it still names the file. */
		final Path candidate;

		/** The file's identity (device and inode), {@code null} where the platform has none. */
		final @Nullable Object fileKey;

		final MediaFile file;

		/** This entry's share of the open channel. */
		final FileMediaSource share;

		volatile long checkedNanos;

		Entry(Path candidate, @Nullable Object fileKey, MediaFile file, FileMediaSource share) {
			this.candidate = candidate;
			this.fileKey = fileKey;
			this.file = file;
			this.share = share;
			this.checkedNanos = System.nanoTime();
		}

		boolean isCurrent() {
			if (this.fileKey == null) {
				return false;
			}
			try {
				BasicFileAttributes now = Files.readAttributes(this.candidate, BasicFileAttributes.class);
				return now.isRegularFile() && Objects.equals(now.fileKey(), this.fileKey)
						&& now.size() == this.file.sizeBytes()
						&& now.lastModifiedTime().toInstant().equals(this.file.lastModified())
						// Read permission taken away changes neither inode nor time.
						&& Files.isReadable(this.candidate);
			}
			catch (IOException | SecurityException ex) {
				return false;
			}
		}

	}

}
