package io.github.mediastreaming.flv;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.MediaBodies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two live recordings joined into one FLV, then given an {@code onMetaData} key-frame list of the whole
 * file (as yamdi or flvmeta write it after the join). Each recording is ffmpeg's H.264 and AAC without
 * B-frames, which writes the first audio frame before the first key frame (as an RTMP recorder does, whose
 * audio flows while it waits for a key frame), so the second part's new AVC and AAC sequence headers are
 * followed by an audio frame, not by its first key frame. The fix of 8121354 finds a change of headers inside a declared list only where a
 * sequence header is the tag just before a listed key frame, so here it trusts the list, never sees the
 * second part's headers, and a seek into the second part resends the first part's 96x64 stereo
 * configuration before 128x96 mono frames. Fails on main of 2026-11-30 (d85840e).
 */
class FlvJoinedRecordingsReviewTests {

	private static final int VIDEO = 9;

	private static final int AUDIO = 8;

	private static final int SCRIPT = 18;

	private final FlvIndexReader reader = new FlvIndexReader();

	@TempDir
	Path temp;

	@BeforeEach
	void ffmpeg() {
		Ffmpeg.assumeInstalled();
	}

	@Test
	void aSeekIntoTheSecondOfTwoJoinedRecordingsWithAKeyFrameListResendsTheSecondsSequenceHeaders() throws Exception {
		List<byte[]> first = tags(recording("first.flv", "96x64", "44100", "2"));
		List<byte[]> second = tags(recording("second.flv", "128x96", "48000", "1"));
		// ffmpeg writes the first audio frame (timestamp 0) between the headers and the first key frame.
		int firstAudio = indexOf(second, (tag) -> type(tag) == AUDIO && tag[12] == 1);
		int firstKeyFrame = indexOf(second, FlvJoinedRecordingsReviewTests::isKeyFrame);
		assertThat(firstAudio).isLessThan(firstKeyFrame);
		List<byte[]> media = new ArrayList<>(first.subList(1, first.size()));
		long last = timestamp(first.get(first.size() - 1));
		for (byte[] tag : second.subList(1, second.size())) {
			media.add(withTimestamp(tag, timestamp(tag) + last + 40));
		}
		byte[] joined = withKeyFrameList(media, (last + 40 + timestamp(second.get(second.size() - 1))) / 1000.0);
		Path joinedFile = Files.write(this.temp.resolve("joined.flv"), joined);
		FlvIndex index = (FlvIndex) this.reader.read(new ByteArrayMediaSource(joined)).seeker();
		// A key frame 4 s into the second recording.
		long secondStart = this.keyFrameAfter(index, (last + 40) * 1000);
		long seekPoint = this.keyFrameAfter(index, (last + 40 + 4000) * 1000);
		assertThat(seekPoint).isGreaterThan(secondStart);
		byte[] secondVideoHeader = second.stream().filter((tag) -> type(tag) == VIDEO && tag[12] == 0).findFirst().orElseThrow();
		assertThat(containsPayload(index.resentTagsAt(seekPoint), secondVideoHeader))
			.as("the second recording's AVC sequence header is resent before its key frames")
			.isTrue();
		Path cut = MediaBodies.write(index.seek(new SeekRequest.ByteOffset(seekPoint)), joinedFile,
				this.temp.resolve("cut.flv"));
		String streams = Ffmpeg.run("ffprobe", "-v", "error", "-show_entries", "stream=width,height,channels,sample_rate",
				"-of", "csv=p=0", cut.toString()).stdout();
		assertThat(streams).contains("128,96").contains("48000,1");
	}

	private long keyFrameAfter(FlvIndex index, long timeUs) {
		for (int i = 0; i < index.keyFrameTimesUs().length; i++) {
			if (index.keyFrameTimesUs()[i] >= timeUs) {
				return index.keyFrameOffsets()[i];
			}
		}
		throw new AssertionError("No key frame after " + timeUs + " us in " + Arrays.toString(index.keyFrameTimesUs()));
	}

	private Path recording(String name, String size, String rate, String channels) {
		Path file = this.temp.resolve(name);
		return Ffmpeg.write(file, "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25:duration=10", "-f", "lavfi",
				"-i", "sine=frequency=440:duration=10", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50",
				"-keyint_min", "50", "-sc_threshold", "0", "-bf", "0", "-c:a", "aac", "-ar", rate, "-ac", channels, "-b:a",
				"32k");
	}

	/** The tags of a file, each with its header and PreviousTagSize. */
	private static List<byte[]> tags(Path file) throws Exception {
		byte[] bytes = Files.readAllBytes(file);
		List<byte[]> tags = new ArrayList<>();
		int position = 13;
		while (position + 11 <= bytes.length) {
			int size = ((bytes[position + 1] & 0xFF) << 16) | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
			tags.add(Arrays.copyOfRange(bytes, position, position + 11 + size + 4));
			position += 11 + size + 4;
		}
		assertThat(type(tags.get(0))).isEqualTo(SCRIPT);
		return tags;
	}

	/** The FLV header, an onMetaData with the media's key frames, then the media tags. */
	private static byte[] withKeyFrameList(List<byte[]> media, double durationSeconds) {
		int keyFrames = (int) media.stream().filter(FlvJoinedRecordingsReviewTests::isKeyFrame).count();
		// "onMetaData", the array's header, duration, the keyframes object's name and marker, its two
		// arrays, the two end markers.
		int metadataSize = 13 + 5 + 19 + 12 + (20 + 9 * keyFrames) + (12 + 9 * keyFrames) + 6;
		ByteBuffer metadata = ByteBuffer.allocate(metadataSize);
		long position = 13 + 11 + metadataSize + 4;
		metadata.put((byte) 2).putShort((short) 10).put(ascii("onMetaData"));
		metadata.put((byte) 8).putInt(2);
		metadata.putShort((short) 8).put(ascii("duration")).put((byte) 0).putDouble(durationSeconds);
		metadata.putShort((short) 9).put(ascii("keyframes")).put((byte) 3);
		metadata.putShort((short) 13).put(ascii("filepositions")).put((byte) 10).putInt(keyFrames);
		List<Long> times = new ArrayList<>();
		for (byte[] tag : media) {
			if (isKeyFrame(tag)) {
				metadata.put((byte) 0).putDouble(position);
				times.add(timestamp(tag));
			}
			position += tag.length;
		}
		metadata.putShort((short) 5).put(ascii("times")).put((byte) 10).putInt(keyFrames);
		for (long time : times) {
			metadata.put((byte) 0).putDouble(time / 1000.0);
		}
		metadata.put(new byte[] { 0, 0, 9 }).put(new byte[] { 0, 0, 9 });
		assertThat(metadata.remaining()).isZero();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(FlvTags.header(0x05));
		out.writeBytes(new byte[] { SCRIPT, 0, (byte) (metadataSize >> 8), (byte) metadataSize, 0, 0, 0, 0, 0, 0, 0 });
		out.writeBytes(metadata.array());
		out.writeBytes(ByteBuffer.allocate(4).putInt(11 + metadataSize).array());
		media.forEach(out::writeBytes);
		return out.toByteArray();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static boolean containsPayload(byte[] tags, byte[] tag) {
		byte[] payload = Arrays.copyOfRange(tag, 11, tag.length - 4);
		outer: for (int i = 0; i + payload.length <= tags.length; i++) {
			for (int j = 0; j < payload.length; j++) {
				if (tags[i + j] != payload[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static int indexOf(List<byte[]> tags, java.util.function.Predicate<byte[]> test) {
		for (int i = 0; i < tags.size(); i++) {
			if (test.test(tags.get(i))) {
				return i;
			}
		}
		throw new AssertionError("No such tag");
	}

	private static boolean isKeyFrame(byte[] tag) {
		return type(tag) == VIDEO && (tag[11] & 0xF0) == 0x10 && tag[12] == 1;
	}

	private static int type(byte[] tag) {
		return tag[0] & 0x1F;
	}

	private static long timestamp(byte[] tag) {
		return ((tag[4] & 0xFFL) << 16) | ((tag[5] & 0xFFL) << 8) | (tag[6] & 0xFFL) | ((tag[7] & 0xFFL) << 24);
	}

	private static byte[] withTimestamp(byte[] tag, long ms) {
		byte[] copy = tag.clone();
		copy[4] = (byte) (ms >> 16);
		copy[5] = (byte) (ms >> 8);
		copy[6] = (byte) ms;
		copy[7] = (byte) (ms >> 24);
		return copy;
	}

}
