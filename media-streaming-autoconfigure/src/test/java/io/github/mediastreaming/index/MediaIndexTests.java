package io.github.mediastreaming.index;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaIndexTests {

	@Test
	void bitrateIsTheDeclaredOneWhenItExceedsTheAverage() {
		// 1,000,000 bytes over 100 s: 80,000 bits/s average.
		assertThat(new MediaIndex(1_000_000, 100_000_000, 128_000, null).bitrate()).isEqualTo(128_000);
	}

	@Test
	void bitrateIsTheAverageWhenItExceedsTheDeclaredOne() {
		assertThat(new MediaIndex(1_000_000, 100_000_000, 64_000, null).bitrate()).isEqualTo(80_000);
	}

	@Test
	void bitrateIsTheDeclaredOneWhenTheDurationIsUnknown() {
		assertThat(new MediaIndex(1_000_000, 0, 96_000, null).bitrate()).isEqualTo(96_000);
	}


}
