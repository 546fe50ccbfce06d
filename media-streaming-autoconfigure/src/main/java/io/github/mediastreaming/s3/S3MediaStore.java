package io.github.mediastreaming.s3;

import java.nio.charset.StandardCharsets;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.source.MediaStoreListener;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Media files as objects of an S3-compatible bucket, below a key prefix. {@link #find} is one asynchronous
 * HEAD request (size, Last-Modified and ETag come from the object's metadata, so the response's validators
 * and the index cache follow the object's version); {@link #open} sends nothing, its {@link S3MediaSource}
 * reads with ranged GETs. Neither blocks the calling thread, so both run on the event loop.
 *
 * <p>A missing object is "not found" (404). Note that S3 answers 403 rather than 404 for a missing key
 * when the credentials may not list the bucket: grant {@code s3:ListBucket} so missing files are 404s,
 * not store failures (502).
 */
public final class S3MediaStore implements MediaStore {

	private final S3Location location;

	private final S3Requests requests;

	private final ReadAheadSettings readAhead;

	private final MediaFormats formats;

	/**
	 * Create a store.
	 * @param client the asynchronous S3 client; the caller closes it
	 * @param location the bucket and key prefix
	 * @param readAhead how response bodies are read ahead
	 * @param formats maps object names onto formats and content types
	 * @param listener observer of every request to the store
	 */
	public S3MediaStore(S3AsyncClient client, S3Location location, ReadAheadSettings readAhead, MediaFormats formats,
			MediaStoreListener listener) {
		this.location = location;
		this.requests = new S3Requests(client, location.bucket(), listener);
		this.readAhead = readAhead;
		this.formats = formats;
	}

	/**
	 * Return where the files are.
	 * @return the bucket and prefix
	 */
	public S3Location location() {
		return this.location;
	}

	/** The longest key S3 allows, in UTF-8 bytes. */
	static final int MAX_KEY_BYTES = 1024;

	@Override
	public Mono<MediaFile> find(String relativePath) {
		if (!MediaStore.isSafePath(relativePath)) {
			// Keys are literal, but the same paths as in a folder are served: no empty, dot or hidden segment.
			return Mono.empty();
		}
		String key = this.location.key(relativePath);
		if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
			// No such object can exist; S3 would answer the HEAD with 400 KeyTooLongError, a store failure (502).
			return Mono.empty();
		}
		String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
		return this.requests.head(key)
			.map((head) -> new MediaFile(relativePath, key, head.contentLength(), head.lastModified(), head.eTag(),
					this.formats.forFileName(name), this.formats.contentType(name)));
	}

	@Override
	public MediaSource open(MediaFile file) {
		return new S3MediaSource(this.requests, file, this.readAhead);
	}

	@Override
	public boolean opensWithoutBlocking() {
		return true;
	}

}
