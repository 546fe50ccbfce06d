package io.github.mediastreaming.probe;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cut, corrupted and random versions of the fixtures: every reader must answer with an index or a
 * {@link MediaFormatException}, never an unchecked exception (which would fail these tests).
 */
class HostileInputTests {

	private static final int CORRUPTED_PREFIX_BYTES = 512;

	static Stream<Arguments> fixtures() {
		return ProbeFixturesTests.fixtures();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void headerCutShortIsAFormatError(String name, MediaIndexReader reader) throws Exception {
		byte[] file = Files.readAllBytes(ProbeFixturesTests.fixture(name));
		for (int length = 0; length < 40; length++) {
			byte[] cut = Arrays.copyOf(file, length);
			assertThatExceptionOfType(MediaFormatException.class).as("first %d bytes", length)
				.isThrownBy(() -> reader.read(new ByteArrayMediaSource(cut)));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void fileCutAnywhereGivesAnIndexOrAFormatError(String name, MediaIndexReader reader) throws Exception {
		byte[] file = Files.readAllBytes(ProbeFixturesTests.fixture(name));
		for (int length = 0; length < file.length; length += (length < 2048) ? 1 : 509) {
			assertSane(reader, Arrays.copyOf(file, length));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void corruptedHeaderByteGivesAnIndexOrAFormatError(String name, MediaIndexReader reader) throws Exception {
		byte[] file = Files.readAllBytes(ProbeFixturesTests.fixture(name));
		for (int position = 0; position < CORRUPTED_PREFIX_BYTES; position++) {
			for (int value : new int[] { 0x00, 0xFF, 0x7F, 0x01 }) {
				byte[] corrupted = file.clone();
				corrupted[position] = (byte) value;
				assertSane(reader, corrupted);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void corruptedTailByteGivesAnIndexOrAFormatError(String name, MediaIndexReader reader) throws Exception {
		byte[] file = Files.readAllBytes(ProbeFixturesTests.fixture(name));
		for (int position = file.length - 300; position < file.length; position++) {
			byte[] corrupted = file.clone();
			corrupted[position] = (byte) 0xFF;
			assertSane(reader, corrupted);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void randomBytesAreAFormatError(String name, MediaIndexReader reader) {
		Random random = new Random(name.hashCode());
		for (int i = 0; i < 200; i++) {
			byte[] garbage = new byte[random.nextInt(70_000)];
			random.nextBytes(garbage);
			assertThatExceptionOfType(MediaFormatException.class)
				.isThrownBy(() -> reader.read(new ByteArrayMediaSource(garbage)));
		}
	}

	private static @Nullable MediaIndex assertSane(MediaIndexReader reader, byte[] bytes) throws Exception {
		try {
			MediaIndex index = reader.read(new ByteArrayMediaSource(bytes));
			assertThat(index.sizeBytes()).isEqualTo(bytes.length);
			assertThat(index.bitrate()).isPositive();
			return index;
		}
		catch (MediaFormatException ex) {
			assertThat(ex.reason()).isNotNull();
			return null;
		}
	}

}
