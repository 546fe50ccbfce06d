package io.github.mediastreaming.probe;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.testsupport.Ffmpeg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Real files made by ffmpeg ({@code media/probe/generate.sh}), checked against ffprobe.
 */
class ProbeFixturesTests {

	static Stream<Arguments> fixtures() {
		return Stream.of(Arguments.of("vorbis.ogg", new OggIndexReader()),
				Arguments.of("vorbis-tone.ogg", new OggIndexReader()),
				Arguments.of("opus.ogg", new OggIndexReader()),
				Arguments.of("opus.opus", new OggIndexReader()),
				Arguments.of("pcm.wav", new WavIndexReader()),
				Arguments.of("video.avi", new AviIndexReader()),
				Arguments.of("video.mkv", new MatroskaIndexReader()),
				Arguments.of("video.webm", new MatroskaIndexReader()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void durationAndBitrateAreWithinFivePercentOfFfprobe(String name, MediaIndexReader reader)
			throws Exception {
		Ffmpeg.assumeInstalled();
		Path file = fixture(name);
		MediaIndex index;
		try (FileMediaSource source = FileMediaSource.open(file)) {
			index = reader.read(source);
		}
		assertThat(index.seekable()).isFalse();
		assertThat(index.sizeBytes()).isEqualTo(file.toFile().length());
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.formatDuration(file), withinPercentage(5));
		assertThat((double) index.bitrate()).isCloseTo(Ffmpeg.formatBitrate(file), withinPercentage(5));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void everyFixtureLastsTheSixSecondsItWasGeneratedWith(String name, MediaIndexReader reader)
			throws Exception {
		try (FileMediaSource source = FileMediaSource.open(fixture(name))) {
			assertThat(reader.read(source).durationSeconds()).isCloseTo(6.0, within(0.1));
		}
	}

	static Path fixture(String name) throws URISyntaxException {
		return Path.of(Objects.requireNonNull(ProbeFixturesTests.class.getResource("/media/probe/" + name)).toURI());
	}

}
