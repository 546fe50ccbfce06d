package io.github.mediastreaming.s3;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mediastreaming.bytes.SourceChangedException;
import io.github.mediastreaming.source.MediaStoreBusyException;
import io.github.mediastreaming.bytes.MediaStoreException;
import io.github.mediastreaming.source.MediaStoreListener;
import io.github.mediastreaming.source.MediaStoreListener.Outcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The two requests the store makes, HEAD and ranged GET, on the asynchronous client: each is a lazy
 * {@link Mono} (nothing is sent before it is subscribed; cancelling it aborts the request), reported to
 * the {@link MediaStoreListener} once with its outcome and the store's time to answer, and its failure
 * translated into what the rest of the server understands.
 */
final class S3Requests {

	static final String HEAD = "head";

	static final String READ = "read";

	static final String STREAM = "stream";

	private final S3AsyncClient client;

	private final String bucket;

	private final MediaStoreListener listener;

	S3Requests(S3AsyncClient client, String bucket, MediaStoreListener listener) {
		this.client = client;
		this.bucket = bucket;
		this.listener = listener;
	}

	/**
	 * Ask for an object's metadata.
	 * @param key the object key
	 * @return the metadata, empty when there is no such object; a {@link MediaStoreBusyException} when the
	 * store throttles, a {@link MediaStoreException} when it refuses or cannot be reached
	 */
	Mono<HeadObjectResponse> head(String key) {
		return Mono.defer(() -> {
			Call call = new Call(HEAD);
			HeadObjectRequest request = HeadObjectRequest.builder().bucket(this.bucket).key(key).build();
			return Mono.fromFuture(this.client.headObject(request))
				.doOnNext((response) -> call.end(Outcome.SUCCESS))
				.onErrorResume((ex) -> {
					Throwable failure = S3Failures.unwrap(ex);
					Outcome outcome = call.end(S3Failures.outcome(failure));
					return (outcome == Outcome.NOT_FOUND) ? Mono.empty()
							: Mono.error(storeFailure("HEAD " + where(key), failure, outcome));
				})
				.doOnCancel(() -> call.end(Outcome.CANCELLED));
		});
	}

	/**
	 * Read {@code [position, position + length)} of an object with one ranged GET, conditional on its
	 * entity tag so that an object replaced since it was found is not mixed with the old one.
	 * @param key the object key
	 * @param entityTag the entity tag the object had when it was found, {@code null} for none
	 * @param position the first byte
	 * @param length how many bytes, at least 1, all within the object
	 * @param operation {@link #READ} or {@link #STREAM}, for the listener
	 * @return exactly {@code length} bytes; a {@link SourceChangedException} when the object is gone, changed
	 * or shorter, a {@link MediaStoreBusyException} when the store throttles, a {@link MediaStoreException}
	 * when it refuses or cannot be reached
	 */
	Mono<byte[]> get(String key, @Nullable String entityTag, long position, int length, String operation) {
		return Mono.defer(() -> {
			Call call = new Call(operation);
			String range = "bytes=" + position + "-" + (position + length - 1);
			GetObjectRequest request = GetObjectRequest.builder()
				.bucket(this.bucket)
				.key(key)
				.range(range)
				.ifMatch(entityTag)
				.build();
			CompletableFuture<byte[]> response = this.client.getObject(request,
					new RangeBytesTransformer(length, call::answered));
			return Mono.fromFuture(response).<byte[]>handle((content, sink) -> {
				this.listener.bytesRead(content.length);
				if (content.length != length) {
					call.end(Outcome.CHANGED);
					sink.error(new SourceChangedException(content.length, length));
					return;
				}
				call.end(Outcome.SUCCESS);
				sink.next(content);
			}).onErrorMap((ex) -> !(ex instanceof SourceChangedException), (ex) -> {
				Throwable failure = S3Failures.unwrap(ex);
				Outcome outcome = call.end(S3Failures.outcome(failure));
				if (outcome == Outcome.NOT_FOUND || outcome == Outcome.CHANGED) {
					SourceChangedException changed = new SourceChangedException(0, length);
					changed.initCause(failure);
					return changed;
				}
				return (outcome == Outcome.CANCELLED) ? failure
						: storeFailure("GET " + where(key) + " " + range, failure, outcome);
			}).doOnCancel(() -> call.end(Outcome.CANCELLED));
		});
	}

	private String where(String key) {
		return "s3://" + this.bucket + "/" + key;
	}

	private static MediaStoreException storeFailure(String request, Throwable failure, Outcome outcome) {
		String message = request + " failed: " + S3Failures.describe(failure);
		return (outcome == Outcome.THROTTLED)
				? new MediaStoreBusyException(message, failure, S3Failures.retryAfter(failure))
				: new MediaStoreException(message, failure);
	}

	/**
	 * One request, reported once: with the time until the store answered (its headers) when it did, else
	 * until it ended.
	 */
	private final class Call {

		private final String operation;

		private final long startNanos = System.nanoTime();

		private volatile long answeredNanos = -1;

		private final AtomicBoolean ended = new AtomicBoolean();

		Call(String operation) {
			this.operation = operation;
		}

		void answered() {
			if (this.answeredNanos < 0) {
				this.answeredNanos = System.nanoTime() - this.startNanos;
			}
		}

		Outcome end(Outcome outcome) {
			if (this.ended.compareAndSet(false, true)) {
				long nanos = (this.answeredNanos >= 0) ? this.answeredNanos : System.nanoTime() - this.startNanos;
				S3Requests.this.listener.requested(this.operation, outcome, nanos);
			}
			return outcome;
		}

	}

}
