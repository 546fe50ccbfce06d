package io.github.mediastreaming.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Review of the MP4 seek and cut path over the real server, on files whose boxes are valid but less common
 * than ffmpeg's defaults: each source here plays in ffprobe, and each test fails on the main branch of
 * 2026-11-30 (8e13f08). Most sources are the 8 s fixture {@code mp4/moovend.mp4} ({@code moov} after the
 * media, 25 fps, a key frame every 2 s, a 440 Hz tone) with a few header bytes changed or remuxed by
 * ffmpeg; the others are made by ffmpeg from the same test pattern and tone. Pacing is off.
 */
@SpringBootTest(classes = Mp4CutReviewTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "media.streaming.auto-rate=false")
class Mp4CutReviewTests {

	static final Path ROOT = createRoot();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@BeforeEach
	void createClient() {
		this.client = Fixtures.client(this.port);
	}

	@Test
	void aMoovWithA64BitSizeIsIndexedAndSeeks() throws IOException {
		Ffmpeg.assumeInstalled();
		// The source is a valid file: ffprobe reads its 8 s.
		assertThat(Ffmpeg.formatDuration(ROOT.resolve("moov64.mp4"))).isCloseTo(8.0, within(0.05));
		Path cut = get("/media/moov64.mp4?start=3");
		assertThat(Ffmpeg.decodeErrors(cut)).isEmpty();
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(5.0, within(0.05));
	}

	@Test
	void anEditListThatEndsBeforeTheMediaEndsStillEndsAPlainRequestServedMoovFirst() throws IOException {
		Ffmpeg.assumeInstalled();
		Path source = ROOT.resolve("trimmed.mp4");
		// The source plays 4 s (100 frames) of its 8 s of media.
		assertThat(Ffmpeg.formatDuration(source)).isCloseTo(4.0, within(0.05));
		assertThat(Ffmpeg.videoFrames(source)).isEqualTo(100);
		Path whole = get("/media/trimmed.mp4");
		assertThat(Ffmpeg.formatDuration(whole)).isCloseTo(4.0, within(0.05));
		assertThat(Ffmpeg.videoFrames(whole)).isEqualTo(100);
	}

	@Test
	void anEditListThatEndsBeforeTheMediaEndsStillEndsACut() throws IOException {
		Ffmpeg.assumeInstalled();
		Path cut = get("/media/trimmed.mp4?start=2");
		// From the key frame at 2 s to the end of the edit at 4 s.
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(2.0, within(0.05));
		assertThat(Ffmpeg.videoFrames(cut)).isEqualTo(50);
	}

	@Test
	void negativeCompositionOffsetsInAVersion0CttsCutToADocumentThatDecodes() throws IOException {
		Ffmpeg.assumeInstalled();
		Path source = ROOT.resolve("negative-v0.mp4");
		// ffmpeg reads version 0 offsets as signed, as it writes them: the source plays 8 s without an error.
		assertThat(Ffmpeg.decodeErrors(source)).isEmpty();
		assertThat(Ffmpeg.formatDuration(source)).isCloseTo(8.0, within(0.05));
		Path cut = get("/media/negative-v0.mp4?start=3");
		assertThat(Ffmpeg.decodeErrors(cut)).isEmpty();
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(5.0, within(0.05));
	}

	@Test
	void aPlainRequestServedMoovFirstDecodesItsFirstAudioFrameAsTheFileDoes() throws IOException {
		Ffmpeg.assumeInstalled();
		short[] file = pcm(Fixtures.media("mp4/moovend.mp4"));
		short[] served = pcm(get("/media/moovend.mp4"));
		// The AAC encoder delay frame (hidden by the source's edit list) is what the decoder needs to
		// produce the first frame shown; without it that frame is noise, up to 4,251 of the tone's 5,988.
		assertThat(largestDifference(file, 0, served, 1024)).isLessThan(64);
	}

	@Test
	void aCutAtAKeyFrameDecodesItsFirstAudioFrameAsTheFileDoes() throws IOException {
		Ffmpeg.assumeInstalled();
		short[] file = pcm(Fixtures.media("mp4/moovend.mp4"));
		// At the key frame at 2 s: the audio starts at the frame playing at 2 s, with none before it to
		// prime the decoder (a cut between key frames keeps the audio from the key frame on, and decodes).
		short[] cut = pcm(get("/media/moovend.mp4?start=2"));
		assertThat(largestDifference(file, 2 * 44_100, cut, 1024)).isLessThan(64);
	}

	/** The largest difference between a stretch of decoded samples and the same length of another's start. */
	private static int largestDifference(short[] reference, int from, short[] other, int length) {
		assertThat(other.length).isGreaterThanOrEqualTo(length);
		int largest = 0;
		for (int i = 0; i < length; i++) {
			largest = Math.max(largest, Math.abs(reference[from + i] - other[i]));
		}
		return largest;
	}

	/** The first audio stream decoded by ffmpeg (edit lists applied), as 16-bit samples. */
	private static short[] pcm(Path media) throws IOException {
		Path raw = Files.createTempFile("mp4-cut-review", ".raw");
		Ffmpeg.run("ffmpeg", "-v", "error", "-y", "-i", media.toString(), "-map", "0:a:0", "-ac", "1", "-f", "s16le",
				raw.toString());
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
		Files.delete(raw);
		short[] samples = new short[bytes.remaining() / 2];
		bytes.asShortBuffer().get(samples);
		return samples;
	}

	@Test
	void anEndAfterTheVideoEndsStillEndsTheAudio() throws IOException {
		Ffmpeg.assumeInstalled();
		Path source = ROOT.resolve("short-video.mp4");
		// 4 s of video, 8 s of audio.
		assertThat(Ffmpeg.formatDuration(source)).isCloseTo(8.0, within(0.05));
		Path cut = get("/media/short-video.mp4?start=5&end=6");
		assertThat(Ffmpeg.decodeErrors(cut)).isEmpty();
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(1.0, within(0.05));
	}

	@Test
	void anEndBeforeALateVideoTrackStartsEndsTheCutThere() throws IOException {
		Ffmpeg.assumeInstalled();
		// The video (B-frames, so its edit list hides 2 frames of encoder delay) starts 1.5 s after the audio.
		Path cut = get("/media/late-video.mp4?start=0.2&end=1");
		assertThat(Ffmpeg.decodeErrors(cut)).isEmpty();
		// It ended 2 frames before the video's start instead (at 1.42 s).
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(0.8, within(0.05));
	}

	@Test
	void aTextTrackBeforeTheAudioDoesNotDecideWhereAnAudioCutStartsAndEnds() throws IOException {
		Ffmpeg.assumeInstalled();
		// Two 4 s cues, then the 8 s of audio: the text track is the first track with samples.
		Path cut = get("/media/text-first.m4a?start=1&end=2");
		assertThat(Ffmpeg.decodeErrors(cut)).isEmpty();
		// It ran from 1 s to the end of the first cue, at 4 s.
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(1.0, within(0.05));
	}

	private Path get(String uri) throws IOException {
		byte[] body = this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return Files.write(Files.createTempFile("mp4-cut-review", ".mp4"), body);
	}

	private static Path createRoot() {
		return Fixtures.root("media-mp4-cut-review", (root) -> {
			byte[] moovEnd = Files.readAllBytes(Fixtures.media("mp4/moovend.mp4"));
			Files.write(root.resolve("moovend.mp4"), moovEnd);
			Files.write(root.resolve("moov64.mp4"), withLargeMoovHeader(moovEnd));
			Files.write(root.resolve("trimmed.mp4"), withEditsEndingAt(moovEnd, 4000));
			if (Ffmpeg.isInstalled()) {
				String moovEndPath = Fixtures.media("mp4/moovend.mp4").toString();
				// B-frames with negative composition offsets (ffmpeg writes them in a version 1 ctts), the
				// box then marked version 0, as some muxers write signed offsets.
				Path negative = root.resolve("negative-v1.mp4");
				Ffmpeg.run("ffmpeg", "-v", "error", "-i", moovEndPath, "-c", "copy",
						"-movflags", "+negative_cts_offsets", negative.toString());
				Files.write(root.resolve("negative-v0.mp4"), withCttsVersion0(Files.readAllBytes(negative)));
				Files.delete(negative);
				// Video for 4 s, audio for 8 s.
				Ffmpeg.run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25:duration=4", "-f",
						"lavfi", "-i", "sine=frequency=440:duration=8", "-c:v", "libx264", "-preset", "veryfast", "-g", "50",
						"-c:a", "aac", "-b:a", "32k", root.resolve("short-video.mp4").toString());
				// The video delayed by 1.5 s: an empty edit before its edit that hides the B-frame delay.
				Ffmpeg.run("ffmpeg", "-v", "error", "-itsoffset", "1.5", "-i", moovEndPath, "-i", moovEndPath, "-map", "0:v",
						"-map", "1:a", "-c", "copy", root.resolve("late-video.mp4").toString());
				// A text track, then the audio.
				Path cues = Files.writeString(root.resolve("cues.srt"),
						"1\n00:00:00,000 --> 00:00:04,000\none\n\n2\n00:00:04,000 --> 00:00:08,000\ntwo\n");
				Ffmpeg.run("ffmpeg", "-v", "error", "-i", cues.toString(), "-f", "lavfi", "-i",
						"sine=frequency=440:duration=8", "-map", "0", "-map", "1", "-c:s", "mov_text", "-c:a", "aac", "-b:a",
						"32k", root.resolve("text-first.m4a").toString());
				Files.delete(cues);
			}
		});
	}

	/**
	 * The same file with its last box, the {@code moov}, written with a 64-bit size (size 1 and a
	 * largesize, as ISO/IEC 14496-12 allows for any box): the media before it does not move.
	 */
	private static byte[] withLargeMoovHeader(byte[] file) {
		ByteBuffer in = ByteBuffer.wrap(file);
		int offset = 0;
		while (offset + in.getInt(offset) < file.length) {
			offset += in.getInt(offset);
		}
		assertThat(type(in, offset)).isEqualTo("moov");
		int size = in.getInt(offset);
		ByteBuffer out = ByteBuffer.allocate(file.length + 8);
		out.put(file, 0, offset);
		out.putInt(1).put(file, offset + 4, 4).putLong(size + 8L);
		out.put(file, offset + 8, size - 8);
		return out.array();
	}

	/**
	 * The same file with every track's media edit, the movie and every track ending at a time in movie
	 * ticks (ffmpeg's timescale of 1000), before the end of the media: an edit list that trims the end,
	 * as a passthrough export of a time range writes.
	 */
	private static byte[] withEditsEndingAt(byte[] file, int ticks) {
		byte[] copy = file.clone();
		ByteBuffer buffer = ByteBuffer.wrap(copy);
		patch(buffer, 0, copy.length, ticks);
		return copy;
	}

	private static void patch(ByteBuffer file, int from, int to, int ticks) {
		int offset = from;
		while (offset + 8 <= to) {
			int size = file.getInt(offset);
			String type = type(file, offset);
			switch (type) {
				case "moov", "trak", "edts" -> patch(file, offset + 8, offset + size, ticks);
				// Version 0: duration after version/flags, two times and the timescale or the track id.
				case "mvhd" -> file.putInt(offset + 8 + 16, ticks);
				case "tkhd" -> file.putInt(offset + 8 + 20, ticks);
				case "elst" -> {
					assertThat(file.get(offset + 8)).as("elst version").isZero();
					int entries = file.getInt(offset + 12);
					for (int i = 0; i < entries; i++) {
						int entry = offset + 16 + 12 * i;
						if (file.getInt(entry + 4) != -1) {
							file.putInt(entry, ticks);
						}
					}
				}
				default -> {
				}
			}
			offset += size;
		}
	}

	/** The same file with every {@code ctts} box marked version 0, its entries unchanged. */
	private static byte[] withCttsVersion0(byte[] file) {
		byte[] copy = file.clone();
		int changed = cttsVersion0(ByteBuffer.wrap(copy), 0, copy.length);
		assertThat(changed).as("ctts boxes of version 1").isPositive();
		return copy;
	}

	private static int cttsVersion0(ByteBuffer file, int from, int to) {
		int changed = 0;
		int offset = from;
		while (offset + 8 <= to) {
			int size = file.getInt(offset);
			switch (type(file, offset)) {
				case "moov", "trak", "mdia", "minf", "stbl" -> changed += cttsVersion0(file, offset + 8, offset + size);
				case "ctts" -> {
					if (file.get(offset + 8) == 1) {
						file.put(offset + 8, (byte) 0);
						changed++;
					}
				}
				default -> {
				}
			}
			offset += size;
		}
		return changed;
	}

	private static String type(ByteBuffer file, int offset) {
		byte[] type = new byte[4];
		file.get(offset + 4, type);
		return new String(type, StandardCharsets.US_ASCII);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
