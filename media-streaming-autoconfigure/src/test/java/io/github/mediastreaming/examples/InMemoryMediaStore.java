package io.github.mediastreaming.examples;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import reactor.core.publisher.Mono;

/**
 * A store that keeps files in memory: the smallest complete {@link MediaStore}, the example of
 * docs/extending.md. Its files are no local files, so every body takes the buffer path (read on demand
 * through {@link MediaSource#stream}, paced by the operator).
 */
public final class InMemoryMediaStore implements MediaStore {

	private final Map<String, Entry> files = new ConcurrentHashMap<>();

	private final MediaFormats formats;

	/**
	 * Create an empty store.
	 * @param formats maps names onto formats and content types
	 */
	public InMemoryMediaStore(MediaFormats formats) {
		this.formats = formats;
	}

	/**
	 * Add or replace a file.
	 * @param path its path below the root, such as {@code movies/a.mp4}
	 * @param content its bytes (not copied)
	 */
	public void put(String path, byte[] content) {
		this.files.put(path, new Entry(content, Instant.now()));
	}

	@Override
	public Mono<MediaFile> find(String relativePath) {
		Entry entry = this.files.get(relativePath);
		if (entry == null) {
			return Mono.empty();
		}
		return Mono.just(new MediaFile(relativePath, "memory:" + relativePath, entry.content().length,
				entry.modified(), null, this.formats.forFileName(relativePath),
				this.formats.contentType(relativePath)));
	}

	@Override
	public MediaSource open(MediaFile file) throws IOException {
		Entry entry = this.files.get(file.relativePath());
		if (entry == null || entry.content().length != file.sizeBytes()) {
			throw new IOException("Gone: " + file.relativePath());
		}
		return new ByteArrayMediaSource(entry.content());
	}

	@Override
	public boolean opensWithoutBlocking() {
		return true;
	}

	private record Entry(byte[] content, Instant modified) {

	}

}
