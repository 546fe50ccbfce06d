package io.github.mediastreaming.fuzz;

import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mediastreaming.mp4.Mp4IndexReader;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes MP4 indexing through the public API, cutting (start and end, exact start) and the moov-first reordering: every cut is a sequence of top-level boxes that fills the document exactly.
 */
class Mp4FuzzTests {

	static Stream<Named<byte[]>> seeds() {
		return FuzzSeeds.of("mp4/audio.m4a", "mp4/bframes.mp4", "mp4/delayed.mp4", "mp4/faststart.mp4", "mp4/fragmented.mp4", "mp4/moovend.mp4", "mp4/twoaudio.mp4");
	}

	@Timeout(FuzzTargets.TIMEOUT_SECONDS)
	@MethodSource("seeds")
	@FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
	void indexAndCut(byte[] input) throws Exception {
		CutHarness.indexAndCut(new Mp4IndexReader(), input, FormatChecks::mp4);
	}

}
