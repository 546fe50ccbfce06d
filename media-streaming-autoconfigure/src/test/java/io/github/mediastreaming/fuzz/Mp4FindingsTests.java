package io.github.mediastreaming.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.github.mediastreaming.mp4.Mp4IndexReader;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What fuzzing {@link Mp4FuzzTests} found in the {@code mp4} package, which is being rewritten elsewhere:
 * each test replays its inputs (under {@code mp4-findings/}) through the same harness, and is disabled
 * until the rewrite fixes it, because the build would fail on it. Once one passes, move its inputs into
 * {@code Mp4FuzzTestsInputs/indexAndCut/} (where every build replays them), delete its test here, and
 * let the build's fuzzing run include {@code Mp4FuzzTests} again when none is left.
 */
class Mp4FindingsTests {

	@Test
	@Disabled("MP4 finding 1: Box.read reads a top-level box header from fewer bytes than it needs: the 16 "
			+ "bytes of a 64-bit size at the end of a file (an 8-byte file), or a header past what a truncated "
			+ "source returns (IndexOutOfBoundsException from ByteCursor instead of a format error)")
	void aBoxHeaderBeyondTheBytesThereAreIsAFormatError() throws Exception {
		replay("largesize-header-at-the-end-of-the-file", "box-header-beyond-truncated-source",
				"box-header-beyond-truncated-source-2", "largesize-header-beyond-truncated-source");
	}

	@Test
	@Disabled("MP4 finding 2: Box.children (SampleTableReader.read) reads a 64-bit box size past the end of "
			+ "its parent in the moov bytes (IndexOutOfBoundsException)")
	void aLargesizeHeaderPastItsParentIsAFormatError() throws Exception {
		replay("stbl-child-largesize-past-its-parent");
	}

	@Test
	@Disabled("MP4 finding 3: mp4parser (AbstractBox.parse, from Mp4IndexReader.parseMovie) allocates a "
			+ "moov child's declared size, hundreds of megabytes, before checking it against its parent "
			+ "(OutOfMemoryError with -Xmx1g; also logs AbstractBox ERROR lines)")
	void aMoovChildDeclaringMoreBytesThanItsParentIsRefusedBeforeAllocating() throws Exception {
		replay("mp4parser-allocates-a-declared-box-size", "mp4parser-allocates-a-declared-box-size-2");
	}

	@Test
	@Disabled("MP4 finding 4 (issue 13, quiet logs): mp4parser logs ERROR lines for damaged boxes: AbstractBox "
			+ "'<box>: buffers differ' with hex dumps of the original and reconstructed box (tkhd, mvhd, mdhd), "
			+ "'hdlr: remaining differs', and AbstractBoxParser 'Plausibility check failed: size < 8'")
	void damagedBoxesMakeNoDependencyLogAnError() throws Exception {
		for (String name : new String[] { "mp4parser-logs-error-tkhd", "mp4parser-logs-error-mvhd",
				"mp4parser-logs-error-mdhd", "mp4parser-logs-error-hdlr", "mp4parser-logs-error-box-size-below-8" }) {
			assertThat(replay(name)).as(name).isEmpty();
		}
	}

	/** Replay inputs through the harness; return the errors dependencies logged. */
	private static List<String> replay(String... names) throws Exception {
		List<String> errors = new ArrayList<>();
		for (String name : names) {
			errors.addAll(CutHarness.indexAndCut(new Mp4IndexReader(), input(name), FormatChecks::mp4));
		}
		return errors;
	}

	private static byte[] input(String name) throws IOException {
		try (InputStream in = Mp4FindingsTests.class.getResourceAsStream("mp4-findings/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No finding " + name);
			}
			return in.readAllBytes();
		}
	}

}
