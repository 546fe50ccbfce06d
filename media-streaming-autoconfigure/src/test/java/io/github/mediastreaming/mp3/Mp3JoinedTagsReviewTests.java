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
 * Two tagged MP3s joined with {@code cat}, each as most taggers leave a file: an ID3v2 tag in front (the
 * second one's 80 kB, as cover art is) and an ID3v1 tag at the end. The fix of 1725833 looks for the
 * second file's audio right where the first one's header says its audio ends, skipping ID3v2 tags
 * there; the first file's 128-byte ID3v1 tag sits there instead, so the walk starts on it, resynchronises
 * no further than 64 KiB, and the 80 kB tag behind it hides the second file's frames: the duration is the
 * first file's, and every seek into the second is a 400. ffmpeg plays both files. Fails on main of
 * 2026-11-30 (d85840e).
 */
class Mp3JoinedTagsReviewTests {

	private final Mp3IndexReader reader = new Mp3IndexReader();

	@TempDir
	Path temp;

	@BeforeEach
	void ffmpeg() {
		Ffmpeg.assumeInstalled();
	}

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
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		joined.writeBytes(first);
		joined.writeBytes(Files.readAllBytes(sine));
		Path joinedFile = Files.write(this.temp.resolve("joined.mp3"), joined.toByteArray());
		assertThat(decodedSeconds(joinedFile)).as("what ffmpeg plays").isCloseTo(40.0, within(0.5));
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
