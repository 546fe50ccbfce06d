package io.github.mediastreaming.index;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaIndexTests {

	@Test
	void bitrateIsTheDeclaredOneWhenItExceedsTheAverage() {
		// 1,000,000 bytes over 100 s: 80,000 bits/s average.
		assertThat(new MediaIndex(MediaFormat.MP3, 1_000_000, 100_000_000, 128_000, null).bitrate()).isEqualTo(128_000);
	}

	@Test
	void bitrateIsTheAverageWhenItExceedsTheDeclaredOne() {
		assertThat(new MediaIndex(MediaFormat.MP4, 1_000_000, 100_000_000, 64_000, null).bitrate()).isEqualTo(80_000);
	}

	@Test
	void bitrateIsTheDeclaredOneWhenTheDurationIsUnknown() {
		assertThat(new MediaIndex(MediaFormat.OGG, 1_000_000, 0, 96_000, null).bitrate()).isEqualTo(96_000);
	}

	@Test
	void formatComesFromTheExtensionWhateverItsCase() {
		assertThat(MediaFormat.fromFileName("a/B.MP4")).isEqualTo(MediaFormat.MP4);
		assertThat(MediaFormat.fromFileName("x.webm")).isEqualTo(MediaFormat.MATROSKA);
		assertThat(MediaFormat.fromFileName("x.opus")).isEqualTo(MediaFormat.OGG);
		assertThat(MediaFormat.fromFileName("x.")).isEqualTo(MediaFormat.UNKNOWN);
		assertThat(MediaFormat.fromFileName("noextension")).isEqualTo(MediaFormat.UNKNOWN);
	}

}
