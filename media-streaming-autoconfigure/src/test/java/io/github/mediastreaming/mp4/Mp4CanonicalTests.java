package io.github.mediastreaming.mp4;

import java.nio.file.Path;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.testsupport.MediaBodies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Mp4Index#canonical}: the request that decides a cut's document, what a cache of plans keys on.
 * Fixtures: 8 s, 25 fps (512 ticks a frame at 12,800), key frames every 2 s.
 */
class Mp4CanonicalTests {

	@ParameterizedTest
	@ValueSource(strings = { "faststart.mp4", "bframes.mp4", "delayed.mp4", "audio.m4a", "moovend.mp4" })
	void requestsThatDifferBySubTickNoiseShareOneCanonicalFormAndOneDocument(String name) throws Exception {
		Mp4Index index = index(name);
		SeekRequest a = new SeekRequest.TimeRange(3.3000000001, 6.1000000001, true);
		SeekRequest b = new SeekRequest.TimeRange(3.3000000002, 6.1000000004, true);
		assertThat(index.canonical(a)).isEqualTo(index.canonical(b));
		assertThat(index.seek(a)).isEqualTo(index.seek(b));
		assertThat(MediaBodies.toBytes(index.seek(a), Mp4FixturesTests.fixture(name)))
			.isEqualTo(MediaBodies.toBytes(index.seek(b), Mp4FixturesTests.fixture(name)));
	}

	@Test
	void startsBetweenTwoKeyFramesWithoutExactStartAreTheKeyFrame() throws Exception {
		Mp4Index index = index("faststart.mp4");
		SeekRequest canonical = index.canonical(new SeekRequest.TimeRange(2.0, null, false));
		for (double start : new double[] { 2.01, 2.5, 3.3, 3.99 }) {
			assertThat(index.canonical(new SeekRequest.TimeRange(start, null, false))).isEqualTo(canonical);
			assertThat(index.canonical(new SeekRequest.TimeRange(start, null, true))).isNotEqualTo(canonical);
		}
		// An exact start on the key frame hides nothing: the same document as the key-frame cut.
		assertThat(index.canonical(new SeekRequest.TimeRange(2.0, null, true))).isEqualTo(canonical);
		assertThat(canonical).isEqualTo(new SeekRequest.TimeRange(2.0, null, false));
	}

	@Test
	void endsWithinOneFrameShareTheFrameThatEndsTheCut() throws Exception {
		Mp4Index index = index("faststart.mp4");
		// Frames start every 0.04 s: any end in (6.00, 6.04] ends the cut at the frame that starts at 6.04.
		SeekRequest.TimeRange canonical = (SeekRequest.TimeRange) index.canonical(new SeekRequest.TimeRange(2, 6.01, false));
		assertThat(canonical.endSeconds()).isEqualTo(6.04);
		for (double end : new double[] { 6.0001, 6.02, 6.039, 6.04 }) {
			assertThat(index.canonical(new SeekRequest.TimeRange(2, end, false))).isEqualTo(canonical);
		}
		assertThat(index.canonical(new SeekRequest.TimeRange(2, 7.99, false)).equals(canonical)).isFalse();
		// An end past the last frame's start is the end of the media.
		assertThat(((SeekRequest.TimeRange) index.canonical(new SeekRequest.TimeRange(2, 7.999, false))).endSeconds())
			.isNull();
	}

	@ParameterizedTest
	@CsvSource({ "faststart.mp4", "bframes.mp4", "delayed.mp4", "twoaudio.mp4", "audio.m4a", "moovend.mp4" })
	void theCanonicalFormIsItsOwnCanonicalFormAndCutsTheSameDocument(String name) throws Exception {
		Mp4Index index = index(name);
		for (double start = 0; start < 7.9; start += 0.173) {
			for (Double end : new Double[] { null, start + 0.01, start + 1.337, 7.95 }) {
				for (boolean exact : new boolean[] { true, false }) {
					SeekRequest request = new SeekRequest.TimeRange(start, end, exact);
					SeekRequest canonical = index.canonical(request);
					assertThat(index.canonical(canonical)).as("%s", request).isEqualTo(canonical);
					assertThat(index.seek(canonical)).as("%s", request).isEqualTo(index.seek(request));
				}
			}
		}
	}

	@Test
	void startZeroWithoutAnEndIsTheFileItself() throws Exception {
		Mp4Index index = index("bframes.mp4");
		SeekRequest canonical = index.canonical(new SeekRequest.TimeRange(0, null, true));
		assertThat(canonical).isEqualTo(new SeekRequest.TimeRange(0, null, false));
		assertThat(index.seek(canonical)).isEqualTo(MediaBody.wholeFile(index.sizeBytes()));
	}

	@ParameterizedTest
	@CsvSource({ "8.0,", "-1,", "3,3", "3,2" })
	void requestsOutsideTheMediaAreRejectedWithoutAPlan(double start, Double end) throws Exception {
		Mp4Index index = index("faststart.mp4");
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> index.canonical(new SeekRequest.TimeRange(start, end, true)));
	}

	@Test
	void aByteOffsetIsNotAnMp4Seek() throws Exception {
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> index("faststart.mp4").canonical(new SeekRequest.ByteOffset(1000)));
	}

	static Mp4Index index(String name) throws Exception {
		Path file = Mp4FixturesTests.fixture(name);
		try (FileMediaSource source = FileMediaSource.open(file)) {
			return (Mp4Index) new Mp4IndexReader().read(source).seeker();
		}
	}

}
