package io.github.mediastreaming.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.ContentCursor;
import io.github.mediastreaming.body.GeneratedContent;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.bytes.SourceChangedException;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.pacing.DocumentTimeline;
import io.github.mediastreaming.pacing.PacingPlan;
import io.github.mediastreaming.stream.StreamRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MediaBodyWriter#read}: a plan's parts become buffers in order, a generated part is produced a
 * buffer at a time as downstream asks, and a file that no longer holds a region, or generated content
 * that ends before its length, fails the body instead of ending it short; and the size of paced sends.
 */
class MediaBodyWriterTests {

	@TempDir
	Path temp;

	@Test
	void partsAreReadInOrderWithTheirExactLengths() throws Exception {
		Path file = Files.writeString(this.temp.resolve("f.bin"), "0123456789");
		MediaBody body = new MediaBody(List.of(new BodyPart.Bytes("head-".getBytes(StandardCharsets.US_ASCII)),
				new BodyPart.FileRegion(2, 3), new BodyPart.FileRegion(8, 2)));
		Flux<DataBuffer> buffers = Flux.using(() -> FileMediaSource.open(file),
				(source) -> writer().read(source, body, DefaultDataBufferFactory.sharedInstance, 2, 0),
				MediaBodyWriterTests::close);
		String text = DataBufferUtils.join(buffers).map((buffer) -> {
			String value = buffer.toString(StandardCharsets.US_ASCII);
			DataBufferUtils.release(buffer);
			return value;
		}).block();
		assertThat(text).isEqualTo("head-23489");
	}

	@Test
	void aRegionBeyondTheEndOfAShrunkenFileFailsTheBody() throws Exception {
		Path file = Files.writeString(this.temp.resolve("f.bin"), "0123456789");
		MediaBody body = new MediaBody(List.of(new BodyPart.FileRegion(4, 6)));
		try (FileMediaSource source = FileMediaSource.open(file)) {
			Files.writeString(file, "01234567");
			StepVerifier.create(writer().read(source, body, DefaultDataBufferFactory.sharedInstance, 4, 0)
				.doOnNext(DataBufferUtils::release))
				.expectNextCount(1)
				.expectError(SourceChangedException.class)
				.verify();
		}
	}

	@Test
	void anAverageRateSendCarriesOneIntervalAtTheLimitWithinTwoKibToOneMib() {
		DeliverySettings settings = DeliverySettings.DEFAULTS;
		assertThat(settings.sendBytes(new PacingPlan(17_600, 0, 0), 5_000)).isEqualTo(17_600);
		assertThat(settings.sendBytes(new PacingPlan(1_000, 0, 0), 0)).isEqualTo(2 * 1024);
		assertThat(settings.sendBytes(new PacingPlan(50_000_000, 0, 0), 0)).isEqualTo(1024 * 1024);
		assertThat(new DeliverySettings(Duration.ofMillis(250), Duration.ofSeconds(1), 0)
			.sendBytes(new PacingPlan(400_000, 0, 0), 0)).isEqualTo(100_000);
	}

	@Test
	void aTimelineSendCarriesOneIntervalOfMediaTimesTheSpeedUp() {
		// 10 s at 100,000 B/s, then 10 s at 20,000 B/s; factor 0.1, boost 1 s.
		MediaTimeline file = MediaTimeline.of(new long[] { 0, 1_000_000, 1_200_000 },
				new long[] { 0, 10_000_000, 20_000_000 });
		PacingPlan plan = PacingPlan.onTimeline(DocumentTimeline.of(MediaBody.wholeFile(1_200_000), file), 8 * 60_000,
				0.1, Duration.ofSeconds(1));
		DeliverySettings settings = DeliverySettings.DEFAULTS;
		assertThat(settings.sendBytes(plan, 200_000)).isEqualTo(110_000);
		assertThat(settings.sendBytes(plan, 1_050_000)).isEqualTo(22_000);
	}

	@Test
	void aGeneratedPartIsProducedFromItsOffsetInBuffersOfAtMostTheBufferSize() throws Exception {
		Path file = Files.writeString(this.temp.resolve("f.bin"), "0123456789");
		Counting content = new Counting(10_000);
		MediaBody body = new MediaBody(List.of(new BodyPart.FileRegion(0, 2), new BodyPart.Generated(content, 100, 9_000),
				new BodyPart.FileRegion(8, 2)));
		List<byte[]> buffers = Flux.using(() -> FileMediaSource.open(file),
				(source) -> writer().read(source, body, DefaultDataBufferFactory.sharedInstance, 4096, 0),
				MediaBodyWriterTests::close)
			.map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return bytes;
			})
			.collectList()
			.block();
		assertThat(buffers).extracting((bytes) -> bytes.length).containsExactly(2, 4096, 4096, 808, 2);
		for (int b = 1; b <= 3; b++) {
			for (int i = 0; i < buffers.get(b).length; i++) {
				assertThat(buffers.get(b)[i]).isEqualTo(Counting.valueAt(100 + (b - 1) * 4096 + i));
			}
		}
	}

	@Test
	void aGeneratedPartProducesOnlyWhatDownstreamAsksForAndStopsWhenCancelled() throws Exception {
		Counting content = new Counting(1_000_000);
		MediaBody body = new MediaBody(List.of(BodyPart.Generated.of(content)));
		try (FileMediaSource source = FileMediaSource.open(Files.writeString(this.temp.resolve("f.bin"), "0"))) {
			StepVerifier.create(writer().read(source, body, DefaultDataBufferFactory.sharedInstance, 1000, 0)
				.doOnNext(DataBufferUtils::release), 2)
				.expectNextCount(2)
				.then(() -> assertThat(content.produced).isEqualTo(2000))
				.thenCancel()
				.verify();
		}
		assertThat(content.produced).isEqualTo(2000);
	}

	@Test
	void generatedContentThatEndsBeforeItsLengthFailsTheBody() throws Exception {
		GeneratedContent shortContent = new GeneratedContent() {
			@Override
			public long length() {
				return 100;
			}

			@Override
			public ContentCursor open(long position) {
				return new Counting(50).open(position);
			}
		};
		try (FileMediaSource source = FileMediaSource.open(Files.writeString(this.temp.resolve("f.bin"), "0"))) {
			StepVerifier.create(writer().read(source, new MediaBody(List.of(BodyPart.Generated.of(shortContent))),
					DefaultDataBufferFactory.sharedInstance, 64, 0)
				.doOnNext(DataBufferUtils::release))
				.expectNextCount(0)
				.expectErrorMessage("Generated content ended 50 bytes before its length")
				.verify();
		}
	}

	private static void close(FileMediaSource source) {
		try {
			source.close();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static MediaBodyWriter writer() {
		return new MediaBodyWriter(new StreamRegistry(List.of()), Schedulers.parallel(), Schedulers.boundedElastic(),
				DeliverySettings.DEFAULTS);
	}

	/** Content whose byte {@code i} is {@code i % 251}, counting the bytes its cursors produce. */
	private static final class Counting implements GeneratedContent {

		private final long length;

		private long produced;

		Counting(long length) {
			this.length = length;
		}

		static byte valueAt(long position) {
			return (byte) (position % 251);
		}

		@Override
		public long length() {
			return this.length;
		}

		@Override
		public ContentCursor open(long position) {
			long[] next = { position };
			return (target) -> {
				int count = (int) Math.min(target.remaining(), this.length - next[0]);
				for (int i = 0; i < count; i++) {
					target.put(valueAt(next[0]++));
				}
				this.produced += count;
				return count;
			};
		}

	}

}
