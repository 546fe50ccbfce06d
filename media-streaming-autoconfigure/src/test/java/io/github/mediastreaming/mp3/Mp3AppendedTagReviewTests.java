package io.github.mediastreaming.mp3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.testsupport.Ffmpeg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ID3v2.4 allows a tag appended after the audio, found from the end of the file by its 10-byte footer
 * ({@code 3DI}, version, flags, syncsafe size), before an ID3v1 tag if the file has one. A CBR file without
 * an Info header is timed by its bytes: an appended tag with cover art counted as audio made a 12 s file
 * last 24.5 s (in {@code /actuator/media}, and paced over 24.5 s).
 */
class Mp3AppendedTagReviewTests {

	private static final int COVER_ART_BYTES = 200_000;

	private final Mp3IndexReader reader = new Mp3IndexReader();

	@TempDir
	Path temp;

	@BeforeEach
	void ffmpeg() {
		Ffmpeg.assumeInstalled();
	}

	@Test
	void anAppendedId3v2TagIsNotAudio() throws Exception {
		Path audio = cbrWithoutInfoHeader();
		double seconds = Ffmpeg.mp3Seconds(audio);
		byte[] file = cat(Files.readAllBytes(audio), appendedId3v2Tag());
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		assertThat(index.durationSeconds()).isCloseTo(seconds, within(0.1));
	}

	@Test
	void anAppendedId3v2TagBeforeAnId3v1TagIsNotAudio() throws Exception {
		Path audio = cbrWithoutInfoHeader();
		double seconds = Ffmpeg.mp3Seconds(audio);
		byte[] file = cat(Files.readAllBytes(audio), appendedId3v2Tag(), id3v1Tag());
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		assertThat(index.durationSeconds()).isCloseTo(seconds, within(0.1));
	}

	private Path cbrWithoutInfoHeader() {
		return Ffmpeg.write(this.temp.resolve("cbr.mp3"), "-f", "lavfi", "-i", "anoisesrc=d=12:a=0.3", "-ac", "2",
				"-ar", "44100", "-c:a", "libmp3lame", "-b:a", "128k", "-id3v2_version", "0", "-write_xing", "0");
	}

	/** An ID3v2.4 tag with a title and 200 kB of cover art, with the footer an appended tag must have. */
	private static byte[] appendedId3v2Tag() {
		ByteArrayOutputStream frames = new ByteArrayOutputStream();
		frames.writeBytes(frame("TIT2", "\u0003hello".getBytes(StandardCharsets.ISO_8859_1)));
		ByteArrayOutputStream picture = new ByteArrayOutputStream();
		picture.writeBytes("\u0000image/jpeg\u0000\u0003\u0000".getBytes(StandardCharsets.ISO_8859_1));
		picture.writeBytes(new byte[COVER_ART_BYTES]);
		frames.writeBytes(frame("APIC", picture.toByteArray()));
		byte[] body = frames.toByteArray();
		ByteArrayOutputStream tag = new ByteArrayOutputStream();
		tag.writeBytes(new byte[] { 'I', 'D', '3', 4, 0, 0x10 }); // version 2.4.0, flags: footer present
		tag.writeBytes(syncsafe(body.length));
		tag.writeBytes(body);
		tag.writeBytes(new byte[] { '3', 'D', 'I', 4, 0, 0x10 }); // the footer repeats the header
		tag.writeBytes(syncsafe(body.length));
		return tag.toByteArray();
	}

	private static byte[] frame(String id, byte[] data) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
		frame.writeBytes(syncsafe(data.length)); // ID3v2.4 frame sizes are syncsafe too
		frame.writeBytes(new byte[] { 0, 0 }); // flags
		frame.writeBytes(data);
		return frame.toByteArray();
	}

	private static byte[] syncsafe(int value) {
		return new byte[] { (byte) (value >>> 21 & 0x7F), (byte) (value >>> 14 & 0x7F), (byte) (value >>> 7 & 0x7F),
				(byte) (value & 0x7F) };
	}

	private static byte[] id3v1Tag() {
		byte[] tag = new byte[128];
		byte[] title = "TAGtitle".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(title, 0, tag, 0, title.length);
		return tag;
	}

	private static byte[] cat(byte[]... parts) throws IOException {
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			joined.write(part);
		}
		return joined.toByteArray();
	}

}
