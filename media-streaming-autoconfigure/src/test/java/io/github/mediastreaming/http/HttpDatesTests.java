package io.github.mediastreaming.http;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class HttpDatesTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-30T05:22:36Z", "2026-01-02T00:00:00Z", "1999-12-31T23:59:59.999Z",
			"1970-01-01T00:00:00Z" })
	void aDateIsWrittenAsSpringWritesIt(String time) {
		Instant instant = Instant.parse(time);
		HttpHeaders headers = new HttpHeaders();
		headers.setLastModified(instant);
		assertThat(HttpDates.format(instant)).isEqualTo(headers.getFirst(HttpHeaders.LAST_MODIFIED));
		// Asked again (remembered): the same text.
		assertThat(HttpDates.format(instant)).isEqualTo(headers.getFirst(HttpHeaders.LAST_MODIFIED));
	}

	@ParameterizedTest
	@ValueSource(longs = { 256, 512, 256 * 1000 })
	void timesSharingARememberedSlotAreEachWrittenRight(long offset) {
		long base = Instant.parse("2026-11-30T05:22:36Z").getEpochSecond();
		Instant first = Instant.ofEpochSecond(base);
		Instant second = Instant.ofEpochSecond(base + offset);
		HttpHeaders headers = new HttpHeaders();
		headers.setLastModified(second);
		HttpDates.format(first);
		assertThat(HttpDates.format(second)).isEqualTo(headers.getFirst(HttpHeaders.LAST_MODIFIED));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
			"Sun Nov  6 08:49:37 1994", " Sun, 06 Nov 1994 08:49:37 GMT " })
	void theThreeFormatsOfRfc9110ReadAsTheSameTime(String date) {
		assertThat(HttpDates.parse(date)).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
	}

	@Test
	void anAsctimeDayOfTwoDigitsIsReadToo() {
		assertThat(HttpDates.parse("Wed Nov 16 08:49:37 1994")).isEqualTo(Instant.parse("1994-11-16T08:49:37Z"));
	}

	@Test
	void aTwoDigitYearMoreThanFiftyYearsAheadIsThePastCentury() {
		int year = Year.now(ZoneOffset.UTC).getValue();
		// Two digits 51 years ahead are the same two digits as 49 years back, the year they mean.
		assertThat(HttpDates.parse(rfc850NewYear(year - 49))).isEqualTo(Instant.parse((year - 49) + "-01-01T00:00:00Z"));
		assertThat(HttpDates.parse(rfc850NewYear(year + 50))).isEqualTo(Instant.parse((year + 50) + "-01-01T00:00:00Z"));
	}

	@Test
	void aLengthAfterTheDateAsOldBrowsersSendIsLeftOut() {
		assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT; length=3495"))
			.isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "yesterday", "Sun, 06 Nov 1994", "Sun, 06 Nov 1994 08:49:37 PST",
			"Sun, 32 Nov 1994 08:49:37 GMT", "Sun Nov 6 08:49:37 1994 GMT", "1994-11-06T08:49:37Z", "0",
			"Mon, 06 Nov 1994 08:49:37 GMT", "Tue, 31 Feb 1995 08:49:37 GMT", "Monday, 06-Nov-94 08:49:37 GMT",
			"Mon Nov  6 08:49:37 1994" })
	void whatIsNotAnHttpDateReadsAsNone(String value) {
		assertThat(HttpDates.parse(value)).isNull();
	}

	/** 1 January of a year in RFC 850's form, with its day's name. */
	private static String rfc850NewYear(int year) {
		java.time.LocalDate date = java.time.LocalDate.of(year, 1, 1);
		String day = date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.US);
		return String.format("%s, 01-Jan-%02d 00:00:00 GMT", day, year % 100);
	}

	@Test
	void aWrittenDateReadsBackAsItsSecond() {
		Instant time = Instant.parse("2026-11-30T05:22:36.789Z");
		assertThat(HttpDates.parse(HttpDates.format(time))).isEqualTo(Instant.parse("2026-11-30T05:22:36Z"));
	}

}
