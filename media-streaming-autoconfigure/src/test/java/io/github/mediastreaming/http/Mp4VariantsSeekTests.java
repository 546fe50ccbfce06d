package io.github.mediastreaming.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * Seeks over the real server on MP4 and QuickTime files as ffmpeg writes them with codecs and tracks the
 * other fixtures lack: HEVC, MPEG-4 Part 2 and Motion JPEG video; Opus, MP3, AC-3, ALAC and PCM audio; a
 * timecode track and a chapter track. Every source is 8 s at 25 fps, a key frame every 2 s, with a 50 ms
 * beep at each whole second, so where the audio of a cut starts can be read from its samples; one file
 * holds each track in a single chunk. Made once per class; pacing is off.
 */
@SpringBootTest(classes = Mp4VariantsSeekTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "media.streaming.auto-rate=false")
class Mp4VariantsSeekTests {

	private static final int RATE = 48_000;

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
		// The PCM and ALAC documents are larger than the client's default buffer of 256 KiB.
		this.client = Fixtures.client(this.port)
			.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
	}

	@ParameterizedTest
	@ValueSource(strings = { "hevc-opus.mp4", "mpeg4-mp3.mp4", "h264-ac3.mp4", "h264-alac.mov", "mjpeg-pcm.mov",
			"h264-aac.3gp" })
	void aCutBetweenKeyFramesDecodesAndKeepsItsAudioInStep(String name) throws IOException {
		Ffmpeg.assumeInstalled();
		Path source = ROOT.resolve(name);
		Path cut = get("/media/" + name + "?start=3.3");
		assertThat(Ffmpeg.decodeErrors(cut)).isEmpty();
		assertThat(codecs(cut)).isEqualTo(codecs(source));
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(4.7, within(0.05));
		// The beeps at 4, 5, 6 and 7 s of the source play 3.3 s earlier, within a millisecond.
		List<Double> beeps = beeps(cut);
		assertThat(beeps).hasSize(4);
		for (int i = 0; i < beeps.size(); i++) {
			assertThat(beeps.get(i)).isCloseTo(0.7 + i, within(0.001));
		}
	}

	@Test
	void anF4vCutKeepsItsSourcesTimelineFromTheCutOn() throws IOException {
		Ffmpeg.assumeInstalled();
		// ffmpeg's f4v muxer starts each track with an empty edit instead of skipping the video's B-frame delay
		// and the audio's priming: the source lasts 8.08 s, its audio starts at 0.058 s and its beeps play at
		// 4.079 s, 5.079 s and so on. The cut keeps that timeline from 3.3 s on, as the other cuts keep theirs.
		Path source = ROOT.resolve("h264-aac.f4v");
		Path cut = get("/media/h264-aac.f4v?start=3.3");
		assertThat(Ffmpeg.decodeErrors(cut)).isEmpty();
		assertThat(codecs(cut)).isEqualTo(codecs(source));
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(Ffmpeg.formatDuration(source) - 3.3, within(0.05));
		// Decoded alone, an audio track starts at its first sample: its beeps are placed on the movie's timeline
		// by where the track starts.
		double sourceStart = audioStart(source);
		assertThat(sourceStart).isCloseTo(0.058, within(0.001));
		List<Double> sourceBeeps = beeps(source).stream().map((beep) -> beep + sourceStart).filter((beep) -> beep > 3.3)
			.toList();
		double cutStart = audioStart(cut);
		List<Double> beeps = beeps(cut).stream().map((beep) -> beep + cutStart).toList();
		assertThat(beeps).hasSize(4).hasSameSizeAs(sourceBeeps);
		for (int i = 0; i < beeps.size(); i++) {
			assertThat(beeps.get(i)).isCloseTo(sourceBeeps.get(i) - 3.3, within(0.001));
		}
	}

	@Test
	void aTimecodeTrackDoesNotBringTheMediaBeforeTheCut() throws IOException {
		Ffmpeg.assumeInstalled();
		// ffmpeg writes the timecode track's one sample (4 bytes, the whole 8 s) at the start of the media.
		Path cut = get("/media/timecode.mov?start=6");
		assertThat(Ffmpeg.decodeErrors(cut)).isEmpty();
		assertThat(codecs(cut)).isEqualTo(codecs(ROOT.resolve("timecode.mov")));
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(2.0, within(0.05));
		// The mdat holds the kept samples (the last 2 s), not the 6 s of media before them.
		assertThat(mdatPayload(cut) - packetBytes(cut)).isLessThan(packetBytes(cut) / 10);
	}

	@Test
	void aChapterTrackDoesNotBringTheMediaAfterTheCut() throws IOException {
		Ffmpeg.assumeInstalled();
		// ffmpeg writes the chapter track's samples at the end of the media.
		Path cut = get("/media/chapters.mp4?start=2&end=4");
		assertThat(Ffmpeg.decodeErrors(cut)).isEmpty();
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(2.0, within(0.05));
		assertThat(mdatPayload(cut) - packetBytes(cut)).isLessThan(packetBytes(cut) / 10);
	}

	@Test
	void aFileWithOneChunkATrackCutsToTheKeptBytesOfEachAndKeepsItsAudioInStep() throws IOException {
		Ffmpeg.assumeInstalled();
		// The audio in one chunk, then the video in one: each track's kept bytes are a region of their own.
		Path cut = get("/media/one-chunk-a-track.mp4?start=5.5");
		assertThat(Ffmpeg.decodeErrors(cut)).isEmpty();
		assertThat(Ffmpeg.formatDuration(cut)).isCloseTo(2.5, within(0.05));
		assertThat(beeps(cut)).satisfiesExactly((beep) -> assertThat(beep).isCloseTo(0.5, within(0.001)),
				(beep) -> assertThat(beep).isCloseTo(1.5, within(0.001)));
		assertThat(mdatPayload(cut) - packetBytes(cut)).isLessThan(packetBytes(cut) / 10);
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
		return Files.write(Files.createTempFile("mp4-variants", ".mp4"), body);
	}

	/** The codec and kind of every stream, as ffprobe lists them. */
	private static String codecs(Path media) {
		return Ffmpeg.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_tag_string", "-of",
				"csv=p=0", media.toString())
			.stdout()
			.trim();
	}

	/** The bytes of every packet ffprobe reads, of every stream. */
	private static long packetBytes(Path media) {
		long bytes = 0;
		for (String line : Ffmpeg.run("ffprobe", "-v", "error", "-show_entries", "packet=size", "-of", "csv=p=0",
				media.toString())
			.stdout()
			.split("\n")) {
			String size = line.split(",")[0].trim();
			if (!size.isEmpty()) {
				bytes += Long.parseLong(size);
			}
		}
		return bytes;
	}

	/** The payload length of the document's {@code mdat}. */
	private static long mdatPayload(Path media) throws IOException {
		ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(media));
		int offset = 0;
		while (offset + 8 <= file.limit()) {
			long size = Integer.toUnsignedLong(file.getInt(offset));
			int header = 8;
			if (size == 1) {
				size = file.getLong(offset + 8);
				header = 16;
			}
			byte[] type = new byte[4];
			file.get(offset + 4, type);
			if (new String(type, StandardCharsets.US_ASCII).equals("mdat")) {
				return size - header;
			}
			offset += (int) size;
		}
		throw new AssertionError("No mdat in " + media);
	}

	/** When each beep of the first audio stream starts, in seconds from the first sample decoded. */
	/** Where a file's first audio track starts on its movie's timeline, in seconds. */
	private static double audioStart(Path media) {
		return Double.parseDouble(Ffmpeg.run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
				"stream=start_time", "-of", "csv=p=0", media.toString()).stdout().trim());
	}

	private static List<Double> beeps(Path media) throws IOException {
		Path raw = Files.createTempFile("mp4-variants", ".raw");
		Ffmpeg.run("ffmpeg", "-v", "error", "-y", "-i", media.toString(), "-map", "0:a:0", "-ac", "1", "-ar",
				String.valueOf(RATE), "-f", "s16le", raw.toString());
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
		Files.delete(raw);
		List<Double> beeps = new ArrayList<>();
		int quiet = RATE;
		for (int i = 0; bytes.remaining() >= 2; i++) {
			if (Math.abs(bytes.getShort()) > 3000) {
				if (quiet > RATE / 10) {
					beeps.add((double) i / RATE);
				}
				quiet = 0;
			}
			else {
				quiet++;
			}
		}
		return beeps;
	}

	private static Path createRoot() {
		return Fixtures.root("media-mp4-variants", (root) -> {
			if (!Ffmpeg.isInstalled()) {
				return;
			}
			String[] video = { "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25:duration=8" };
			String[] beeps = { "-f", "lavfi", "-i",
					"aevalsrc=if(lt(mod(t\\,1)\\,0.05)\\,sin(2*PI*1000*t)\\,0):s=48000:d=8" };
			String[] x264 = { "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-keyint_min", "50", "-sc_threshold",
					"0", "-b:v", "60k" };
			write(root.resolve("hevc-opus.mp4"), video, beeps, "-c:v", "libx265", "-tag:v", "hvc1", "-x265-params",
					"log-level=error:keyint=50:min-keyint=50:scenecut=0", "-c:a", "libopus", "-b:a", "48k");
			write(root.resolve("mpeg4-mp3.mp4"), video, beeps, "-c:v", "mpeg4", "-g", "50", "-bf", "2", "-c:a",
					"libmp3lame", "-b:a", "64k");
			write(root.resolve("h264-ac3.mp4"), video, beeps, x264, "-c:a", "ac3");
			write(root.resolve("h264-alac.mov"), video, beeps, x264, "-c:a", "alac");
			write(root.resolve("mjpeg-pcm.mov"), video, beeps, "-c:v", "mjpeg", "-q:v", "10", "-c:a", "pcm_s16le");
			// ffmpeg's 3gp muxer, chosen by the extension: the same boxes under a 3GPP brand.
			write(root.resolve("h264-aac.3gp"), video, beeps, x264, "-c:a", "aac", "-ac", "1");
			write(root.resolve("h264-aac.f4v"), video, beeps, x264, "-c:a", "aac", "-f", "f4v");
			write(root.resolve("timecode.mov"), video, beeps, x264, "-c:a", "aac", "-timecode", "01:00:00:00",
					"-write_tmcd", "1");
			// Chunks of up to 100 s: one a track.
			write(root.resolve("one-chunk-a-track.mp4"), video, beeps, x264, "-c:a", "aac", "-chunk_duration",
					"100000000", "-chunk_size", "100000000");
			Path metadata = Files.createTempFile("mp4-variants-chapters", ".txt");
			Files.writeString(metadata, ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=4000\ntitle=One\n"
					+ "[CHAPTER]\nTIMEBASE=1/1000\nSTART=4000\nEND=8000\ntitle=Two\n");
			write(root.resolve("chapters.mp4"), video, beeps, "-f", "ffmetadata", "-i", metadata.toString(), "-map", "0",
					"-map", "1", "-map_chapters", "2", x264, "-c:a", "aac");
			Files.delete(metadata);
		});
	}

	private static void write(Path file, String[] video, String[] audio, Object... options) {
		List<String> arguments = new ArrayList<>(List.of(video));
		arguments.addAll(List.of(audio));
		for (Object option : options) {
			if (option instanceof String[] many) {
				arguments.addAll(List.of(many));
			}
			else {
				arguments.add((String) option);
			}
		}
		Ffmpeg.write(file, arguments.toArray(String[]::new));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
