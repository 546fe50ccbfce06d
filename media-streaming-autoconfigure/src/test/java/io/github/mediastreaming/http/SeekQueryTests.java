package io.github.mediastreaming.http;

import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;
import org.junit.jupiter.api.Test;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SeekQueryTests {

	@Test
	void startInBytesBecomesAByteOffset() throws InvalidSeekException {
		assertThat(query("start", "1234").toRequest(SeekUnit.BYTES, true)).isEqualTo(new SeekRequest.ByteOffset(1234));
	}

	@Test
	void startAndEndInSecondsBecomeATimeRange() throws InvalidSeekException {
		assertThat(query("start", "10.5", "end", "20").toRequest(SeekUnit.SECONDS, true))
			.isEqualTo(new SeekRequest.TimeRange(10.5, 20.0, true));
	}

	@Test
	void endAloneStartsAtZero() throws InvalidSeekException {
		assertThat(query("end", "5").toRequest(SeekUnit.SECONDS, false))
			.isEqualTo(new SeekRequest.TimeRange(0, 5.0, false));
	}

	@Test
	void notANumberNegativeExponentAndInfinityAreRejected() {
		for (String value : new String[] { "abc", "-1", "1e3", "NaN", "Infinity", "", " 1", "0x10", "1.", ".5" }) {
			assertThatExceptionOfType(InvalidSeekException.class).as(value)
				.isThrownBy(() -> query("start", value).toRequest(SeekUnit.SECONDS, true));
			assertThatExceptionOfType(InvalidSeekException.class).as(value)
				.isThrownBy(() -> query("start", value).toRequest(SeekUnit.BYTES, true));
		}
	}

	@Test
	void secondsTakeAnyNumberOfDecimals() throws InvalidSeekException {
		// String(20 / 3) in JavaScript, what a seek bar computing duration x fraction sends.
		SeekQuery query = query("start", "6.666666666666667", "end", "10.00000000000000000001");
		assertThat(query.toRequest(SeekUnit.SECONDS, true)).isEqualTo(new SeekRequest.TimeRange(20.0 / 3, 10.0, true));
	}

	@Test
	void secondsLongerThan32CharactersAreRejectedSayingSo() throws InvalidSeekException {
		assertThat(query("start", "1." + "0".repeat(30)).toRequest(SeekUnit.SECONDS, true))
			.isEqualTo(new SeekRequest.TimeRange(1, null, true));
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> query("start", "1." + "0".repeat(31)).toRequest(SeekUnit.SECONDS, true))
			.withMessageContaining("'start' is too long");
	}

	@Test
	void fractionalByteOffsetIsRejected() {
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> query("start", "10.5").toRequest(SeekUnit.BYTES, true))
			.withMessageContaining("byte offset");
	}

	@Test
	void endNotAfterStartIsRejected() {
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> query("start", "10", "end", "10").toRequest(SeekUnit.SECONDS, true))
			.withMessageContaining("greater than");
	}

	@Test
	void endIsRejectedForByteSeeks() {
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> query("start", "10", "end", "20").toRequest(SeekUnit.BYTES, true));
	}

	@Test
	void timeParameterSeeksByteStreamsBySeconds() throws InvalidSeekException {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		params.add("t", "12.5");
		assertThat(SeekQuery.from(params, "t").toRequest(SeekUnit.BYTES, true))
			.isEqualTo(new SeekRequest.TimeRange(12.5, null, false));
	}

	@Test
	void variantDistinguishesDifferentSeeks() throws InvalidSeekException {
		assertThat(variant(query("start", "1"), true)).isNotEqualTo(variant(query("start", "2"), true));
	}

	@Test
	void variantDistinguishesAnExactStartFromAStartAtTheKeyFrame() throws InvalidSeekException {
		// An MP4 cut with an edit list is another document than the cut starting at its key frame.
		assertThat(variant(query("start", "3.3"), true)).isNotEqualTo(variant(query("start", "3.3"), false));
		SeekRequest bytes = query("start", "100").toRequest(SeekUnit.BYTES, true);
		assertThat(query("start", "100").variant(bytes)).isEqualTo(variant(query("start", "100"), false));
	}

	@Test
	void aSeekParameterGivenTwiceIsRejectedNotReadOneWay() {
		for (String name : new String[] { "start", "end" }) {
			MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
			params.add(name, "5");
			params.add(name, "abc");
			assertThatExceptionOfType(InvalidSeekException.class).as(name)
				.isThrownBy(() -> SeekQuery.from(params, null).toRequest(SeekUnit.SECONDS, true))
				.withMessageContaining("'" + name + "' is given more than once");
		}
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		params.add("t", "5");
		params.add("t", "5");
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> SeekQuery.from(params, "t").toRequest(SeekUnit.BYTES, true))
			.withMessageContaining("'t' is given more than once");
	}

	@Test
	void aSeekParameterWithoutAValueIsPresentAndRejected() {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		params.add("start", null);
		SeekQuery query = SeekQuery.from(params, null);
		assertThat(query.present()).isTrue();
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> query.toRequest(SeekUnit.SECONDS, true));
	}

	private static String variant(SeekQuery query, boolean exactStart) throws InvalidSeekException {
		return query.variant(query.toRequest(SeekUnit.SECONDS, exactStart));
	}

	@Test
	void theEndpointShowsAnFlvTimeSeekByItsParameterAndAStartAsSent() {
		MultiValueMap<String, String> time = new LinkedMultiValueMap<>();
		time.add("t", "12.5");
		assertThat(SeekQuery.from(time, "t").shownStart("t")).isEqualTo("t=12.5");
		assertThat(query("start", "1234").shownStart("t")).isEqualTo("1234");
		assertThat(query("end", "5").shownStart(null)).isNull();
	}

	private static SeekQuery query(String... pairs) {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			params.add(pairs[i], pairs[i + 1]);
		}
		return SeekQuery.from(params, null);
	}

}
