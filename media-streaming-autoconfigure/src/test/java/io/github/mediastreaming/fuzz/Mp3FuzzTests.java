package io.github.mediastreaming.fuzz;

import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mediastreaming.mp3.Mp3IndexReader;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes MP3 indexing and seeking: every cut's audio starts on a frame header.
 */
class Mp3FuzzTests {

	static Stream<Named<byte[]>> seeds() {
		return FuzzSeeds.of("mp3/cbr.mp3", "mp3/id3v1.mp3", "mp3/mpeg2.mp3", "mp3/vbr.mp3");
	}

	@Timeout(FuzzTargets.TIMEOUT_SECONDS)
	@MethodSource("seeds")
	@FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
	void indexAndSeek(byte[] input) throws Exception {
		CutHarness.indexAndCut(new Mp3IndexReader(), input, FormatChecks::mp3);
	}

}
