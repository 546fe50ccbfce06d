package io.github.mediastreaming.flv;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.testsupport.CountingMediaSource;
import io.github.mediastreaming.testsupport.Ffmpeg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.mediastreaming.testsupport.Bytes.indexOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Review of the FLV fixes for late streams and changed sequence headers (main of 2026-11-30, d85840e; every
 * test here passes on 7941ccd, before them). A header that flags a stream the file lacks makes the reader
 * look for it through 1,024 tags, then stop: neither the list nor a walk, so the index, the duration and
 * every seek end at the 1,024th tag. And both fixes made the reader give up the {@code onMetaData}
 * key-frame list of files whose list is right, and walk every tag instead (one read a tag: a quarter of a million for an hour, each a ranged GET's worth
 * of read-ahead from an object store), for two kinds of files that are common among recordings of live
 * streams: a header that flags audio the file does not have (nginx-rtmp's recorder writes flags 5 for
 * every file), and the same AVC and AAC sequence headers repeated before every key frame. Each file here
 * is 2 minutes of ffmpeg video at 25 fps with {@code -flvflags add_keyframe_index}, changed as such
 * files are; the list checks out against the tags in every case.
 */
class FlvDeclaredKeyFramesReviewTests {

	private static final int VIDEO = 9;

	private static final int AUDIO = 8;

	private final FlvIndexReader reader = new FlvIndexReader();

	@TempDir
	Path temp;

	@BeforeEach
	void ffmpeg() {
		Ffmpeg.assumeInstalled();
	}

	@ParameterizedTest
	@CsvSource({ "video with key frames listed, -an, -flvflags, add_keyframe_index", //
			"video, -an, -flvflags, no_metadata", //
			"audio, -vn, -c:a, aac" })
	void aFileWhoseHeaderFlagsAStreamItDoesNotHaveLastsAllItsTags(String name, String drop, String option,
			String value) throws Exception {
		byte[] file = flv(name.replace(' ', '-') + ".flv", drop, option, value);
		MediaIndex asWritten = this.reader.read(new ByteArrayMediaSource(file));
		assertThat(asWritten.durationSeconds()).isCloseTo(120.0, within(0.5));
		byte[] flagged = file.clone();
		flagged[4] = 0x05; // audio and video, as nginx-rtmp's recorder writes every header
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(flagged));
		// The head reads 1,024 tags one by one looking for the missing stream, then neither walks nor
		// takes the list: the index ends at the 1,024th tag (41 s of video, 24 s of AAC), and every
		// seek after it is refused.
		assertThat(index.durationSeconds()).as("duration of the file flagged as having both streams")
			.isCloseTo(120.0, within(0.5));
		assertThat(((FlvIndex) index.seeker()).keyFrameOffsets())
			.isEqualTo(((FlvIndex) asWritten.seeker()).keyFrameOffsets());
	}

	@Test
	void aByteSeekPastTheFirst1024TagsOfAFileFlaggedWithAudioItLacksStartsAtTheKeyFrameAsked() throws Exception {
		byte[] file = flv("video.flv", "-an", "-flvflags", "add_keyframe_index");
		FlvIndex asWritten = (FlvIndex) this.reader.read(new ByteArrayMediaSource(file)).seeker();
		// A player (flv.js, JW Player) seeks by the byte offset onMetaData lists for the key frame at 100 s.
		int at = Arrays.binarySearch(asWritten.keyFrameTimesUs(), 100_000_000L);
		assertThat(at).as("a key frame at 100 s").isNotNegative();
		long offset = asWritten.keyFrameOffsets()[at];
		byte[] flagged = file.clone();
		flagged[4] = 0x05;
		FlvIndex index = (FlvIndex) this.reader.read(new ByteArrayMediaSource(flagged)).seeker();
		MediaBody body = index.seek(new SeekRequest.ByteOffset(offset));
		// The index ends at 41 s, so the seek is served from its last key frame there: 59 s early.
		assertThat(body.parts()).filteredOn(BodyPart.FileRegion.class::isInstance)
			.singleElement()
			.extracting((part) -> ((BodyPart.FileRegion) part).offset())
			.isEqualTo(offset);
	}

	@Test
	void aVideoOnlyFileWhoseHeaderAlsoFlagsAudioIsIndexedFromItsDeclaredKeyFrames() throws Exception {
		byte[] file = flv("video.flv", "-an", "-flvflags", "add_keyframe_index");
		assertThat(file[4]).as("ffmpeg flags video only").isEqualTo((byte) 0x01);
		CountingMediaSource asWritten = new CountingMediaSource(file);
		this.reader.read(asWritten);
		byte[] flaggedAudio = file.clone();
		flaggedAudio[4] = 0x05;
		CountingMediaSource flagged = new CountingMediaSource(flaggedAudio);
		this.reader.read(flagged);
		// 3,000 tags, 60 key frames: the list spares the walk of all but the head and the last 2 s.
		assertThat(asWritten.reads()).isLessThan(500);
		assertThat(flagged.reads()).as("reads of the same file flagged as having audio").isLessThan(500);
	}

	@Test
	void repeatedIdenticalSequenceHeadersBeforeKeyFramesKeepTheDeclaredKeyFramesInUse() throws Exception {
		byte[] file = flv("av.flv", "-c:a", "aac", "-flvflags", "add_keyframe_index");
		CountingMediaSource asWritten = new CountingMediaSource(file);
		FlvIndex expected = (FlvIndex) this.reader.read(asWritten).seeker();
		byte[] repeated = withSequenceHeadersBeforeEveryKeyFrame(file);
		Path repeatedFile = Files.write(this.temp.resolve("repeated.flv"), repeated);
		assertThat(Ffmpeg.decodeErrors(repeatedFile)).isEmpty();
		CountingMediaSource source = new CountingMediaSource(repeated);
		FlvIndex index = (FlvIndex) this.reader.read(source).seeker();
		assertThat(index.keyFrameOffsets()).hasSameSizeAs(expected.keyFrameOffsets());
		assertThat(index.changeOffsets()).as("repeats of the same headers change nothing").isEmpty();
		// 8,200 tags, 60 key frames: the same few hundred reads as without the repeats.
		assertThat(asWritten.reads()).isLessThan(600);
		assertThat(source.reads()).as("reads of the file with its headers repeated").isLessThan(600);
	}

	/** Two minutes of 25 fps video, a key frame every 2 s, and a 440 Hz tone, with more options. */
	private byte[] flv(String name, String... options) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25:duration=120",
				"-f", "lavfi", "-i", "sine=frequency=440:duration=120", "-c:v", "libx264", "-preset", "ultrafast", "-g",
				"50", "-keyint_min", "50", "-sc_threshold", "0", "-bf", "0"));
		arguments.addAll(List.of(options));
		return Files.readAllBytes(Ffmpeg.write(this.temp.resolve(name), arguments.toArray(String[]::new)));
	}

	/**
	 * The file with its AVC and AAC sequence headers (copied unchanged) before every key frame but the
	 * first, as a live stream's muxer repeats them, and the key frames' positions in onMetaData moved with
	 * the tags.
	 */
	private static byte[] withSequenceHeadersBeforeEveryKeyFrame(byte[] file) {
		List<byte[]> tags = new ArrayList<>();
		int position = 13;
		while (position + 11 <= file.length) {
			int size = u24(file, position + 1);
			tags.add(Arrays.copyOfRange(file, position, position + 11 + size + 4));
			position += 11 + size + 4;
		}
		byte[] videoHeader = tags.stream().filter((tag) -> isVideo(tag) && tag[12] == 0).findFirst().orElseThrow();
		byte[] audioHeader = tags.stream()
			.filter((tag) -> (tag[0] & 0x1F) == AUDIO && tag[12] == 0)
			.findFirst()
			.orElseThrow();
		List<byte[]> out = new ArrayList<>();
		List<Long> keyFrames = new ArrayList<>();
		long offset = 13;
		boolean first = true;
		for (byte[] tag : tags) {
			boolean keyFrame = isVideo(tag) && (tag[11] & 0xF0) == 0x10 && tag[12] == 1;
			if (keyFrame && !first) {
				for (byte[] header : List.of(videoHeader, audioHeader)) {
					byte[] copy = header.clone();
					System.arraycopy(tag, 4, copy, 4, 4); // the key frame's timestamp
					out.add(copy);
					offset += copy.length;
				}
			}
			if (keyFrame) {
				keyFrames.add(offset);
				first = false;
			}
			out.add(tag);
			offset += tag.length;
		}
		byte[] metadata = out.get(0);
		int at = indexOf(metadata, "filepositions".getBytes()) + "filepositions".length();
		ByteBuffer array = ByteBuffer.wrap(metadata);
		assertThat(array.get(at)).as("strict array").isEqualTo((byte) 10);
		assertThat(array.getInt(at + 1)).as("key frames listed").isEqualTo(keyFrames.size());
		for (int i = 0; i < keyFrames.size(); i++) {
			array.put(at + 5 + 9 * i, (byte) 0).putDouble(at + 5 + 9 * i + 1, keyFrames.get(i));
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.write(file, 0, 13);
		out.forEach(bytes::writeBytes);
		return bytes.toByteArray();
	}

	private static boolean isVideo(byte[] tag) {
		return (tag[0] & 0x1F) == VIDEO && tag.length > 11 + 2 + 4;
	}

	private static int u24(byte[] bytes, int at) {
		return ((bytes[at] & 0xFF) << 16) | ((bytes[at + 1] & 0xFF) << 8) | (bytes[at + 2] & 0xFF);
	}

}
