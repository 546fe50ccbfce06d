package io.github.mediastreaming.source;

import java.io.IOException;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.bytes.MediaStoreException;
import reactor.core.publisher.Mono;

/**
 * Where media files live: a local folder ({@link LocalMediaStore}), or any other store a bean of this
 * type provides. The HTTP layer, the index and the body writer reach files only through it, so a new
 * store plugs in without touching them.
 */
public interface MediaStore {

	/**
	 * Return whether a decoded path is one the server ever asks a store for: '/'-separated segments that
	 * are neither empty, nor dot segments, nor hidden (starting with a dot), with no backslash, colon or
	 * NUL. The media routes refuse every other path before a store sees it, and so does the actuator
	 * endpoint; a store may call it again for callers of its own.
	 * @param relativePath the decoded path below the root
	 * @return whether it is safe to look up
	 */
	static boolean isSafePath(String relativePath) {
		int start = 0;
		while (start <= relativePath.length()) {
			int slash = relativePath.indexOf('/', start);
			int end = (slash < 0) ? relativePath.length() : slash;
			if (end == start || relativePath.charAt(start) == '.') {
				return false;
			}
			for (int i = start; i < end; i++) {
				char c = relativePath.charAt(i);
				if (c == '\\' || c == ':' || c == '\0') {
					return false;
				}
			}
			start = end + 1;
		}
		return true;
	}

	/**
	 * Find a file.
	 * @param relativePath a path below the store's root: decoded, '/'-separated segments that are
	 * neither empty, nor dot segments, nor hidden ({@link #isSafePath}: the HTTP layer has checked them)
	 * @return the file, empty when there is none (a folder, a hidden or unreadable file, a link out of
	 * the root, a missing object); a {@link MediaStoreException} when the store itself fails (a 502 for
	 * the client), a {@link MediaStoreBusyException} when it throttles (a 503)
	 */
	Mono<MediaFile> find(String relativePath);

	/**
	 * Open a file's bytes, for an index build, a cut or a response body. May block: call it off the
	 * event loop unless {@link #opensWithoutBlocking()}. The source's {@link MediaSource#read} may block
	 * (readers and cutters call it off the event loop); a response body is read with
	 * {@link MediaSource#stream}, or as file regions when {@link MediaSource#fileChannel()} is a local file.
	 * @param file a file this store found
	 * @return its bytes; the caller closes them
	 * @throws IOException if the file cannot be opened
	 */
	MediaSource open(MediaFile file) throws IOException;

	/**
	 * Return whether {@link #find} and {@link #open} may run on the event loop: a local file system's stat
	 * and open take microseconds (nginx does them there too), and a store whose client is asynchronous
	 * returns at once; a store that blocks on the network answers {@code false}.
	 * @return whether neither call blocks for long
	 */
	default boolean opensWithoutBlocking() {
		return false;
	}

	/**
	 * Return whether reading a few bytes of an open file may run on the event loop: a local file's read
	 * comes from the page cache in microseconds, a remote store's waits on the network. Seek documents of a
	 * store that answers {@code true} are planned where the request arrives; the others on the blocking
	 * scheduler, at most {@code media.streaming.max-seek-builds} at once.
	 * @return whether a small read does not block for long
	 */
	default boolean readsWithoutBlocking() {
		return false;
	}

}
