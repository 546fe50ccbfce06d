package io.github.mediastreaming.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mediastreaming.format.MediaFormat;
import io.github.mediastreaming.stream.ActiveStream;
import io.github.mediastreaming.stream.StreamKind;
import io.github.mediastreaming.stream.StreamOutcome;
import io.github.mediastreaming.stream.StreamRegistry;
import io.github.mediastreaming.stream.StreamRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StreamObservationsTests {

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final ObservationRegistry observations = ObservationRegistry.create();

	StreamObservationsTests() {
		this.observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				StreamObservationsTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}

	@Test
	void aStreamIsOneObservationWithItsKeysAndOutcome() {
		StreamRegistry registry = new StreamRegistry(List.of(new StreamObservations(this.observations)));
		ActiveStream stream = registry.tryOpen(request(1_000_000, 17_600), System.nanoTime());
		stream.sent(4096, System.nanoTime());
		registry.close(stream, StreamOutcome.CANCELLED);
		assertThat(this.stopped).singleElement().satisfies((context) -> {
			assertThat(context.getName()).isEqualTo(StreamObservations.NAME);
			assertThat(context.getLowCardinalityKeyValue(MediaMeters.FORMAT).getValue()).isEqualTo("mp3");
			assertThat(context.getLowCardinalityKeyValue(MediaMeters.KIND).getValue()).isEqualTo("plain");
			assertThat(context.getLowCardinalityKeyValue(MediaMeters.PACED).getValue()).isEqualTo("true");
			assertThat(context.getLowCardinalityKeyValue(MediaMeters.OUTCOME).getValue()).isEqualTo("cancelled");
			assertThat(context.getHighCardinalityKeyValue("media.path").getValue()).isEqualTo("/media/a.mp3");
			assertThat(context.getHighCardinalityKeyValue("media.bytes.sent").getValue()).isEqualTo("4096");
		});
	}

	@Test
	void aBodySentWithItsHeadersInOneWriteIsNotObservedAsAStream() {
		StreamObservations streamObservations = new StreamObservations(this.observations);
		StreamRegistry registry = new StreamRegistry(List.of(streamObservations));
		ActiveStream probe = registry.tryOpen(request(StreamObservations.DEFAULT_MINIMUM_BODY_BYTES, 0),
				System.nanoTime());
		assertThat(streamObservations.open()).isZero();
		registry.close(probe, StreamOutcome.COMPLETED);
		assertThat(this.stopped).isEmpty();
	}

	@Test
	void withNoMinimumEveryStreamIsObserved() {
		StreamRegistry registry = new StreamRegistry(List.of(new StreamObservations(this.observations, 0)));
		registry.close(registry.tryOpen(request(1024, 0), System.nanoTime()), StreamOutcome.COMPLETED);
		assertThat(this.stopped).hasSize(1);
	}

	@Test
	void aNegativeMinimumIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StreamObservations(this.observations, -1));
	}

	private static StreamRequest request(long bodyBytes, long bytesPerSecond) {
		return new StreamRequest("/media/a.mp3", MediaFormat.named("mp3").extension("mp3", "audio/mpeg").build(),
				StreamKind.PLAIN, "127.0.0.1", null, bodyBytes, bytesPerSecond, null);
	}

}
