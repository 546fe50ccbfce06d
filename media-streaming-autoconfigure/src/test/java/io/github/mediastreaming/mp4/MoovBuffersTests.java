package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.MediaFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The arrays an MP4 index build reads a {@code moov} into are kept for the next build, and what a build
 * reads is bounded by the {@code moov} it read, never by the array, which may still hold the end of a
 * longer {@code moov} read before.
 */
class MoovBuffersTests {

	@Test
	void anArrayIsSizedInStepsAndTakenAgainOnceGivenBack() {
		MoovBuffers buffers = new MoovBuffers();
		byte[] first = buffers.take(1_500_000);
		assertThat(first).hasSize(2 * MoovBuffers.STEP_BYTES);
		buffers.give(first);
		assertThat(buffers.take(1_800_000)).isSameAs(first);
		// Taken, it is not handed out twice.
		assertThat(buffers.take(1_800_000)).isNotSameAs(first);
	}

	@Test
	void anArrayTooShortForAMoovIsNotTakenForIt() {
		MoovBuffers buffers = new MoovBuffers();
		byte[] small = buffers.take(10);
		buffers.give(small);
		byte[] large = buffers.take(MoovBuffers.STEP_BYTES + 1);
		assertThat(large).isNotSameAs(small).hasSize(2 * MoovBuffers.STEP_BYTES);
		assertThat(buffers.take(10)).isSameAs(small);
	}

	@Test
	void atMostTwoArraysAreKeptAndALongerOneTakesAShortersPlace() {
		MoovBuffers buffers = new MoovBuffers();
		byte[] one = buffers.take(1);
		byte[] two = buffers.take(1);
		byte[] three = buffers.take(3 * MoovBuffers.STEP_BYTES);
		buffers.give(one);
		buffers.give(two);
		buffers.give(three);
		assertThat(buffers.take(3 * MoovBuffers.STEP_BYTES)).isSameAs(three);
		byte[] left = buffers.take(1);
		assertThat(left == one || left == two).isTrue();
		assertThat(buffers.take(1)).isNotSameAs(one).isNotSameAs(two);
	}

	@Test
	void aMoovLongerThanWhatIsKeptGetsAnArrayOfItsOwnLengthThatIsNotKept() {
		MoovBuffers buffers = new MoovBuffers();
		byte[] huge = buffers.take(MoovBuffers.MAX_KEPT_BYTES + 1);
		assertThat(huge).hasSize(MoovBuffers.MAX_KEPT_BYTES + 1);
		buffers.give(huge);
		assertThat(buffers.take(MoovBuffers.MAX_KEPT_BYTES + 1)).isNotSameAs(huge);
	}

	@Test
	void anIndexReadAfterALongerMoovEqualsOneReadByAFreshReader() throws Exception {
		Mp4IndexReader reused = new Mp4IndexReader();
		read(reused, "twoaudio.mp4");
		for (String name : new String[] { "faststart.mp4", "moovend.mp4", "bframes.mp4", "delayed.mp4", "audio.m4a" }) {
			assertThat(read(reused, name)).as(name).isEqualTo(read(new Mp4IndexReader(), name));
		}
	}

	@Test
	void aMoovCutShortFailsThoughTheArrayStillHoldsTheEndOfTheMoovReadBefore() throws Exception {
		byte[] whole = Files.readAllBytes(Mp4FixturesTests.fixture("moovend.mp4"));
		Box moov = Box.find(Box.children(whole, 0, whole.length), "moov");
		// The same file with its moov (the last box) 100 bytes shorter: its last child now runs past it.
		byte[] cut = Arrays.copyOf(whole, whole.length - 100);
		ByteBuffer.wrap(cut).putInt((int) moov.offset(), (int) moov.size() - 100);
		Mp4IndexReader reader = new Mp4IndexReader();
		reader.read(new ByteArrayMediaSource(whole));
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> reader.read(new ByteArrayMediaSource(cut)));
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> new Mp4IndexReader().read(new ByteArrayMediaSource(cut)));
	}

	private static Mp4Index read(Mp4IndexReader reader, String name) throws Exception {
		try (FileMediaSource source = FileMediaSource.open(Mp4FixturesTests.fixture(name))) {
			return (Mp4Index) reader.read(source).seeker();
		}
	}

}
