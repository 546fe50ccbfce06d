package io.github.mediastreaming.mp4;

import io.github.mediastreaming.index.SeekRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MP4 indexes are values: two reads of one file are equal (with equal hash codes), reads of different
 * files are not, and so are the documents cut from them.
 */
class Mp4IndexValueTests {

	@Test
	void twoReadsOfOneFileAreEqual() throws Exception {
		Mp4Index first = Mp4CanonicalTests.index("bframes.mp4");
		Mp4Index second = Mp4CanonicalTests.index("bframes.mp4");
		assertThat(first).isNotSameAs(second).isEqualTo(second).hasSameHashCodeAs(second);
		assertThat(first.tracks().get(0)).isEqualTo(second.tracks().get(0));
	}

	@Test
	void readsOfDifferentFilesDiffer() throws Exception {
		assertThat(Mp4CanonicalTests.index("bframes.mp4")).isNotEqualTo(Mp4CanonicalTests.index("moovend.mp4"));
		assertThat(Mp4CanonicalTests.index("faststart.mp4").tracks().get(1))
			.isNotEqualTo(Mp4CanonicalTests.index("twoaudio.mp4").tracks().get(2));
	}

	@Test
	void cutsOfEqualIndexesAtOnePointAreEqualDocuments() throws Exception {
		SeekRequest request = new SeekRequest.TimeRange(3.3, 6.0, true);
		assertThat(Mp4CanonicalTests.index("delayed.mp4").seek(request))
			.isEqualTo(Mp4CanonicalTests.index("delayed.mp4").seek(request))
			.isNotEqualTo(Mp4CanonicalTests.index("delayed.mp4").seek(new SeekRequest.TimeRange(3.3, 6.0, false)));
	}

}
