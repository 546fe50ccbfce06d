package io.github.mediastreaming.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.flv.FlvIndexReader;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.mp3.Mp3IndexReader;
import io.github.mediastreaming.testsupport.CountingMediaSource;
import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.MediaBodies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Files that real encoders write with less common options, timed as ffmpeg decodes them: a VBR MP3 without
 * a Xing header, a VBR MP3 cut short, IMA ADPCM in WAVE, chained Ogg Opus, and an FLV whose timestamps start
 * hours in.
 */
class EncoderQuirksTests {

	/** 30 s of a sine, then 30 s of noise: LAME's VBR spends about three times the bits on the second half. */
	private static final String[] SINE_THEN_NOISE = { "-f", "lavfi", "-i", "sine=f=440:d=30", "-f", "lavfi", "-i",
			"anoisesrc=d=30:a=0.5", "-filter_complex", "[0][1]concat=n=2:v=0:a=1", "-ac", "2" };

	@TempDir
	Path temp;

	@BeforeEach
	void ffmpeg() {
		Ffmpeg.assumeInstalled();
	}

	@Test
	void vbrMp3WithoutXingHeaderLastsItsDecodedDurationAndSeeksIntoItsSecondHalf() throws Exception {
		Path file = ffmpeg("noxing.mp3", SINE_THEN_NOISE, "-c:a", "libmp3lame", "-q:a", "2", "-write_xing", "0");
		MediaIndex index = read(new Mp3IndexReader(), file);
		// Read as CBR at its first frame's bitrate, it lasted 21 s and ?start=30 was a 400.
		assertThat(index.durationSeconds()).isCloseTo(60.0, within(1.0));
		try (FileMediaSource source = FileMediaSource.open(file)) {
			MediaBody body = index.seeker().seek(new SeekRequest.TimeRange(10, null, true), source);
			Path out = MediaBodies.write(body, file, this.temp.resolve("from10.mp3"));
			assertThat(Ffmpeg.mp3Seconds(out)).as("decoded after ?start=10").isCloseTo(50.0, within(1.0));
		}
	}

	@Test
	void vbrMp3WithoutXingHeaderAndADamagedStretchLastsWhatADecoderPlays() throws Exception {
		Path file = ffmpeg("damaged.mp3", SINE_THEN_NOISE, "-c:a", "libmp3lame", "-q:a", "2", "-write_xing", "0");
		byte[] bytes = Files.readAllBytes(file);
		// Four kilobytes of zeros a third of the way in: a decoder skips to the next frame and plays on.
		Arrays.fill(bytes, bytes.length / 3, bytes.length / 3 + 4096, (byte) 0);
		Files.write(file, bytes);
		MediaIndex index = read(new Mp3IndexReader(), file);
		// The walk stopped at the damage: 30 s of 60, and the rest was paced as if it did not exist.
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.mp3Seconds(file), within(1.0));
	}

	@Test
	void walkOfAnMp3ThatIsNotALocalFileReadsItInFewLargeRequests() throws Exception {
		Path file = ffmpeg("remote.mp3", SINE_THEN_NOISE, "-c:a", "libmp3lame", "-q:a", "2", "-write_xing", "0");
		CountingMediaSource source = new CountingMediaSource(Files.readAllBytes(file));
		new Mp3IndexReader().read(source);
		// A store's source may pay a request a read (S3's grows its GETs to 1 MiB): this 600 kB walk made three.
		assertThat(source.readsLongerThan(64 * 1024 + 2 * 2881)).isEqualTo(1);
	}

	@Test
	void truncatedVbrMp3LastsTheFramesItHoldsNotItsXingCount() throws Exception {
		Path whole = ffmpeg("vbr.mp3", SINE_THEN_NOISE, "-c:a", "libmp3lame", "-q:a", "2");
		Path cut = this.temp.resolve("cut.mp3");
		Files.write(cut, Arrays.copyOf(Files.readAllBytes(whole), 300_000));
		MediaIndex index = read(new Mp3IndexReader(), cut);
		// The Xing count still says 60 s: pacing 300 kB over 60 s starves a player of the 38 s it holds.
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.mp3Seconds(cut), within(1.0));
	}

	@Test
	void adpcmWavLastsItsFactSampleCountNotItsDeclaredByteRate() throws Exception {
		Path file = ffmpeg("ima.wav", new String[] { "-f", "lavfi", "-i", "sine=f=440:d=20" }, "-c:a",
				"adpcm_ima_wav");
		MediaIndex index = read(new WavIndexReader(), file);
		// ffmpeg writes 16,000 bytes/s for 22,000 bytes/s of IMA ADPCM: paced at that, the player stalls.
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.formatDuration(file), within(0.1));
		assertThat(index.bitrate()).isGreaterThanOrEqualTo(Files.size(file) * 8 / 21);
	}

	@Test
	void chainedOggOpusLastsEveryLink() throws Exception {
		Path first = ffmpeg("a.opus", new String[] { "-f", "lavfi", "-i", "sine=f=440:d=20" }, "-c:a", "libopus");
		Path second = ffmpeg("b.opus", new String[] { "-f", "lavfi", "-i", "sine=f=660:d=15" }, "-c:a", "libopus");
		Path chained = this.temp.resolve("chained.opus");
		Files.write(chained, Files.readAllBytes(first));
		Files.write(chained, Files.readAllBytes(second), java.nio.file.StandardOpenOption.APPEND);
		MediaIndex index = read(new OggIndexReader(), chained);
		assertThat(index.durationSeconds()).isCloseTo(35.0, within(0.1));
	}

	@Test
	void flvWhoseTimestampsStartLateLastsFromItsFirstTagAndSeeksByMediaTime() throws Exception {
		Path file = ffmpeg("late.flv",
				new String[] { "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20", "-f", "lavfi", "-i", "sine=d=20" },
				"-c:v", "libx264", "-g", "50", "-c:a", "aac", "-output_ts_offset", "16770");
		MediaIndex index = read(new FlvIndexReader(), file);
		// The last tag's timestamp (16,790 s) was taken for the duration; the bitrate fell to the audio's alone.
		assertThat(index.durationSeconds()).isCloseTo(20.0, within(0.2));
		MediaBody body = index.seeker().seek(new SeekRequest.TimeRange(10, null, true));
		assertThat(body).as("?t=10 is 10 s into the media, not the whole file")
			.isNotEqualTo(MediaBody.wholeFile(Files.size(file)));
	}

	private Path ffmpeg(String name, String[] inputs, String... output) {
		String[] arguments = Arrays.copyOf(inputs, inputs.length + output.length);
		System.arraycopy(output, 0, arguments, inputs.length, output.length);
		return Ffmpeg.write(this.temp.resolve(name), arguments);
	}

	private static MediaIndex read(io.github.mediastreaming.index.MediaIndexReader reader, Path file) throws Exception {
		return reader.read(new ByteArrayMediaSource(Files.readAllBytes(file)));
	}

}
