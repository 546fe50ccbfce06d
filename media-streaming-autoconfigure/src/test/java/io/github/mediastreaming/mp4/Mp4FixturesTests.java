package io.github.mediastreaming.mp4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
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
 * MP4 cutting on files made by ffmpeg ({@code media/mp4/generate.sh}): 8 s, 25 fps, key frames every 2 s.
 * Every cut is indexed again and each of its samples compared byte for byte with the source sample it
 * came from; with ffmpeg installed, its duration is checked with ffprobe and it must decode without a
 * single error.
 */
class Mp4FixturesTests {

	private final Mp4IndexReader reader = new Mp4IndexReader();

	@TempDir
	Path temp;

	@ParameterizedTest
	@CsvSource({ "faststart.mp4", "bframes.mp4", "moovend.mp4", "audio.m4a", "twoaudio.mp4" })
	void indexesEveryTrackWithDurationAndBitrate(String name) throws Exception {
		MediaIndex index = index(name);
		assertThat(index.durationSeconds()).isCloseTo(8.0, within(0.1));
		assertThat(index.seekable()).isTrue();
		assertThat(((Mp4Index) index.seeker()).tracks())
			.hasSize(name.equals("audio.m4a") ? 1 : name.equals("twoaudio.mp4") ? 3 : 2);
	}

	@ParameterizedTest
	@CsvSource({ "faststart.mp4, 2.0, , 6.0", "faststart.mp4, 3.3, , 6.0", "faststart.mp4, 7.9, , 2.0",
			"faststart.mp4, 2.5, 6, 4.0", "bframes.mp4, 3.3, , 6.0", "bframes.mp4, 0.04, , 8.0",
			"bframes.mp4, 2, 6, 4.0", "moovend.mp4, 4.5, , 4.0", "moovend.mp4, 0.5, 3, 3.0", "twoaudio.mp4, 5, , 4.0",
			"twoaudio.mp4, 1, 7, 7.0", "audio.m4a, 3.3, , 4.7", "audio.m4a, 2, 6, 4.0" })
	void cutsStartAtTheKeyFrameAndKeepTheSourceSamples(String name, double start, Double end, double expectedSeconds)
			throws Exception {
		Mp4Index source = (Mp4Index) index(name).seeker();
		MediaBody body = source.seek(new SeekRequest.TimeRange(start, end, false));
		byte[] out = MediaBodies.toBytes(body, fixture(name));
		assertThat(out).hasSize((int) body.length());
		assertThat(new String(out, 4, 4)).isEqualTo("ftyp");
		assertSamplesMatchSource(source, out, fixture(name));
		if (Ffmpeg.isInstalled()) {
			Path file = Files.write(this.temp.resolve("cut-" + name), out);
			assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
			assertThat(Ffmpeg.formatDuration(file)).isCloseTo(expectedSeconds, within(0.15));
		}
	}

	@ParameterizedTest
	@CsvSource({ "faststart.mp4, 3.3, 4.7, 117", "bframes.mp4, 3.3, 4.7, 117", "moovend.mp4, 5.5, 2.5, 62" })
	void exactStartHidesTheFramesBeforeTheRequestedTime(String name, double start, double seconds, int frames)
			throws Exception {
		Ffmpeg.assumeInstalled();
		Mp4Index source = (Mp4Index) index(name).seeker();
		Path file = MediaBodies.write(source.seek(new SeekRequest.TimeRange(start, null, true)), fixture(name),
				this.temp.resolve("exact.mp4"));
		assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
		assertThat(Ffmpeg.formatDuration(file)).isCloseTo(seconds, within(0.05));
		assertThat(Ffmpeg.videoFrames(file)).isCloseTo(frames, within(1L));
	}

	/**
	 * {@code delayed.mp4}: video from 0 to 8 s, audio from 0.976 s (an empty edit of 1 s, then AAC priming)
	 * to 9 s.
	 */
	@ParameterizedTest
	@CsvSource({ "0.5, false, , 0.976, 9.0", "0.5, true, , 0.476, 8.5", "3.3, false, , 0, 7.0", "3.3, true, , 0, 5.7",
			"0.5, false, 4, 0.976, 4.0" })
	void aTrackThatStartsLateKeepsItsDelayAfterACut(double start, boolean exact, Double end, double audioStart,
			double duration) throws Exception {
		Ffmpeg.assumeInstalled();
		Mp4Index source = (Mp4Index) index("delayed.mp4").seeker();
		Path file = MediaBodies.write(source.seek(new SeekRequest.TimeRange(start, end, exact)), fixture("delayed.mp4"),
				this.temp.resolve("delayed-cut.mp4"));
		assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
		String audio = Ffmpeg.run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
				"stream=start_time", "-of", "default=nw=1:nk=1", file.toString()).stdout().trim();
		assertThat(Double.parseDouble(audio)).as("audio start").isCloseTo(audioStart, within(0.03));
		assertThat(Ffmpeg.formatDuration(file)).as("duration").isCloseTo(duration, within(0.05));
	}

	@Test
	void aCutThatEndsBeforeALateTrackStartsLeavesThatTrackOut() throws Exception {
		Mp4Index source = (Mp4Index) index("delayed.mp4").seeker();
		MediaBody body = source.seek(new SeekRequest.TimeRange(0, 0.5, false));
		Mp4Index cut = (Mp4Index) this.reader.read(new ByteArrayMediaSource(MediaBodies.toBytes(body,
				fixture("delayed.mp4")))).seeker();
		assertThat(cut.tracks()).singleElement().satisfies((track) -> assertThat(track.isVideo()).isTrue());
		if (Ffmpeg.isInstalled()) {
			Path file = MediaBodies.write(body, fixture("delayed.mp4"), this.temp.resolve("before-audio.mp4"));
			assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
			assertThat(Ffmpeg.formatDuration(file)).isCloseTo(0.5, within(0.05));
		}
	}

	@Test
	void keyFrameCutsKeepEveryFrameFromTheKeyFrame() throws Exception {
		Ffmpeg.assumeInstalled();
		Mp4Index source = (Mp4Index) index("bframes.mp4").seeker();
		Path file = MediaBodies.write(source.seek(new SeekRequest.TimeRange(3.3, null, false)), fixture("bframes.mp4"),
				this.temp.resolve("key.mp4"));
		assertThat(Ffmpeg.videoFrames(file)).isEqualTo(150);
	}

	@Test
	void moovAtTheEndIsServedMoovFirstEvenWithoutASeek() throws Exception {
		Mp4Index source = (Mp4Index) index("moovend.mp4").seeker();
		assertThat(source.moovAfterMdat()).isTrue();
		MediaBody body = source.progressiveBody();
		assertThat(body).isNotNull();
		byte[] out = MediaBodies.toBytes(body, fixture("moovend.mp4"));
		assertThat(boxTypes(out)).startsWith("ftyp", "moov", "mdat");
		assertSamplesMatchSource(source, out, fixture("moovend.mp4"));
		assertThat(((Mp4Index) index("faststart.mp4").seeker()).progressiveBody()).isNull();
		if (Ffmpeg.isInstalled()) {
			Path file = Files.write(this.temp.resolve("faststart.mp4"), out);
			assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
			assertThat(Ffmpeg.videoFrames(file)).isEqualTo(200);
		}
	}

	@Test
	void startZeroOfAFaststartFileIsTheFileItself() throws Exception {
		Mp4Index source = (Mp4Index) index("faststart.mp4").seeker();
		assertThat(source.seek(new SeekRequest.TimeRange(0, null, true)))
			.isEqualTo(MediaBody.wholeFile(Files.size(fixture("faststart.mp4"))));
	}

	@Test
	void sixtyFourBitChunkOffsetsAreWrittenAndRead() throws Exception {
		Mp4Index source = (Mp4Index) index("twoaudio.mp4").seeker();
		MediaBody body = source.cut(new SeekRequest.TimeRange(3, null, false), true);
		byte[] out = MediaBodies.toBytes(body, fixture("twoaudio.mp4"));
		assertThat(containsType(out, "co64")).isTrue();
		assertThat(containsType(out, "stco")).isFalse();
		assertSamplesMatchSource(source, out, fixture("twoaudio.mp4"));
		// The cut of a co64 source is a normal stco file again.
		Mp4Index wide = (Mp4Index) this.reader.read(new ByteArrayMediaSource(out)).seeker();
		Path widePath = Files.write(this.temp.resolve("wide.mp4"), out);
		byte[] again = MediaBodies.toBytes(wide.seek(new SeekRequest.TimeRange(2, null, false)), widePath);
		assertThat(containsType(again, "stco")).isTrue();
		if (Ffmpeg.isInstalled()) {
			assertThat(Ffmpeg.decodeErrors(widePath)).isEmpty();
			assertThat(Ffmpeg.decodeErrors(Files.write(this.temp.resolve("again.mp4"), again))).isEmpty();
		}
	}

	@Test
	void fragmentedFilesAreIndexedButNotCut() throws Exception {
		MediaIndex index = index("fragmented.mp4");
		// ffmpeg's empty_moov output has no mehd: the duration comes from the fragments' trun boxes.
		assertThat(index.durationSeconds()).isCloseTo(8.0, within(0.1));
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> index.seeker().seek(new SeekRequest.TimeRange(2, null, false)))
			.withMessageContaining("fragmented");
		assertThat(index.seeker().progressiveBody()).isNull();
	}

	@ParameterizedTest
	@ValueSource(doubles = { 8.0, 9, 1000, -1, Double.NaN })
	void startsOutsideTheMediaAreRejected(double start) throws Exception {
		Mp4Index source = (Mp4Index) index("faststart.mp4").seeker();
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> source.seek(new SeekRequest.TimeRange(start, null, true)));
	}

	@Test
	void endNotAfterStartIsRejected() throws Exception {
		Mp4Index source = (Mp4Index) index("faststart.mp4").seeker();
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> source.seek(new SeekRequest.TimeRange(3, 3.0, true)));
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> source.seek(new SeekRequest.ByteOffset(3)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "faststart.mp4", "bframes.mp4", "audio.m4a", "twoaudio.mp4", "fragmented.mp4" })
	void bitrateIsWithinFivePercentOfFfprobe(String name) throws Exception {
		Ffmpeg.assumeInstalled();
		assertThat((double) index(name).bitrate()).isCloseTo(Ffmpeg.formatBitrate(fixture(name)), withinPercentage(5));
	}

	@Test
	void garbageTruncatedAndHugeBoxesAreFormatErrors() throws Exception {
		byte[] garbage = new byte[10_000];
		new Random(9).nextBytes(garbage);
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(garbage)));
		byte[] bytes = Files.readAllBytes(fixture("faststart.mp4"));
		for (int length : new int[] { 0, 7, 8, 40, 100, 1000, 3000 }) {
			assertThatExceptionOfType(MediaFormatException.class).as("first %d bytes", length)
				.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(Arrays.copyOf(bytes, length))));
		}
		// A moov that claims 2 GB in a small file: rejected before anything that size is allocated.
		byte[] huge = { 0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 0, 0x7F, 0, 0, 0, 'm', 'o', 'o', 'v' };
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(huge)));
	}

	@Test
	void corruptedSampleTablesAreFormatErrorsNotCrashes() throws Exception {
		byte[] bytes = Files.readAllBytes(fixture("faststart.mp4"));
		Random random = new Random(11);
		for (int round = 0; round < 200; round++) {
			byte[] corrupted = bytes.clone();
			for (int i = 0; i < 4; i++) {
				corrupted[random.nextInt(6000)] = (byte) random.nextInt(256);
			}
			try {
				MediaIndex index = this.reader.read(new ByteArrayMediaSource(corrupted));
				if (index.seeker() != null) {
					index.seeker().seek(new SeekRequest.TimeRange(1, null, true));
				}
			}
			catch (MediaFormatException | InvalidSeekException ex) {
				// expected outcomes for damaged files
			}
		}
	}

	/** Index the cut and check that each of its samples holds the bytes of a source sample of that track. */
	private void assertSamplesMatchSource(Mp4Index source, byte[] out, Path sourceFile) throws Exception {
		Mp4Index cut = (Mp4Index) this.reader.read(new ByteArrayMediaSource(out)).seeker();
		byte[] sourceBytes = Files.readAllBytes(sourceFile);
		assertThat(cut.tracks()).hasSameSizeAs(source.tracks());
		for (int t = 0; t < cut.tracks().size(); t++) {
			TrackTable kept = cut.tracks().get(t);
			TrackTable original = source.tracks().get(t);
			int first = firstMatch(kept, original, out, sourceBytes);
			assertThat(first).as("track %d starts at a source sample", t).isNotNegative();
			for (int i = 0; i < kept.sampleCount(); i++) {
				int s = first + i;
				assertThat(kept.size(i)).isEqualTo(original.size(s));
				assertThat(kept.duration(i)).isEqualTo(original.duration(s));
				assertThat(Arrays.copyOfRange(out, (int) kept.offset(i), (int) kept.offset(i) + kept.size(i)))
					.as("track %d sample %d", t, i)
					.isEqualTo(Arrays.copyOfRange(sourceBytes, (int) original.offset(s),
							(int) original.offset(s) + original.size(s)));
				assertThat(kept.isSync(i)).isEqualTo(original.isSync(s));
			}
			if (original.isVideo() && kept.sampleCount() > 0) {
				assertThat(kept.isSync(0)).as("video starts on a sync sample").isTrue();
			}
		}
	}

	private static int firstMatch(TrackTable kept, TrackTable original, byte[] out, byte[] sourceBytes) {
		if (kept.sampleCount() == 0) {
			return 0;
		}
		byte[] firstSample = Arrays.copyOfRange(out, (int) kept.offset(0), (int) kept.offset(0) + kept.size(0));
		for (int s = 0; s < original.sampleCount(); s++) {
			if (original.size(s) == kept.size(0) && original.sampleCount() - s >= kept.sampleCount()
					&& Arrays.equals(firstSample, Arrays.copyOfRange(sourceBytes, (int) original.offset(s),
							(int) original.offset(s) + original.size(s)))) {
				return s;
			}
		}
		return -1;
	}

	private static List<String> boxTypes(byte[] file) throws MediaFormatException {
		return Box.children(file, 0, file.length).stream().map(Box::type).toList();
	}

	private static boolean containsType(byte[] bytes, String type) {
		byte[] pattern = type.getBytes();
		outer: for (int i = 0; i + 4 <= bytes.length; i++) {
			for (int j = 0; j < 4; j++) {
				if (bytes[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private MediaIndex index(String name) throws IOException, MediaFormatException {
		try (FileMediaSource source = FileMediaSource.open(fixture(name))) {
			return this.reader.read(source);
		}
	}

	static Path fixture(String name) {
		return Fixtures.media("mp4/" + name);
	}

}
