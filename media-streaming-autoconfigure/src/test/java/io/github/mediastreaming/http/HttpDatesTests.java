package io.github.mediastreaming.http;

import java.time.Instant;

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

}
