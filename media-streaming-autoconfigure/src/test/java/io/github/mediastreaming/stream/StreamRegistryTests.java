package io.github.mediastreaming.stream;

import java.util.List;

import io.github.mediastreaming.format.MediaFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamRegistryTests {

	private final StreamRegistry registry = new StreamRegistry(List.of());

	@Test
	void bytesSentTotalsActiveAndClosedStreams() {
		ActiveStream first = this.registry.open(request(), System.nanoTime());
		ActiveStream second = this.registry.open(request(), System.nanoTime());
		first.sent(1000, System.nanoTime());
		second.sent(300, System.nanoTime());
		assertThat(this.registry.bytesSent()).isEqualTo(1300);
		this.registry.close(first, StreamOutcome.COMPLETED);
		assertThat(this.registry.bytesSent()).isEqualTo(1300);
		second.sent(200, System.nanoTime());
		this.registry.close(second, StreamOutcome.CANCELLED);
		this.registry.close(second, StreamOutcome.CANCELLED);
		assertThat(this.registry.bytesSent()).isEqualTo(1500);
		assertThat(this.registry.size()).isZero();
	}

	@Test
	void bytesSentStartsAtZero() {
		assertThat(this.registry.bytesSent()).isZero();
	}

	private static StreamRequest request() {
		return new StreamRequest("/media/a.mp3", MediaFormat.UNKNOWN, StreamKind.PLAIN, "127.0.0.1", null, 10_000, 0);
	}

}
