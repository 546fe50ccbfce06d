package io.github.mediastreaming.probe;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.ProbeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EbmlTests {

	@Test
	void leadingZeroBitsOfTheFirstByteGiveTheLength() {
		assertThat(Ebml.length(0x80)).isEqualTo(1);
		assertThat(Ebml.length(0x40)).isEqualTo(2);
		assertThat(Ebml.length(0x1A)).isEqualTo(4);
		assertThat(Ebml.length(0x01)).isEqualTo(8);
		assertThat(Ebml.length(0x00)).isZero();
	}

	@Test
	void idKeepsItsMarkerBit() throws MediaFormatException {
		ByteCursor cursor = cursor(0x1A, 0x45, 0xDF, 0xA3, // EBML header ID, 4 bytes
				0xEC); // Void ID, 1 byte
		assertThat(Ebml.readId(cursor)).isEqualTo(0x1A45DFA3L);
		assertThat(Ebml.readId(cursor)).isEqualTo(0xEC);
	}

	@Test
	void idLongerThanFourBytesIsMalformed() {
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> Ebml.readId(cursor(0x08, 0, 0, 0, 0))); // 5-byte ID
	}

	@Test
	void sizeDropsItsMarkerBit() throws MediaFormatException {
		ByteCursor cursor = cursor(0x81, // 1 byte: 1
				0x40, 0x02, // 2 bytes: 2
				0x10, 0x00, 0x01, 0x00, // 4 bytes: 256
				0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00); // 8 bytes: 2^32
		assertThat(Ebml.readSize(cursor)).isEqualTo(1);
		assertThat(Ebml.readSize(cursor)).isEqualTo(2);
		assertThat(Ebml.readSize(cursor)).isEqualTo(256);
		assertThat(Ebml.readSize(cursor)).isEqualTo(1L << 32);
	}

	@Test
	void allOnesSizeIsUnknownAtEveryLength() throws MediaFormatException {
		assertThat(Ebml.readSize(cursor(0xFF))).isEqualTo(Ebml.UNKNOWN_SIZE); // 1 byte
		assertThat(Ebml.readSize(cursor(0x7F, 0xFF))).isEqualTo(Ebml.UNKNOWN_SIZE); // 2 bytes
		assertThat(Ebml.readSize(cursor(0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF))) // 8 bytes
			.isEqualTo(Ebml.UNKNOWN_SIZE);
		assertThat(Ebml.readSize(cursor(0x7F, 0xFE))).isEqualTo(0x3FFE); // not all ones
	}

	@Test
	void idOrSizeRunningPastItsParentIsMalformed() {
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> Ebml.readId(cursor(0x1A, 0x45))) // a 4-byte ID with 2 bytes left
			.withMessageContaining("runs past");
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> Ebml.readSize(cursor(0x10, 0x00))) // a 4-byte size with 2 bytes left
			.withMessageContaining("runs past");
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> Ebml.readUnsigned(cursor(0x0F, 0x42), 3)); // 3 bytes declared, 2 left
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> Ebml.readFloat(cursor(0x45, 0xBC), 4)); // float of 4 bytes, 2 left
	}

	@Test
	void elementHeaderCutByTheEndOfTheFileIsTruncated() {
		byte[] file = { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, // EBML header ID
				0x01, 0x00 }; // the first 2 bytes of an 8-byte size, then the file ends
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> EbmlElement.read(new ByteArrayMediaSource(file), 0))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.TRUNCATED));
	}

	@Test
	void invalidHeaderAtTheEndOfTheFileIsMalformedNotTruncated() {
		byte[] file = { 0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, // EBML header ID
				0x00 }; // a size starting with 0x00, the last byte of the file
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> EbmlElement.read(new ByteArrayMediaSource(file), 0))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProbeFailure.MALFORMED));
	}

	@Test
	void sizeStartingWithZeroByteIsMalformed() {
		assertThatExceptionOfType(MediaFormatException.class).isThrownBy(() -> Ebml.readSize(cursor(0x00, 0x81)));
	}

	@Test
	void floatsAreFourOrEightBytesBigEndian() throws MediaFormatException {
		assertThat(Ebml.readFloat(cursor(0x45, 0xBC, 0x28, 0x00), 4)).isEqualTo(6021.0); // float 6021
		assertThat(Ebml.readFloat(cursor(0x40, 0xB7, 0x85, 0x00, 0, 0, 0, 0), 8)).isEqualTo(6021.0); // double
		assertThat(Ebml.readFloat(cursor(), 0)).isZero();
		assertThatExceptionOfType(MediaFormatException.class).isThrownBy(() -> Ebml.readFloat(cursor(1, 2, 3), 3));
	}

	@Test
	void unsignedIntegersUseTheirElementSize() throws MediaFormatException {
		assertThat(Ebml.readUnsigned(cursor(0x0F, 0x42, 0x40), 3)).isEqualTo(1_000_000);
		assertThat(Ebml.readUnsigned(cursor(), 0)).isZero();
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> Ebml.readUnsigned(cursor(new int[9]), 9));
	}

	static ByteCursor cursor(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return new ByteCursor(bytes);
	}

}
