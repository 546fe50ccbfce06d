package io.github.mediastreaming.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

import static io.github.mediastreaming.testsupport.Bytes.indexOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * FLV and MP3 {@code ?start=} over the real server, on files real encoders and tools write less often:
 * an FLV whose H.264/AAC configuration changes mid-file (two recordings joined), an FLV with a
 * {@code keyframes} index whose audio starts late, an open-GOP H.264 FLV (whose seeks decode with errors, as
 * ffmpeg's own stream copy does: a limitation documented in docs/seeking.md), a VBR MP3 with a damaged frame,
 * two MP3s joined with {@code cat}, and MP3 cuts one frame long or ending in the last frame. Each is
 * checked as a player would: the document's decode by ffmpeg, and what it holds. Pacing is off.
 */
@SpringBootTest(classes = FlvMp3SeekReviewTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "media.streaming.auto-rate=false", "media.streaming.flv.time-parameter=t" })
class FlvMp3SeekReviewTests {

	static final Path ROOT = Fixtures.root("flv-mp3-review", (root) -> {
		if (Ffmpeg.isInstalled()) {
			writeMedia(root);
		}
	});

	@LocalServerPort
	int port;

	WebTestClient client;

	@TempDir
	Path temp;

	@DynamicPropertySource
	static void mediaRoot(DynamicPropertyRegistry registry) {
		registry.add("media.streaming.root", ROOT::toString);
	}

	@BeforeEach
	void createClient() {
		Ffmpeg.assumeInstalled();
		this.client = Fixtures.client(this.port)
			.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

	@Test
	void flvSeekPastAChangeOfSequenceHeadersDecodesWithTheHeadersInForceThere() throws IOException {
		// 10 s at 320x240 then 10 s at 640x360 (another SPS/PPS, another AAC configuration): the whole file
		// decodes, its new sequence headers come before the second part's first key frame.
		assertThat(Ffmpeg.decodeErrors(ROOT.resolve("joined.flv"))).isEmpty();
		Path seeked = get("/media/joined.flv?t=15", "joined-15.flv");
		assertThat(Ffmpeg.decodeErrors(seeked)).as("the first part's sequence headers are resent").isEmpty();
	}

	@Test
	void flvWithKeyFrameMetadataWhoseAudioStartsLateResendsItsAacSequenceHeader() throws IOException {
		// AAC at 48 kHz mono, first audio tag (and its sequence header) 4 s in, after the 64 head tags: the
		// onMetaData key-frame list checks out, so the reader skips the tags that hold the AAC header.
		Path original = ROOT.resolve("late-audio.flv");
		assertThat(audioStream(original)).isEqualTo("sample_rate=48000,channels=1");
		Path seeked = get("/media/late-audio.flv?t=7", "late-audio-7.flv");
		assertThat(audioStream(seeked)).as("without the AAC header ffmpeg guesses 44.1 kHz stereo")
			.isEqualTo("sample_rate=48000,channels=1");
	}

	@Test
	void vbrMp3WithADamagedFrameSeeksIntoTheAudioAfterIt() throws IOException {
		// 40 s of VBR audio without a Xing header, one frame header zeroed at about 20 s: ffmpeg decodes
		// the 40 s (with one error for that frame). The frame walk ended at the damage (a 400 here) until
		// 06293ca; this checks the seek past it over HTTP and its decode.
		Path seeked = get("/media/damaged.mp3?start=30", "damaged-30.mp3");
		assertThat(Ffmpeg.decodeErrors(seeked)).isEmpty();
		assertThat(Ffmpeg.mp3Seconds(seeked)).isCloseTo(10.0, within(0.5));
	}

	@Test
	void mp3sJoinedWithCatSeekIntoTheSecondFile() throws IOException {
		// Two 20 s VBR MP3s one after the other: the first one's Xing header counts only its own frames (its
		// byte count says so too), ffmpeg decodes 40 s and warns of an "invalid concatenated file".
		Path joined = ROOT.resolve("joined.mp3");
		assertThat(Ffmpeg.mp3Seconds(joined)).isCloseTo(40.0, within(0.5));
		Path seeked = get("/media/joined.mp3?start=30", "joined-30.mp3");
		assertThat(Ffmpeg.decodeErrors(seeked)).isEmpty();
		assertThat(Ffmpeg.mp3Seconds(seeked)).isCloseTo(10.0, within(0.5));
	}

	@Test
	void mp3CutOfOneFrameIsServed() {
		// 5.0 and 5.01 s lie in frames 191 and 192 (26.1 ms each): the cut is frame 191, as the seeker
		// itself answers; its canonical form made start and end the same time and refused it.
		this.client.get().uri("/media/cbr.mp3?start=5&end=5.01").exchange().expectStatus().isOk();
	}

	@Test
	void mp3EndInsideTheLastFrameKeepsTheLastFrame() throws IOException {
		// The file lasts 20.036 s; its last frame starts at 20.010 s. An end at 20.03 s must not end before it.
		Path seeked = get("/media/cbr.mp3?start=19&end=20.03", "cbr-end.mp3");
		assertThat(Ffmpeg.decodeErrors(seeked)).isEmpty();
		assertThat(Ffmpeg.mp3Seconds(seeked)).isGreaterThanOrEqualTo(20.03 - 19);
	}

	@Test
	void secondsAsJavaScriptPrintsThemAreServed() {
		// A player's seek bar asks for duration x fraction: String(20 / 3) is "6.666666666666667" and
		// String(37 / 12) "3.0833333333333335", plain decimal numbers with 15 and 16 decimals.
		for (String seconds : new String[] { "6.666666666666667", "3.0833333333333335" }) {
			this.client.get().uri("/media/cbr.mp3?start=" + seconds).exchange().expectStatus().isOk();
			this.client.get().uri("/media/open-gop.flv?t=" + seconds).exchange().expectStatus().isOk();
		}
	}

	private Path get(String uri, String name) throws IOException {
		byte[] body = this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return Files.write(this.temp.resolve(name), body);
	}

	private static String audioStream(Path file) {
		return Ffmpeg.run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
				"stream=sample_rate,channels", "-of", "compact=p=0:nk=0", file.toString())
			.stdout()
			.trim()
			.replace('|', ',');
	}

	private static void writeMedia(Path root) throws IOException {
		Path work = Files.createTempDirectory("flv-mp3-review-sources");
		try {
			writeMedia(root, work);
		}
		finally {
			FileSystemUtils.deleteRecursively(work);
		}
	}

	private static void writeMedia(Path root, Path work) throws IOException {
		// Two recordings joined: another resolution, profile, sample rate and channel count.
		Path first = ffmpeg(work.resolve("first.flv"), "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=10", "-f",
				"lavfi", "-i", "sine=f=440:d=10", "-c:v", "libx264", "-g", "50", "-c:a", "aac", "-ar", "44100");
		Path second = ffmpeg(work.resolve("second.flv"), "-f", "lavfi", "-i", "testsrc=s=640x360:r=25:d=10", "-f",
				"lavfi", "-i", "sine=f=660:d=10", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-profile:v", "high", "-g",
				"50", "-c:a", "aac", "-ar", "48000", "-ac", "1");
		Files.write(root.resolve("joined.flv"), Flv.join(Flv.read(first), Flv.read(second)));
		Path indexed = ffmpeg(work.resolve("indexed.flv"), "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20", "-f",
				"lavfi", "-i", "sine=f=440:d=20", "-c:v", "libx264", "-g", "50", "-c:a", "aac", "-ar", "48000", "-ac",
				"1", "-flvflags", "add_keyframe_index");
		Files.write(root.resolve("late-audio.flv"), Flv.audioFrom(Flv.read(indexed), 4000));
		ffmpeg(root.resolve("open-gop.flv"), "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20", "-f", "lavfi", "-i",
				"sine=d=20", "-c:v", "libx264", "-g", "50", "-x264-params", "open-gop=1:bframes=3:scenecut=0", "-c:a",
				"aac");
		Path noXing = ffmpeg(work.resolve("noxing.mp3"), "-f", "lavfi", "-i", "sine=f=440:d=20", "-f", "lavfi", "-i",
				"anoisesrc=d=20:a=0.5", "-filter_complex", "[0][1]concat=n=2:v=0:a=1", "-ac", "2", "-c:a",
				"libmp3lame", "-q:a", "2", "-write_xing", "0");
		List<Ffmpeg.Packet> packets = Ffmpeg.packets(noXing);
		byte[] damaged = Files.readAllBytes(noXing);
		int middle = (int) packets.get(packets.size() / 2).position();
		Arrays.fill(damaged, middle, middle + 4, (byte) 0);
		Files.write(root.resolve("damaged.mp3"), damaged);
		Path noise = ffmpeg(work.resolve("noise.mp3"), "-f", "lavfi", "-i", "anoisesrc=d=20:a=0.5", "-ac", "2", "-ar",
				"44100", "-c:a", "libmp3lame", "-q:a", "2", "-id3v2_version", "0");
		Path sine = ffmpeg(work.resolve("sine.mp3"), "-f", "lavfi", "-i", "sine=d=20", "-ac", "2", "-ar", "44100",
				"-c:a", "libmp3lame", "-q:a", "2", "-id3v2_version", "0");
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		joined.writeBytes(Files.readAllBytes(noise));
		joined.writeBytes(Files.readAllBytes(sine));
		Files.write(root.resolve("joined.mp3"), joined.toByteArray());
		ffmpeg(root.resolve("cbr.mp3"), "-f", "lavfi", "-i", "anoisesrc=d=20:a=0.5", "-ac", "2", "-ar", "44100", "-c:a",
				"libmp3lame", "-b:a", "128k");
	}

	private static Path ffmpeg(Path file, String... arguments) {
		return Ffmpeg.write(file, arguments);
	}

	/** The tags of an FLV file, rearranged as recorders and editing tools leave them. */
	private record Flv(byte[] header, List<Tag> tags) {

		private static final int AUDIO = 8;

		private static final int VIDEO = 9;

		private static final int SCRIPT = 18;

		static Flv read(Path file) throws IOException {
			byte[] bytes = Files.readAllBytes(file);
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			int position = buffer.getInt(5) + 4; // data offset, PreviousTagSize0
			List<Tag> tags = new ArrayList<>();
			while (position + 11 <= bytes.length) {
				int type = bytes[position] & 0x1F;
				int size = u24(bytes, position + 1);
				long timestamp = u24(bytes, position + 4) | ((bytes[position + 7] & 0xFFL) << 24);
				tags.add(new Tag(type, timestamp, Arrays.copyOfRange(bytes, position + 11, position + 11 + size)));
				position += 11 + size + 4;
			}
			return new Flv(Arrays.copyOf(bytes, 13), tags);
		}

		/** The first file's tags, then the second's media tags 40 ms after the first's last. */
		static byte[] join(Flv first, Flv second) {
			long last = first.tags.stream().mapToLong(Tag::timestampMs).max().orElseThrow();
			List<Tag> tags = new ArrayList<>(first.tags);
			for (Tag tag : second.tags) {
				if (tag.type != SCRIPT) {
					tags.add(new Tag(tag.type, tag.timestampMs + last + 40, tag.data));
				}
			}
			return new Flv(first.header, tags).bytes();
		}

		/**
		 * The file with its audio starting at a time: earlier audio tags dropped, the AAC sequence header
		 * moved to just before the first audio tag left, and the onMetaData key-frame positions moved with
		 * the tags (as yamdi would write them for this file).
		 */
		static byte[] audioFrom(Flv flv, long fromMs) {
			Tag sequenceHeader = flv.tags.stream()
				.filter((tag) -> tag.type == AUDIO && tag.data[1] == 0)
				.findFirst()
				.orElseThrow();
			List<Tag> tags = new ArrayList<>();
			boolean audio = false;
			for (Tag tag : flv.tags) {
				if (tag.type == AUDIO && (tag == sequenceHeader || tag.timestampMs < fromMs)) {
					continue;
				}
				if (tag.type == AUDIO && !audio) {
					tags.add(new Tag(AUDIO, tag.timestampMs, sequenceHeader.data));
					audio = true;
				}
				tags.add(tag);
			}
			List<Long> keyFrames = new ArrayList<>();
			long position = 13;
			for (Tag tag : tags) {
				if (tag.type == VIDEO && (tag.data[0] & 0xF0) == 0x10 && tag.data[1] == 1) {
					keyFrames.add(position);
				}
				position += 11 + tag.data.length + 4;
			}
			Tag metadata = tags.get(0);
			assertThat(metadata.type).isEqualTo(SCRIPT);
			int at = indexOf(metadata.data, "filepositions".getBytes()) + "filepositions".length();
			ByteBuffer array = ByteBuffer.wrap(metadata.data);
			assertThat(array.get(at)).as("strict array").isEqualTo((byte) 10);
			assertThat(array.getInt(at + 1)).as("key frames listed").isEqualTo(keyFrames.size());
			for (int i = 0; i < keyFrames.size(); i++) {
				array.put(at + 5 + 9 * i, (byte) 0).putDouble(at + 5 + 9 * i + 1, keyFrames.get(i));
			}
			return new Flv(flv.header, tags).bytes();
		}

		byte[] bytes() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes(this.header);
			for (Tag tag : this.tags) {
				int size = tag.data.length;
				out.writeBytes(new byte[] { (byte) tag.type, (byte) (size >> 16), (byte) (size >> 8), (byte) size,
						(byte) (tag.timestampMs >> 16), (byte) (tag.timestampMs >> 8), (byte) tag.timestampMs,
						(byte) (tag.timestampMs >> 24), 0, 0, 0 });
				out.writeBytes(tag.data);
				out.writeBytes(ByteBuffer.allocate(4).putInt(11 + size).array());
			}
			return out.toByteArray();
		}

		private static int u24(byte[] bytes, int at) {
			return ((bytes[at] & 0xFF) << 16) | ((bytes[at + 1] & 0xFF) << 8) | (bytes[at + 2] & 0xFF);
		}

		/** One tag: its type, 32-bit timestamp and payload. */
		private record Tag(int type, long timestampMs, byte[] data) {

		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
