package io.github.mediastreaming.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormats;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The files of a folder. A file is found only if its real path (links followed) stays under the root,
 * it is a regular readable file, and no segment is hidden; a link out of the root is "not found", so
 * nothing is said about what lies there. Files found recently stay open and are checked again with one
 * {@code stat} rather than looked up anew ({@link OpenFileCache}), unless the cache is turned off.
 */
public final class LocalMediaStore implements MediaStore {

	private final Path root;

	private final MediaFormats formats;

	private final OpenFiles openFiles = new OpenFiles();

	private final @Nullable OpenFileCache recent;

	/**
	 * Create a store that looks every request's file up anew (no open-file cache).
	 * @param root the media root; it must exist
	 * @param formats maps file names onto formats and content types
	 * @throws IOException if the root's real path cannot be determined
	 */
	public LocalMediaStore(Path root, MediaFormats formats) throws IOException {
		this(root, formats, OpenFileSettings.NONE);
	}

	/**
	 * Create a store that keeps recently found files open between requests.
	 * @param root the media root; it must exist
	 * @param formats maps file names onto formats and content types
	 * @param openFiles how many files are kept open, and for how long
	 * @throws IOException if the root's real path cannot be determined
	 */
	public LocalMediaStore(Path root, MediaFormats formats, OpenFileSettings openFiles) throws IOException {
		this.root = root.toRealPath();
		this.formats = formats;
		this.recent = (openFiles.maximumFiles() > 0) ? new OpenFileCache(openFiles, this.openFiles) : null;
	}

	/**
	 * Return the real path of the media root.
	 * @return the root
	 */
	public Path root() {
		return this.root;
	}

	@Override
	public Mono<MediaFile> find(String relativePath) {
		return Mono.fromSupplier(() -> lookup(relativePath));
	}

	/**
	 * Find a file now, on the calling thread: one {@code stat} for a file found recently, else a few
	 * system calls (real path, stat, access, and an open when the cache keeps it).
	 * @param relativePath a checked path below the root
	 * @return the file, {@code null} when there is none
	 */
	public @Nullable MediaFile lookup(String relativePath) {
		if (!MediaStore.isSafePath(relativePath)) {
			// Hidden files and folders are never served, however the path reached here.
			return null;
		}
		OpenFileCache recent = this.recent;
		MediaFile kept = (recent != null) ? recent.get(relativePath) : null;
		if (kept != null) {
			return kept;
		}
		Path candidate;
		try {
			candidate = this.root.resolve(relativePath).normalize();
		}
		catch (InvalidPathException ex) {
			// Not a path this file system can name (a NUL, say): no such file. The media routes refuse these
			// before; other callers (the actuator endpoint) may not.
			return null;
		}
		if (!candidate.startsWith(this.root)) {
			return null;
		}
		try {
			Path real = candidate.toRealPath();
			if (!real.startsWith(this.root)) {
				return null;
			}
			BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isRegularFile() || !Files.isReadable(real)) {
				return null;
			}
			String fileName = real.getFileName().toString();
			// The inode in the version: a file renamed over this one with the same size and time is another
			// file, with its own open channel, index and plans.
			Object identity = attributes.fileKey();
			MediaFile file = new MediaFile(relativePath, real.toString(), attributes.size(),
					attributes.lastModifiedTime().toInstant(), null, this.formats.forFileName(fileName),
					this.formats.contentType(fileName), (identity != null) ? identity.toString() : null);
			if (recent != null) {
				keep(recent, relativePath, candidate, attributes, file, real);
			}
			return file;
		}
		catch (IOException | SecurityException ex) {
			return null;
		}
	}

	/**
	 * Keep a file just found open for the next requests; if it cannot be opened (out of descriptors, say),
	 * it is served without being kept, and the response that opens it reports what failed.
	 */
	private void keep(OpenFileCache recent, String relativePath, Path candidate, BasicFileAttributes attributes,
			MediaFile file, Path real) {
		try {
			recent.put(relativePath, candidate, attributes, file, this.openFiles.open(real, file.version()));
		}
		catch (IOException ex) {
			// Not kept; found all the same.
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Responses reading one version of a file share one open file ({@link OpenFiles}).
	 */
	@Override
	public MediaSource open(MediaFile file) throws IOException {
		return this.openFiles.open(Path.of(file.key()), file.version());
	}

	/**
	 * Return how many distinct files are open, for responses in flight or kept by the open-file cache.
	 * @return open files
	 */
	public int openFiles() {
		return this.openFiles.openFiles();
	}

	/**
	 * Close the files the open-file cache keeps; files that responses in flight read stay open until
	 * those end. The next request for each looks it up anew.
	 */
	public void closeIdleFiles() {
		OpenFileCache recent = this.recent;
		if (recent != null) {
			recent.clear();
		}
	}

	@Override
	public boolean opensWithoutBlocking() {
		return true;
	}

	@Override
	public boolean readsWithoutBlocking() {
		return true;
	}

}
