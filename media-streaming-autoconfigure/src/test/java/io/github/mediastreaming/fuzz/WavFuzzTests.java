package io.github.mediastreaming.fuzz;

import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mediastreaming.probe.WavIndexReader;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the WAVE probe (RIFF and RF64): any bytes give a bitrate or a format error.
 */
class WavFuzzTests {

	static Stream<Named<byte[]>> seeds() {
		return FuzzSeeds.of("probe/pcm.wav");
	}

	@Timeout(FuzzTargets.TIMEOUT_SECONDS)
	@MethodSource("seeds")
	@FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
	void index(byte[] input) throws Exception {
		CutHarness.indexAndCut(new WavIndexReader(), input, CutHarness.DocumentCheck.NONE);
	}

}
