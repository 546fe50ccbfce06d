package io.github.mediastreaming.s3;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads the body of a ranged GET into one array of the range's length, as its pieces arrive: no growing
 * buffer, no copy at the end, so a chunk costs its own size in heap and nothing more. Notes when the store's
 * answer (status and headers) arrived. A body longer than asked fails; a shorter one completes with what
 * arrived, which the caller reports as a changed object.
 */
final class RangeBytesTransformer implements AsyncResponseTransformer<GetObjectResponse, byte[]> {

	private final int length;

	private final Runnable answered;

	private volatile @Nullable CompletableFuture<byte[]> result;

	/**
	 * Create a transformer for one request.
	 * @param length the range's length
	 * @param answered called when the store's answer arrives
	 */
	RangeBytesTransformer(int length, Runnable answered) {
		this.length = length;
		this.answered = answered;
	}

	@Override
	public CompletableFuture<byte[]> prepare() {
		// Called again for each retry: each attempt fills a fresh array.
		CompletableFuture<byte[]> future = new CompletableFuture<>();
		this.result = future;
		return future;
	}

	@Override
	public void onResponse(GetObjectResponse response) {
		this.answered.run();
	}

	@Override
	public void onStream(SdkPublisher<ByteBuffer> publisher) {
		publisher.subscribe(new Filler(new byte[this.length], future()));
	}

	@Override
	public void exceptionOccurred(Throwable error) {
		future().completeExceptionally(error);
	}

	private CompletableFuture<byte[]> future() {
		CompletableFuture<byte[]> future = this.result;
		if (future == null) {
			throw new IllegalStateException("prepare() was not called");
		}
		return future;
	}

	/** Copies each piece of the body to its place in the array. */
	private static final class Filler implements Subscriber<ByteBuffer> {

		private final byte[] bytes;

		private final CompletableFuture<byte[]> future;

		private int filled;

		private @Nullable Subscription subscription;

		Filler(byte[] bytes, CompletableFuture<byte[]> future) {
			this.bytes = bytes;
			this.future = future;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(ByteBuffer piece) {
			int count = piece.remaining();
			if (count > this.bytes.length - this.filled) {
				Subscription current = this.subscription;
				if (current != null) {
					current.cancel();
				}
				this.future.completeExceptionally(new IllegalStateException(
						"The store sent more than the " + this.bytes.length + " bytes of the range"));
				return;
			}
			piece.get(this.bytes, this.filled, count);
			this.filled += count;
		}

		@Override
		public void onError(Throwable error) {
			this.future.completeExceptionally(error);
		}

		@Override
		public void onComplete() {
			this.future.complete((this.filled == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.filled));
		}

	}

}
