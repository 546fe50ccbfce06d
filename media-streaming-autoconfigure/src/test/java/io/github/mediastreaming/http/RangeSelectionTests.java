package io.github.mediastreaming.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RangeSelectionTests {

	@Test
	void absentHeaderSelectsTheWhole() {
		assertThat(RangeSelection.parse(null, 100)).isEqualTo(RangeSelection.WHOLE);
	}

	@Test
	void closedRangeIsClippedToTheEnd() {
		assertThat(RangeSelection.parse("bytes=90-200", 100)).isEqualTo(new RangeSelection.Partial(90, 10));
	}

	@Test
	void openRangeRunsToTheEnd() {
		assertThat(RangeSelection.parse("bytes=40-", 100)).isEqualTo(new RangeSelection.Partial(40, 60));
	}

	@Test
	void suffixRangeLargerThanTheBodySelectsAllOfIt() {
		assertThat(RangeSelection.parse("bytes=-500", 100)).isEqualTo(new RangeSelection.Partial(0, 100));
	}

	@Test
	void theUnitIsCaseInsensitiveAndWhitespaceAroundTheSpecIsTolerated() {
		assertThat(RangeSelection.parse("  Bytes= 1-2 ", 100)).isEqualTo(new RangeSelection.Partial(1, 2));
	}

	@Test
	void whitespaceInsideARangeMakesTheHeaderInvalid() {
		// RFC 9110's int-range has no whitespace between its positions and the dash.
		assertThat(RangeSelection.parse("bytes=1 - 2", 100)).isEqualTo(RangeSelection.WHOLE);
	}

	@Test
	void startAtOrPastTheEndIsUnsatisfiable() {
		assertThat(RangeSelection.parse("bytes=100-", 100)).isEqualTo(RangeSelection.UNSATISFIABLE);
		assertThat(RangeSelection.parse("bytes=-0", 100)).isEqualTo(RangeSelection.UNSATISFIABLE);
		assertThat(RangeSelection.parse("bytes=0-", 0)).isEqualTo(RangeSelection.UNSATISFIABLE);
	}

	@Test
	void malformedOrMultipleRangesSelectTheWhole() {
		for (String header : new String[] { "bytes=", "bytes=-", "bytes=a-b", "bytes=5-1", "bytes=0-1,3-4",
				"bytes=99999999999999999999-", "lines=0-1" }) {
			assertThat(RangeSelection.parse(header, 100)).as(header).isEqualTo(RangeSelection.WHOLE);
		}
	}

	@Test
	void signedPositionsMakeTheHeaderInvalid() {
		// RFC 9110's positions are digits; Long.parseLong, which Spring's parser uses, also takes a sign.
		for (String header : new String[] { "bytes=+5-", "bytes=-+5", "bytes=0-+9", "bytes=+0-9", "bytes=0--9" }) {
			assertThat(RangeSelection.parse(header, 100)).as(header).isEqualTo(RangeSelection.WHOLE);
		}
	}

	@Test
	void contentRangeNamesTheInclusiveEndAndTotal() {
		assertThat(new RangeSelection.Partial(10, 5).contentRange(100)).isEqualTo("bytes 10-14/100");
	}

}
