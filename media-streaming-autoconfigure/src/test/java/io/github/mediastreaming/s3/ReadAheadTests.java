package io.github.mediastreaming.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-ahead over a fake store: chunk-sized requests, buffers of the asked size, at most two chunks
 * held whatever the subscriber's pace, nothing asked before demand, and cancellation reaching the request
 * in flight.
 */
class ReadAheadTests {

	private static final byte[] OBJECT = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

	private final List<String> fetches = new CopyOnWriteArrayList<>();

	private final AtomicLong fetchedBytes = new AtomicLong();

	private final ReadAhead.ChunkFetcher store = (position, length) -> Mono.fromCallable(() -> {
		this.fetches.add(position + "+" + length);
		this.fetchedBytes.addAndGet(length);
		byte[] bytes = new byte[length];
		System.arraycopy(OBJECT, (int) position, bytes, 0, length);
		return bytes;
	});

	@Test
	void theRangeArrivesInBuffersOfTheAskedSizeFromOneRequestPerChunk() {
		Flux<String> text = ReadAhead.stream(this.store, 2, 20, 8, 3, DefaultDataBufferFactory.sharedInstance)
			.map(ReadAheadTests::text);
		StepVerifier.create(text)
			.expectNext("cde", "fgh", "ij", "klm", "nop", "qr", "stu", "v")
			.verifyComplete();
		// Buffers are cut where the requests end: 8 + 8 + 4 bytes, each sliced into 3-byte buffers.
		assertThat(this.fetches).containsExactly("2+8", "10+8", "18+4");
	}

	@Test
	void aSubscriberThatAsksForNothingYetGetsAtMostTwoChunksFetched() {
		StepVerifier.create(ReadAhead.stream(this.store, 0, 26, 4, 2, DefaultDataBufferFactory.sharedInstance), 0)
			.expectSubscription()
			.then(() -> assertThat(this.fetches).hasSizeLessThanOrEqualTo(2))
			.thenCancel()
			.verify();
	}

	@Test
	void aSlowSubscriberHoldsAtMostTwoChunksWhileOneIsBeingSent() {
		// 26 bytes in 4-byte chunks of 1-byte buffers, taken one at a time.
		long[] emitted = new long[1];
		StepVerifier.Step<DataBuffer> step = StepVerifier
			.create(ReadAhead.stream(this.store, 0, 26, 4, 1, DefaultDataBufferFactory.sharedInstance), 0);
		for (int i = 0; i < 26; i++) {
			step = step.thenRequest(1).assertNext((buffer) -> emitted[0]++).then(() -> {
				long held = this.fetchedBytes.get() - emitted[0];
				assertThat(held).as("bytes fetched but not yet taken").isLessThanOrEqualTo(2 * 4);
			});
		}
		step.verifyComplete();
		assertThat(this.fetches).hasSize(7);
	}

	@Test
	void cancellingAbortsTheRequestInFlight() {
		AtomicBoolean sent = new AtomicBoolean();
		AtomicBoolean aborted = new AtomicBoolean();
		ReadAhead.ChunkFetcher stalls = (position, length) -> (position == 0) ? this.store.fetch(position, length)
				: Mono.<byte[]>never().doOnSubscribe((subscription) -> sent.set(true)).doOnCancel(() -> aborted.set(true));
		StepVerifier.create(ReadAhead.stream(stalls, 0, 26, 4, 2, DefaultDataBufferFactory.sharedInstance), 1)
			.assertNext((buffer) -> assertThat(text(buffer)).isEqualTo("ab"))
			.then(() -> assertThat(sent).as("second chunk requested while the first is sent").isTrue())
			.thenCancel()
			.verify();
		assertThat(aborted).isTrue();
	}

	@Test
	void aFailedRequestFailsTheStreamAfterTheBytesBeforeIt() {
		ReadAhead.ChunkFetcher failsLater = (position, length) -> (position == 0) ? this.store.fetch(position, length)
				: Mono.error(new IOException("gone"));
		StepVerifier.create(ReadAhead.stream(failsLater, 0, 26, 4, 4, DefaultDataBufferFactory.sharedInstance)
			.map(ReadAheadTests::text))
			.expectNext("abcd")
			.verifyErrorMessage("gone");
	}

	private static String text(DataBuffer buffer) {
		return buffer.toString(StandardCharsets.US_ASCII);
	}

}
