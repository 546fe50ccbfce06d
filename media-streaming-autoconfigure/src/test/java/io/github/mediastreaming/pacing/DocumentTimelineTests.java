package io.github.mediastreaming.pacing;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.MediaTimeline;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentTimelineTests {

	/** Header of 100 bytes, then 10 s of media at 1,000 bytes a second. */
	private final MediaTimeline file = MediaTimeline.linear(100, 10_100, 10_000_000);

	@Test
	void aWholeFileIsTimedAsTheFileIs() {
		DocumentTimeline document = DocumentTimeline.of(MediaBody.wholeFile(10_100), this.file);
		assertThat(document.timeUsAt(100)).isZero();
		assertThat(document.timeUsAt(1_100)).isEqualTo(1_000_000);
		assertThat(document.offsetAt(2_000_000)).isEqualTo(2_100);
		assertThat(document.durationUs()).isEqualTo(10_000_000);
	}

	@Test
	void aRangeStartingMidFileStartsAtTheMediaOfItsFirstByte() {
		DocumentTimeline document = DocumentTimeline.of(MediaBody.wholeFile(10_100).slice(5_100, 5_000), this.file);
		assertThat(document.timeUsAt(0)).isZero();
		assertThat(document.timeUsAt(1_000)).isEqualTo(1_000_000);
		assertThat(document.durationUs()).isEqualTo(5_000_000);
	}

	@Test
	void inMemoryPartsCarryNoMediaTime() {
		// A rebuilt header of 300 bytes, then the media from 4 s.
		MediaBody cut = MediaBody.of(new BodyPart.Bytes(new byte[300]), new BodyPart.FileRegion(4_100, 6_000));
		DocumentTimeline document = DocumentTimeline.of(cut, this.file);
		assertThat(document.timeUsAt(300)).isZero();
		assertThat(document.timeUsAt(1_300)).isEqualTo(1_000_000);
		assertThat(document.offsetAt(0)).isEqualTo(300);
		assertThat(document.offsetAt(3_000_000)).isEqualTo(3_300);
		assertThat(document.durationUs()).isEqualTo(6_000_000);
	}

	@Test
	void aLeadingTagRegionBeforeTheMediaCarriesNoTimeEither() {
		// An MP3 seek: the ID3 tag (the file's first 100 bytes), then the audio from 2 s.
		MediaBody seek = MediaBody.of(new BodyPart.FileRegion(0, 100), new BodyPart.FileRegion(2_100, 8_000));
		DocumentTimeline document = DocumentTimeline.of(seek, this.file);
		assertThat(document.timeUsAt(100)).isZero();
		assertThat(document.timeUsAt(1_100)).isEqualTo(1_000_000);
		assertThat(document.durationUs()).isEqualTo(8_000_000);
	}

}
