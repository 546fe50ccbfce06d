package io.github.mediastreaming.fuzz;

import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mediastreaming.probe.OggIndexReader;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the Ogg probe (Vorbis and Opus): any bytes give a bitrate or a format error.
 */
class OggFuzzTests {

	static Stream<Named<byte[]>> seeds() {
		return FuzzSeeds.of("probe/opus.ogg", "probe/opus.opus", "probe/vorbis.ogg", "probe/vorbis-tone.ogg");
	}

	@Timeout(FuzzTargets.TIMEOUT_SECONDS)
	@MethodSource("seeds")
	@FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
	void index(byte[] input) throws Exception {
		CutHarness.indexAndCut(new OggIndexReader(), input, CutHarness.DocumentCheck.NONE);
	}

}
