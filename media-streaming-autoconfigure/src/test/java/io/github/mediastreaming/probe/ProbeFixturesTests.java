package io.github.mediastreaming.probe;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.MediaFormat;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.testsupport.Ffmpeg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Every probe reader on real files made by ffmpeg ({@code media/probe/generate.sh}): the expected
 * durations are fixed here, and when ffprobe is installed the bitrate and duration are compared with
 * what ffprobe reports for the same file.
 */
class ProbeFixturesTests {

	static Stream<Arguments> fixtures() {
		return Stream.of(Arguments.of("vorbis.ogg", new OggIndexReader(), MediaFormat.OGG, 6.0),
				Arguments.of("opus.opus", new OggIndexReader(), MediaFormat.OGG, 6.0),
				Arguments.of("pcm.wav", new WavIndexReader(), MediaFormat.WAV, 3.0),
				Arguments.of("clip.avi", new AviIndexReader(), MediaFormat.AVI, 6.0),
				Arguments.of("clip.mkv", new MatroskaIndexReader(), MediaFormat.MATROSKA, 6.0),
				Arguments.of("clip.webm", new MatroskaIndexReader(), MediaFormat.MATROSKA, 6.0));
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void readsTheDurationOfARealFile(String name, MediaIndexReader reader, MediaFormat format, double seconds)
			throws Exception {
		MediaIndex index = read(name, reader);
		assertThat(index.format()).isEqualTo(format);
		assertThat(index.durationSeconds()).isCloseTo(seconds, within(0.1));
		assertThat(index.bitrate()).isPositive();
		assertThat(index.seekable()).isFalse();
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void bitrateAndDurationAreWithinFivePercentOfFfprobe(String name, MediaIndexReader reader) throws Exception {
		Ffmpeg.assumeInstalled();
		MediaIndex index = read(name, reader);
		assertThat((double) index.bitrate()).isCloseTo(Ffmpeg.formatBitrate(fixture(name)), withinPercentage(5));
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.formatDuration(fixture(name)), withinPercentage(5));
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void everyTruncationIsAFormatErrorOrAnIndexNeverACrash(String name, MediaIndexReader reader) throws Exception {
		byte[] bytes = java.nio.file.Files.readAllBytes(fixture(name));
		for (int length : new int[] { 0, 1, 4, 11, 12, 27, 40, 64, 100, 300, 1000, 4096 }) {
			byte[] cut = java.util.Arrays.copyOf(bytes, Math.min(length, bytes.length));
			try {
				reader.read(new ByteArrayMediaSource(cut));
			}
			catch (MediaFormatException ex) {
				assertThat(ex.reason()).isNotNull();
			}
		}
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void randomBytesAreRejected(String name, MediaIndexReader reader) {
		byte[] garbage = new byte[10_000];
		new java.util.Random(name.hashCode()).nextBytes(garbage);
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> reader.read(new ByteArrayMediaSource(garbage)));
	}

	private static MediaIndex read(String name, MediaIndexReader reader) throws IOException, MediaFormatException {
		try (FileMediaSource source = FileMediaSource.open(fixture(name))) {
			return reader.read(source);
		}
	}

	static Path fixture(String name) {
		try {
			return Path.of(ProbeFixturesTests.class.getResource("/media/probe/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
