package io.github.mediastreaming.mp3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.testsupport.Ffmpeg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * MP3 durations against what ffmpeg decodes, for two MP3s joined with {@code cat}: the first one's Xing
 * header (VBR) or Info header (CBR) counts its own frames and bytes only; ffmpeg notices the bytes that
 * follow and warns of an "invalid concatenated file". A duration cut short makes every later
 * {@code ?start=} a 400 and paces the file faster than it plays.
 */
class Mp3DurationReviewTests {

	private final Mp3IndexReader reader = new Mp3IndexReader();

	@TempDir
	Path temp;

	@BeforeEach
	void ffmpeg() {
		Ffmpeg.assumeInstalled();
	}

	@ParameterizedTest
	@CsvSource({ "-q:a, 2", "-b:a, 128k" }) // VBR (Xing header), CBR (Info header)
	void mp3sJoinedWithCatLastBothFiles(String rateOption, String rate) throws Exception {
		Path noise = ffmpeg("noise.mp3", "-f", "lavfi", "-i", "anoisesrc=d=20:a=0.5", "-ac", "2", "-ar", "44100", "-c:a",
				"libmp3lame", rateOption, rate, "-id3v2_version", "0");
		Path sine = ffmpeg("sine.mp3", "-f", "lavfi", "-i", "sine=d=20", "-ac", "2", "-ar", "44100", "-c:a",
				"libmp3lame", rateOption, rate, "-id3v2_version", "0");
		byte[] joined = cat(noise, sine);
		assertThat(Ffmpeg.mp3Seconds(Files.write(this.temp.resolve("joined.mp3"), joined))).isCloseTo(40.0, within(0.5));
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(joined));
		assertThat(index.durationSeconds()).isCloseTo(40.0, within(0.5));
	}

	@ParameterizedTest
	@CsvSource({ "-q:a, 2", "-b:a, 128k" }) // VBR (Xing header), CBR (Info header)
	void mp3sWithTagsJoinedWithCatLastBothFiles(String rateOption, String rate) throws Exception {
		// Each file starts with its own ID3v2 tag: the second one, 80 kB (as cover art is), sits between the two
		// streams, further than a decoder's resynchronisation looks.
		Path noise = ffmpeg("noise.mp3", "-f", "lavfi", "-i", "anoisesrc=d=20:a=0.5", "-ac", "2", "-ar", "44100", "-c:a",
				"libmp3lame", rateOption, rate, "-metadata", "title=noise");
		Path sine = ffmpeg("sine.mp3", "-f", "lavfi", "-i", "sine=d=20", "-ac", "2", "-ar", "44100", "-c:a",
				"libmp3lame", rateOption, rate, "-metadata", "comment=" + "x".repeat(80_000));
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(cat(noise, sine)));
		assertThat(index.durationSeconds()).isCloseTo(40.0, within(0.5));
	}

	/**
	 * Each file as most taggers leave one: an ID3v2 tag in front (the second one's 80 kB) and an ID3v1 tag at
	 * the end. The first file's 128-byte ID3v1 tag sits where its header says its audio ends, so the walk
	 * must skip it before the second file's ID3v2 tag, or the second file's frames stay hidden.
	 */
	@ParameterizedTest
	@CsvSource({ "-q:a, 2", "-b:a, 128k" }) // VBR (Xing header), CBR (Info header)
	void mp3sWithBothTagsJoinedWithCatLastBothFiles(String rateOption, String rate) throws Exception {
		Path noise = ffmpeg("noise.mp3", "-f", "lavfi", "-i", "anoisesrc=d=20:a=0.5", "-ac", "2", "-ar", "44100", "-c:a",
				"libmp3lame", rateOption, rate, "-metadata", "title=noise", "-write_id3v1", "1");
		Path sine = ffmpeg("sine.mp3", "-f", "lavfi", "-i", "sine=d=20", "-ac", "2", "-ar", "44100", "-c:a",
				"libmp3lame", rateOption, rate, "-metadata", "title=sine", "-metadata", "comment=" + "x".repeat(80_000),
				"-write_id3v1", "1");
		byte[] first = Files.readAllBytes(noise);
		assertThat(new String(first, first.length - 128, 3)).as("the first file ends with an ID3v1 tag").isEqualTo("TAG");
		byte[] joined = cat(noise, sine);
		assertThat(Ffmpeg.mp3Seconds(Files.write(this.temp.resolve("joined.mp3"), joined))).as("what ffmpeg plays")
			.isCloseTo(40.0, within(0.5));
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(joined));
		assertThat(index.durationSeconds()).isCloseTo(40.0, within(0.5));
	}

	/** The files one after the other, as {@code cat} joins them. */
	private static byte[] cat(Path... files) throws IOException {
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		for (Path file : files) {
			joined.writeBytes(Files.readAllBytes(file));
		}
		return joined.toByteArray();
	}

	private Path ffmpeg(String name, String... arguments) {
		return Ffmpeg.write(this.temp.resolve(name), arguments);
	}

}
