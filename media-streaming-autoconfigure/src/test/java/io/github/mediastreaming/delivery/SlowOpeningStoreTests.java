package io.github.mediastreaming.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.source.MediaFile;
import io.github.mediastreaming.source.MediaStore;
import io.github.mediastreaming.stream.StreamKind;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.stream.StreamRequest;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.reactive.function.BodyInserter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store whose {@code open} blocks (the default for a {@link MediaStore}): a source it opens after the
 * client hung up is closed, not dropped with the cancelled body.
 */
class SlowOpeningStoreTests {

	private static final MediaFormat FORMAT = MediaFormat.named("bin").extension("bin", "application/octet-stream").build();

	@Test
	void aSourceOpenedAfterTheClientHungUpIsClosed() throws Exception {
		CountDownLatch opening = new CountDownLatch(1);
		CountDownLatch opened = new CountDownLatch(1);
		AtomicBoolean closed = new AtomicBoolean();
		MediaStore store = new MediaStore() {

			@Override
			public Mono<MediaFile> find(String relativePath) {
				return Mono.empty();
			}

			@Override
			public MediaSource open(MediaFile file) {
				opening.countDown();
				// A network open that completes whatever happens to the request meanwhile.
				boolean interrupted = false;
				while (true) {
					try {
						opened.await();
						break;
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
				}
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
				return new MediaSource() {

					@Override
					public long size() {
						return 10;
					}

					@Override
					public byte[] read(long position, int length) {
						return new byte[Math.max(0, Math.min(length, (int) (10 - position)))];
					}

					@Override
					public void close() {
						closed.set(true);
					}

				};
			}

		};
		MediaFile file = new MediaFile("a.bin", "slow:a.bin", 10, Instant.EPOCH, null, FORMAT,
				MediaType.APPLICATION_OCTET_STREAM);
		MediaBodyWriter writer = new MediaBodyWriter(new StreamRegistry(List.of()), Schedulers.parallel(),
				Schedulers.boundedElastic(), DeliverySettings.DEFAULTS);
		StreamRequest request = new StreamRequest("/media/a.bin", FORMAT, StreamKind.PLAIN, null, null, 10, 0, null);
		Disposable body = writer.inserter(store, file, MediaBody.wholeFile(10), null, request, System.nanoTime())
			.insert(new MockServerHttpResponse(), new EmptyContext())
			.subscribe();
		assertThat(opening.await(5, TimeUnit.SECONDS)).isTrue();
		body.dispose();
		opened.countDown();
		await().atMost(Duration.ofSeconds(5)).untilTrue(closed);
	}

	private static final class EmptyContext implements BodyInserter.Context {

		@Override
		public List<HttpMessageWriter<?>> messageWriters() {
			return List.of();
		}

		@Override
		public Optional<ServerHttpRequest> serverRequest() {
			return Optional.empty();
		}

		@Override
		public Map<String, Object> hints() {
			return Map.of();
		}

	}

}
