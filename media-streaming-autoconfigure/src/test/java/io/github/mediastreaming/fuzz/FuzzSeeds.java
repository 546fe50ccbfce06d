package io.github.mediastreaming.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;

import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.Named;

/**
 * Seeds from the real fixtures under {@code src/test/resources/media}: each whole, and its first
 * {@value #PREFIX_BYTES} bytes (headers without most of the media, which the fuzzer mutates faster).
 * They run as regression inputs too, and Jazzer starts every campaign from them.
 */
final class FuzzSeeds {

	static final int PREFIX_BYTES = 4096;

	private FuzzSeeds() {
	}

	/**
	 * Return the seeds of some fixtures.
	 * @param fixtures paths below {@code media/}, such as {@code flv/audio.flv}
	 * @return named fuzzer inputs
	 */
	static Stream<Named<byte[]>> of(String... fixtures) {
		return Arrays.stream(fixtures).flatMap((fixture) -> {
			byte[] file = read(fixture);
			return Stream.of(Named.of(fixture, FuzzInput.seed(file)),
					Named.of(fixture + " (first " + PREFIX_BYTES + " bytes)",
							FuzzInput.seed(Arrays.copyOf(file, Math.min(file.length, PREFIX_BYTES)))));
		});
	}

	private static byte[] read(String fixture) {
		try {
			return Files.readAllBytes(Fixtures.media(fixture));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
