package io.github.mediastreaming.fuzz;

import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mediastreaming.flv.FlvIndexReader;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes FLV indexing and seeking (byte offsets and times): every cut is a document that starts with an FLV header.
 */
class FlvFuzzTests {

	static Stream<Named<byte[]>> seeds() {
		return FuzzSeeds.of("flv/audio.flv", "flv/h264aac.flv", "flv/sorenson.flv");
	}

	@Timeout(FuzzTargets.TIMEOUT_SECONDS)
	@MethodSource("seeds")
	@FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
	void indexAndSeek(byte[] input) throws Exception {
		CutHarness.indexAndCut(new FlvIndexReader(), input, FormatChecks::flv);
	}

}
