package io.github.mediastreaming.fuzz;

import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mediastreaming.probe.AviIndexReader;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the AVI probe: any bytes give a bitrate or a format error.
 */
class AviFuzzTests {

	static Stream<Named<byte[]>> seeds() {
		return FuzzSeeds.of("probe/video.avi");
	}

	@Timeout(FuzzTargets.TIMEOUT_SECONDS)
	@MethodSource("seeds")
	@FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
	void index(byte[] input) throws Exception {
		CutHarness.indexAndCut(new AviIndexReader(), input, CutHarness.DocumentCheck.NONE);
	}

}
