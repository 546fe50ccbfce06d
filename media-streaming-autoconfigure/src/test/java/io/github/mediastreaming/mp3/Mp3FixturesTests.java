package io.github.mediastreaming.mp3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.MediaBodies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The MP3 reader and seeker on files made by ffmpeg ({@code media/mp3/generate.sh}): 12 s each.
 */
class Mp3FixturesTests {

	private final Mp3IndexReader reader = new Mp3IndexReader();

	@TempDir
	Path temp;

	@ParameterizedTest
	@CsvSource({ "cbr.mp3, true, 64000", "vbr.mp3, false, 0", "mpeg2.mp3, true, 32000", "id3v1.mp3, true, 48000" })
	void readsDurationAndKindOfBitrate(String name, boolean cbr, long headerBitrate) throws Exception {
		MediaIndex index = index(name);
		Mp3Index mp3 = (Mp3Index) index.seeker();
		assertThat(index.durationSeconds()).isCloseTo(12.0, within(0.1));
		assertThat(mp3.cbr()).isEqualTo(cbr);
		if (cbr) {
			assertThat(index.declaredBitrate()).isEqualTo(headerBitrate);
		}
	}

	@Test
	void id3TagsAreNotAudio() throws Exception {
		Mp3Index cbr = (Mp3Index) index("cbr.mp3").seeker();
		assertThat(cbr.id3v2Length()).isPositive();
		assertThat(cbr.audioStart()).isGreaterThan(cbr.id3v2Length());
		Mp3Index withId3v1 = (Mp3Index) index("id3v1.mp3").seeker();
		assertThat(withId3v1.audioEnd()).isEqualTo(withId3v1.sizeBytes() - 128);
	}

	@ParameterizedTest
	@ValueSource(strings = { "cbr.mp3", "vbr.mp3", "mpeg2.mp3", "id3v1.mp3" })
	void bitrateAndDurationAreWithinFivePercentOfFfprobe(String name) throws Exception {
		Ffmpeg.assumeInstalled();
		MediaIndex index = index(name);
		assertThat((double) index.bitrate()).isCloseTo(Ffmpeg.formatBitrate(fixture(name)), withinPercentage(5));
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.formatDuration(fixture(name)), withinPercentage(5));
	}

	@ParameterizedTest
	@CsvSource({ "cbr.mp3, 0.5", "cbr.mp3, 3.3", "cbr.mp3, 7.25", "cbr.mp3, 11.9", "vbr.mp3, 3.3", "vbr.mp3, 7.25",
			"vbr.mp3, 11.5", "mpeg2.mp3, 5.5", "id3v1.mp3, 6" })
	void seekStartsWithTheId3TagThenAFrameBoundaryAtOrBeforeTheTime(String name, double start) throws Exception {
		MediaIndex index = index(name);
		Mp3Index mp3 = (Mp3Index) index.seeker();
		MediaBody body = seek(name, new SeekRequest.TimeRange(start, null, true));
		assertThat(body.parts().get(0)).isEqualTo(new BodyPart.FileRegion(0, mp3.id3v2Length()));
		BodyPart.FileRegion audio = (BodyPart.FileRegion) body.parts().get(body.parts().size() - 1);
		assertThat(audio.offset() + audio.length()).isEqualTo(mp3.sizeBytes());
		byte[] bytes = Files.readAllBytes(fixture(name));
		MpegAudioHeader header = FrameSync.frameAt(bytes, (int) audio.offset(), mp3.stream(), false);
		assertThat(header).as("a verified frame starts the audio").isNotNull();
		if (mp3.cbr()) {
			double frameSeconds = mp3.stream().frameDurationUs() / 1e6;
			double frameStart = Math.round((audio.offset() - mp3.audioStart())
					/ (mp3.stream().samplesPerFrame() / 8.0 * mp3.stream().bitrate() / mp3.stream().sampleRate()))
					* frameSeconds;
			assertThat(frameStart).isLessThanOrEqualTo(start).isGreaterThan(start - frameSeconds - 1e-9);
		}
	}

	@ParameterizedTest
	@CsvSource({ "cbr.mp3, 3.3, 0.1", "cbr.mp3, 10, 0.1", "vbr.mp3, 4, 0.25", "mpeg2.mp3, 6, 0.1",
			"id3v1.mp3, 9, 0.1" })
	void seekedResponsesDecodeCleanlyWithTheRemainingDuration(String name, double start, double tolerance)
			throws Exception {
		Ffmpeg.assumeInstalled();
		Path out = MediaBodies.write(seek(name, new SeekRequest.TimeRange(start, null, true)), fixture(name),
				this.temp.resolve("out.mp3"));
		assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
		double remaining = index(name).durationSeconds() - start;
		assertThat(Ffmpeg.mp3Seconds(out)).isCloseTo(remaining, within(tolerance));
	}

	@Test
	void seekWithEndCutsAtAFrameBoundaryAfterIt() throws Exception {
		Ffmpeg.assumeInstalled();
		MediaBody body = seek("cbr.mp3", new SeekRequest.TimeRange(2, 5.0, true));
		Path out = MediaBodies.write(body, fixture("cbr.mp3"), this.temp.resolve("cut.mp3"));
		assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
		assertThat(Ffmpeg.mp3Seconds(out)).isCloseTo(3.0, within(0.1));
	}

	@Test
	void vbrSeekWithEndNeverEndsBeforeTheRequestedTime() throws Exception {
		Ffmpeg.assumeInstalled();
		for (double end : new double[] { 3.3, 5.1, 8.7 }) {
			Path out = MediaBodies.write(seek("vbr.mp3", new SeekRequest.TimeRange(1, end, true)), fixture("vbr.mp3"),
					this.temp.resolve("end.mp3"));
			assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
			// The start may be up to one TOC step early; the end must not be early at all.
			assertThat(Ffmpeg.mp3Seconds(out)).as("end %s", end).isGreaterThanOrEqualTo(end - 1 - 0.03).isLessThan(end - 1 + 0.4);
		}
	}

	@ParameterizedTest
	@CsvSource({ "cbr.mp3", "vbr.mp3", "mpeg2.mp3" })
	void startsAndEndsWithinOneFrameShareOneCanonicalFormAndOneDocument(String name) throws Exception {
		MediaSeeker seeker = index(name).seeker();
		// 1152 samples a frame at 44.1 kHz (576 at 22.05 kHz for MPEG-2): frames are 26.1 ms long.
		SeekRequest first = new SeekRequest.TimeRange(5.2250, 7.0001, true);
		SeekRequest second = new SeekRequest.TimeRange(5.2251, 7.0002, false);
		SeekRequest canonical = seeker.canonical(first);
		assertThat(seeker.canonical(second)).isEqualTo(canonical);
		assertThat(seeker.canonical(canonical)).isEqualTo(canonical);
		assertThat(seek(name, canonical)).isEqualTo(seek(name, first)).isEqualTo(seek(name, second));
		assertThat(seeker.canonical(new SeekRequest.TimeRange(0.01, null, true)))
			.isEqualTo(new SeekRequest.TimeRange(0, null, false));
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> seeker.canonical(new SeekRequest.TimeRange(5, 4.0, false)));
	}

	@ParameterizedTest
	@CsvSource({ "cbr.mp3", "vbr.mp3", "mpeg2.mp3" })
	void anEndInsideTheLastFrameIsTheEndOfTheFile(String name) throws Exception {
		MediaIndex index = index(name);
		Mp3Index mp3 = (Mp3Index) index.seeker();
		double frameSeconds = mp3.durationUs() / 1e6 / mp3.frames();
		double insideLastFrame = (mp3.frames() - 0.5) * frameSeconds;
		SeekRequest cut = new SeekRequest.TimeRange(1, insideLastFrame, false);
		assertThat(((SeekRequest.TimeRange) mp3.canonical(cut)).endSeconds()).isNull();
		assertThat(seek(name, cut)).isEqualTo(seek(name, new SeekRequest.TimeRange(1, null, false)));
	}

	@Test
	void startZeroIsTheWholeFile() throws Exception {
		assertThat(seek("vbr.mp3", new SeekRequest.TimeRange(0, null, true)))
			.isEqualTo(MediaBody.wholeFile(Files.size(fixture("vbr.mp3"))));
	}

	@ParameterizedTest
	@ValueSource(doubles = { 12.1, 100, -1, Double.NaN })
	void startOutsideTheDurationIsRejected(double start) {
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> seek("cbr.mp3", new SeekRequest.TimeRange(start, null, true)))
			.withMessageContaining("duration");
	}

	@Test
	void byteOffsetIsRejected() {
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> seek("cbr.mp3", new SeekRequest.ByteOffset(1000)))
			.withMessageContaining("seconds");
	}

	@Test
	void garbageAndTruncatedFilesAreFormatErrors() throws Exception {
		byte[] garbage = new byte[50_000];
		new Random(1).nextBytes(garbage);
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(garbage)));
		byte[] bytes = Files.readAllBytes(fixture("cbr.mp3"));
		for (int length : new int[] { 0, 3, 10, 100 }) {
			assertThatExceptionOfType(MediaFormatException.class).as("first %d bytes", length)
				.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(Arrays.copyOf(bytes, length))));
		}
	}

	@Test
	void truncatedCbrFileIsIndexedAndSeekedByTheBytesItHolds() throws Exception {
		byte[] whole = Files.readAllBytes(fixture("cbr.mp3"));
		ByteArrayMediaSource half = new ByteArrayMediaSource(Arrays.copyOf(whole, whole.length / 2));
		MediaIndex index = this.reader.read(half);
		assertThat(index.durationSeconds()).as("the Info frame still counts 12 s").isCloseTo(6.0, within(0.3));
		MediaBody body = index.seeker().seek(new SeekRequest.TimeRange(index.durationSeconds() - 0.05, null, true), half);
		BodyPart.FileRegion audio = (BodyPart.FileRegion) body.parts().get(body.parts().size() - 1);
		assertThat(audio.offset() + audio.length()).isEqualTo(half.size());
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> index.seeker().seek(new SeekRequest.TimeRange(9, null, true), half));
	}

	@Test
	void vbrSeekNeverStartsAfterTheRequestedTime() throws Exception {
		Ffmpeg.assumeInstalled();
		MediaIndex index = index("vbr.mp3");
		for (double start : new double[] { 1.1, 2.7, 4.4, 6.3, 8.9, 10.2 }) {
			Path out = MediaBodies.write(seek("vbr.mp3", new SeekRequest.TimeRange(start, null, true)),
					fixture("vbr.mp3"), this.temp.resolve("out.mp3"));
			// A Xing TOC is coarse (1% of the file per entry): allow one TOC step of slack before the time.
			assertThat(Ffmpeg.mp3Seconds(out)).as("start %s", start)
				.isGreaterThanOrEqualTo(index.durationSeconds() - start - 0.03)
				.isLessThan(index.durationSeconds() - start + 0.3);
		}
	}

	@Test
	void anId3TagClaimingMoreThanTheFileIsTruncated() {
		byte[] bytes = { 'I', 'D', '3', 4, 0, 0, 0x7F, 0x7F, 0x7F, 0x7F, 0, 0 };
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(bytes)));
	}


	private MediaBody seek(String name, SeekRequest request) throws Exception {
		try (FileMediaSource source = FileMediaSource.open(fixture(name))) {
			return index(name).seeker().seek(request, source);
		}
	}

	private MediaIndex index(String name) throws IOException, MediaFormatException {
		try (FileMediaSource source = FileMediaSource.open(fixture(name))) {
			return this.reader.read(source);
		}
	}

	static Path fixture(String name) {
		return Fixtures.media("mp3/" + name);
	}

}
