package io.github.mediastreaming.fuzz;

import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mediastreaming.probe.MatroskaIndexReader;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the Matroska and WebM probe: any bytes give a bitrate or a format error.
 */
class MatroskaFuzzTests {

	static Stream<Named<byte[]>> seeds() {
		return FuzzSeeds.of("probe/video.mkv", "probe/video.webm");
	}

	@Timeout(FuzzTargets.TIMEOUT_SECONDS)
	@MethodSource("seeds")
	@FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
	void index(byte[] input) throws Exception {
		CutHarness.indexAndCut(new MatroskaIndexReader(), input, CutHarness.DocumentCheck.NONE);
	}

}
