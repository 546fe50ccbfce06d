package io.github.mediastreaming.mp3;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		joined.writeBytes(Files.readAllBytes(noise));
		joined.writeBytes(Files.readAllBytes(sine));
		Path joinedFile = Files.write(this.temp.resolve("joined.mp3"), joined.toByteArray());
		assertThat(decodedSeconds(joinedFile)).isCloseTo(40.0, within(0.5));
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(joined.toByteArray()));
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
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		joined.writeBytes(Files.readAllBytes(noise));
		joined.writeBytes(Files.readAllBytes(sine));
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(joined.toByteArray()));
		assertThat(index.durationSeconds()).isCloseTo(40.0, within(0.5));
	}

	private Path ffmpeg(String name, String... arguments) {
		Path file = this.temp.resolve(name);
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
		command.addAll(List.of(arguments));
		command.add(file.toString());
		Ffmpeg.run(command.toArray(String[]::new));
		return file;
	}

	/** Seconds ffmpeg decodes from an MP3 at 44.1 kHz (1152 samples a packet). */
	private static double decodedSeconds(Path file) {
		String packets = Ffmpeg.run("ffprobe", "-v", "error", "-count_packets", "-select_streams", "a:0",
				"-show_entries", "stream=nb_read_packets", "-of", "default=nw=1:nk=1", file.toString())
			.stdout()
			.trim();
		return Long.parseLong(packets) * 1152 / 44_100.0;
	}

}
