package io.github.mediastreaming.flv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.testsupport.CountingMediaSource;
import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.Fixtures;
import io.github.mediastreaming.testsupport.MediaBodies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.mediastreaming.testsupport.Bytes.concat;
import static io.github.mediastreaming.testsupport.Bytes.indexOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * FLV indexing and seeking on files made by ffmpeg ({@code media/flv/generate.sh}): 8 s at 25 fps with a
 * key frame every second, so the key frame at k seconds leaves {@code 200 - 25k} frames.
 */
class FlvFixturesTests {

	private final FlvIndexReader reader = new FlvIndexReader();

	@TempDir
	Path temp;

	@Test
	void seekAnswersTheFilesOwnFlagsZeroPreviousTagSizeMetadataAndSequenceHeadersThenTheKeyFrame() throws Exception {
		FlvIndex index = index("h264aac.flv");
		long keyFrame = index.keyFrameOffsets()[3];
		byte[] out = MediaBodies.toBytes(index.seek(new SeekRequest.ByteOffset(keyFrame + 100)), fixture("h264aac.flv"));
		assertThat(Arrays.copyOf(out, 13)).containsExactly('F', 'L', 'V', 1, 0x05, 0, 0, 0, 9, 0, 0, 0, 0);
		ByteCursor tags = new ByteCursor(out, 13, out.length);
		assertThat(nextTag(tags)).isEqualTo("18:onMetaData");
		assertThat(nextTag(tags)).isEqualTo("9:0x17 0x00"); // AVC key frame, sequence header
		assertThat(nextTag(tags)).isEqualTo("8:0xaf 0x00"); // AAC, sequence header
		byte[] source = Files.readAllBytes(fixture("h264aac.flv"));
		int rest = tags.position();
		assertThat(Arrays.copyOfRange(out, rest, out.length))
			.isEqualTo(Arrays.copyOfRange(source, (int) keyFrame, source.length));
		assertThat(nextTag(tags)).isEqualTo("9:0x17 0x01"); // the key frame itself, AVC NAL units
	}

	@Test
	void contentLengthCountsThePrependedHeader() throws Exception {
		FlvIndex index = index("h264aac.flv");
		long keyFrame = index.keyFrameOffsets()[2];
		MediaBody body = index.seek(new SeekRequest.ByteOffset(keyFrame));
		assertThat(body.length()).isEqualTo(13 + index.resentTags().length + (index.sizeBytes() - keyFrame));
		assertThat(MediaBodies.toBytes(body, fixture("h264aac.flv"))).hasSize((int) body.length());
	}

	@Test
	void metadataKeyFramePositionsAreVerifiedSeekPoints() throws Exception {
		FlvIndex index = index("h264aac.flv");
		byte[] tag = index.resentTags();
		Amf0Reader amf = new Amf0Reader(new ByteCursor(tag, 11, tag.length));
		assertThat(amf.read()).isEqualTo("onMetaData");
		Map<?, ?> metadata = (Map<?, ?>) amf.read();
		List<?> positions = (List<?>) ((Map<?, ?>) metadata.get("keyframes")).get("filepositions");
		assertThat(positions).isNotEmpty();
		for (Object position : positions) {
			long offset = ((Double) position).longValue();
			assertThat(index.snap(offset)).as("snap(%d)", offset).isEqualTo(offset);
		}
	}

	@Test
	void declaredKeyFramesThatCheckOutSpareTheTagWalkAndGiveTheSameIndex() throws Exception {
		byte[] file = Files.readAllBytes(fixture("h264aac.flv"));
		CountingMediaSource declared = new CountingMediaSource(file);
		FlvIndex fast = (FlvIndex) this.reader.read(declared).seeker();
		// Point the first declared key frame one byte off: the check fails and every tag is walked.
		byte[] stale = file.clone();
		long firstDeclared = fast.keyFrameOffsets()[0];
		int at = indexOf(stale, amfNumber(firstDeclared));
		assertThat(at).as("the metadata declares the key frame at %d", firstDeclared).isPositive();
		System.arraycopy(amfNumber(firstDeclared + 1), 0, stale, at, 9);
		CountingMediaSource walked = new CountingMediaSource(stale);
		FlvIndex scanned = (FlvIndex) this.reader.read(walked).seeker();
		assertThat(fast.keyFrameOffsets()).isEqualTo(scanned.keyFrameOffsets());
		assertThat(fast.keyFrameTimesUs()).isEqualTo(scanned.keyFrameTimesUs());
		assertThat(fast.durationUs()).isEqualTo(scanned.durationUs());
		// An 8 s fixture: the head and the last second are walked either way; a long file saves far more.
		assertThat(declared.reads()).isLessThan(walked.reads() / 2);
	}

	@Test
	void mediaAppendedAfterTheMetadataWasWrittenIsFoundByWalkingTheTags() throws Exception {
		byte[] file = Files.readAllBytes(fixture("h264aac.flv"));
		int firstTag = 13;
		byte[] appended = Arrays.copyOf(file, file.length + (file.length - firstTag));
		System.arraycopy(file, firstTag, appended, file.length, file.length - firstTag);
		FlvIndex original = (FlvIndex) this.reader.read(new ByteArrayMediaSource(file)).seeker();
		FlvIndex index = (FlvIndex) this.reader.read(new ByteArrayMediaSource(appended)).seeker();
		assertThat(index.keyFrameOffsets()).hasSize(2 * original.keyFrameOffsets().length)
			.endsWith(original.keyFrameOffsets()[original.keyFrameOffsets().length - 1] + file.length - firstTag);
	}

	@Test
	void aListedKeyFrameHeaderInsideAnotherTagsPayloadIsNotTrusted() throws Exception {
		byte[] file = Files.readAllBytes(fixture("h264aac.flv"));
		FlvIndex original = (FlvIndex) this.reader.read(new ByteArrayMediaSource(file)).seeker();
		long listed = original.keyFrameOffsets()[2];
		// Plant a key-frame tag header inside the first inter frame after it, and list that instead.
		int tag = (int) listed;
		do {
			tag += 11 + (int) new ByteCursor(file, tag + 1, tag + 4).u24() + 4;
		}
		while (!((file[tag] & 0x1F) == 9 && (file[tag + 11] & 0xF0) == 0x20));
		int fake = tag + 11 + 8;
		byte[] forged = file.clone();
		System.arraycopy(new byte[] { 9, 0, 0, 2, 0, 0x07, (byte) 0xD0, 0, 0, 0, 0, 0x17, 1 }, 0, forged, fake, 13);
		int at = indexOf(forged, amfNumber(listed));
		System.arraycopy(amfNumber(fake), 0, forged, at, 9);
		FlvIndex index = (FlvIndex) this.reader.read(new ByteArrayMediaSource(forged)).seeker();
		assertThat(index.keyFrameOffsets()).doesNotContain((long) fake).isEqualTo(original.keyFrameOffsets());
	}

	@Test
	void aFileCutShortAfterItsMetadataWasWrittenIsWalked() throws Exception {
		byte[] file = Files.readAllBytes(fixture("h264aac.flv"));
		byte[] truncated = Arrays.copyOf(file, file.length * 2 / 3);
		FlvIndex index = (FlvIndex) this.reader.read(new ByteArrayMediaSource(truncated)).seeker();
		assertThat(index.keyFrameOffsets()[index.keyFrameOffsets().length - 1]).isLessThan(truncated.length);
		assertThat(index.durationUs()).isLessThan(6_000_000);
	}

	@ParameterizedTest
	@CsvSource({ "h264aac.flv, 1", "h264aac.flv, 4", "h264aac.flv, 7", "sorenson.flv, 2", "sorenson.flv, 6" })
	void seekedResponsesDecodeCleanlyWithTheFramesFromTheKeyFrame(String name, int second) throws Exception {
		Ffmpeg.assumeInstalled();
		FlvIndex index = index(name);
		long inside = index.keyFrameOffsets()[second] + 50;
		Path out = MediaBodies.write(index.seek(new SeekRequest.ByteOffset(inside)), fixture(name),
				this.temp.resolve("seek.flv"));
		assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
		assertThat(Ffmpeg.videoFrames(out)).isEqualTo(200 - 25L * second);
	}

	@Test
	void audioOnlyFilesSeekToAnAudioTagAndDecode() throws Exception {
		Ffmpeg.assumeInstalled();
		FlvIndex index = index("audio.flv");
		assertThat(index.flags()).isEqualTo(0x04);
		Path out = MediaBodies.write(index.seek(new SeekRequest.ByteOffset(index.sizeBytes() / 2)), fixture("audio.flv"),
				this.temp.resolve("audio.flv"));
		assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
		// The resent onMetaData still says 8 s (players keep the whole file's key-frame table), so count
		// what decodes instead: about half of the 8 s.
		assertThat(Ffmpeg.mp3Seconds(out)).isBetween(3.0, 5.0);
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 1, 13, 100 })
	void offsetsBeforeTheFirstKeyFrameServeTheWholeFile(long offset) throws Exception {
		FlvIndex index = index("h264aac.flv");
		assertThat(index.seek(new SeekRequest.ByteOffset(offset))).isEqualTo(MediaBody.wholeFile(index.sizeBytes()));
	}

	@Test
	void everyOffsetOrTimeBetweenTwoKeyFramesHasTheKeyFrameAsItsCanonicalFormAndItsDocument() throws Exception {
		FlvIndex index = index("h264aac.flv");
		long keyFrame = index.keyFrameOffsets()[3];
		SeekRequest canonical = new SeekRequest.ByteOffset(keyFrame);
		for (SeekRequest request : new SeekRequest[] { new SeekRequest.ByteOffset(keyFrame),
				new SeekRequest.ByteOffset(keyFrame + 1), new SeekRequest.ByteOffset(index.keyFrameOffsets()[4] - 1),
				new SeekRequest.TimeRange(index.keyFrameTimesUs()[3] / 1e6 + 0.2, null, false) }) {
			assertThat(index.canonical(request)).as("%s", request).isEqualTo(canonical);
			assertThat(index.seek(request)).as("%s", request).isEqualTo(index.seek(canonical));
		}
		assertThat(index.canonical(new SeekRequest.ByteOffset(1))).isEqualTo(new SeekRequest.ByteOffset(0));
		assertThat(index.seek(new SeekRequest.ByteOffset(0))).isEqualTo(MediaBody.wholeFile(index.sizeBytes()));
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> index.canonical(new SeekRequest.ByteOffset(index.sizeBytes())));
	}

	@Test
	void aRangeInsideTheResentTagsIsAViewOfTheIndexNotACopy() throws Exception {
		FlvIndex index = index("h264aac.flv");
		MediaBody body = index.seek(new SeekRequest.ByteOffset(index.keyFrameOffsets()[3]));
		MediaBody range = body.slice(20, 100);
		assertThat(range.parts()).singleElement().isInstanceOf(BodyPart.Generated.class);
		byte[] whole = MediaBodies.toBytes(body, fixture("h264aac.flv"));
		assertThat(MediaBodies.toBytes(range, fixture("h264aac.flv"))).isEqualTo(Arrays.copyOfRange(whole, 20, 120));
	}

	@Test
	void offsetsOutsideTheFileAreRejected() throws Exception {
		FlvIndex index = index("h264aac.flv");
		for (long offset : new long[] { -1, index.sizeBytes(), Long.MAX_VALUE }) {
			assertThatExceptionOfType(InvalidSeekException.class)
				.isThrownBy(() -> index.seek(new SeekRequest.ByteOffset(offset)))
				.withMessageContaining("byte offset");
		}
	}

	@Test
	void timeSeeksSnapToTheKeyFrameAtOrBeforeTheTime() throws Exception {
		FlvIndex index = index("h264aac.flv");
		MediaBody body = index.seek(new SeekRequest.TimeRange(3.5, null, false));
		assertThat(body.parts().get(2)).isEqualTo(new io.github.mediastreaming.body.BodyPart.FileRegion(
				index.keyFrameOffsets()[3], index.sizeBytes() - index.keyFrameOffsets()[3]));
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> index.seek(new SeekRequest.TimeRange(9, null, false)));
		assertThatExceptionOfType(InvalidSeekException.class)
			.isThrownBy(() -> index.seek(new SeekRequest.TimeRange(1, 2.0, false)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "h264aac.flv", "sorenson.flv", "audio.flv" })
	void bitrateAndDurationAreWithinFivePercentOfFfprobe(String name) throws Exception {
		Ffmpeg.assumeInstalled();
		MediaIndex index = mediaIndex(name);
		assertThat((double) index.bitrate()).isCloseTo(Ffmpeg.formatBitrate(fixture(name)), withinPercentage(5));
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.formatDuration(fixture(name)), withinPercentage(5));
	}

	@Test
	void aFileCutMidTagIsIndexedUpToItsLastCompleteTag() throws Exception {
		byte[] bytes = Files.readAllBytes(fixture("h264aac.flv"));
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(Arrays.copyOf(bytes, 60_000)));
		assertThat(((FlvIndex) index.seeker()).keyFrameOffsets()).hasSize(4);
	}

	@Test
	void garbageAndHostileHeadersAreFormatErrors() {
		byte[] garbage = new byte[20_000];
		new Random(5).nextBytes(garbage);
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(garbage)));
		byte[] hugeOffset = { 'F', 'L', 'V', 1, 5, 0x7F, 0, 0, 0 }; // data offset 2 GB in a 9-byte file
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(hugeOffset)));
		byte[] badTag = { 'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0, 77, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12 };
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(badTag)))
			.withMessageContaining("unknown type");
	}

	@Test
	void synthesisedFileIndexesItsKeyFramesNotItsSequenceHeader() throws Exception {
		byte[] flv = concat(FlvTags.header(0x01), // video only
				tag(9, 0, 0x17, 0x00), // AVC sequence header: a key frame by its flags, not a seek point
				tag(9, 0, 0x17, 0x01), // key frame at 0 ms
				tag(9, 40, 0x27, 0x01), // inter frame
				tag(9, 1000, 0x17, 0x01)); // key frame at 1 s
		FlvIndex index = (FlvIndex) this.reader.read(new ByteArrayMediaSource(flv)).seeker();
		assertThat(index.keyFrameOffsets()).containsExactly(13 + 17, 13 + 3 * 17);
		assertThat(index.keyFrameTimesUs()).containsExactly(0, 1_000_000);
		assertThat(index.resentTags()).isEqualTo(tag(9, 0, 0x17, 0x00));
		assertThat(index.flags()).isEqualTo(0x01);
	}

	@Test
	void aSeekPastAChangeOfSequenceHeadersResendsTheOnesInForceThere() throws Exception {
		byte[] first = tag(9, 0, 0x17, 0x00, 1); // AVC sequence header, configuration 1
		byte[] second = tag(9, 2000, 0x17, 0x00, 2); // configuration 2 (another recording joined)
		byte[] flv = concat(FlvTags.header(0x01), // video only
				first, // at 13
				tag(9, 0, 0x17, 0x01), // key frame at 0 s, at 31
				tag(9, 1000, 0x17, 0x01), // key frame at 1 s, at 48
				second, // at 65
				tag(9, 2000, 0x17, 0x01), // key frame at 2 s, at 83
				tag(9, 3000, 0x17, 0x00, 2), // configuration 2 repeated, as live muxers do: no change, at 100
				tag(9, 3000, 0x17, 0x01)); // key frame at 3 s, at 118
		FlvIndex index = (FlvIndex) this.reader.read(new ByteArrayMediaSource(flv)).seeker();
		assertThat(index.keyFrameOffsets()).containsExactly(31, 48, 83, 118);
		assertThat(index.changeOffsets()).containsExactly(65);
		assertThat(index.resentTagsAt(48)).isEqualTo(first);
		assertThat(index.resentTagsAt(83)).isEqualTo(second);
		assertThat(index.resentTagsAt(118)).isEqualTo(second);
	}

	@Test
	void aChangeOfSequenceHeadersBeforeADeclaredKeyFrameIsFoundByWalkingTheTags() throws Exception {
		// 10 s at 25 fps, a key frame every second, listed in onMetaData (as yamdi lists them); another
		// recording's sequence header before the key frame at 6 s, past the tags read one by one.
		List<byte[]> media = new ArrayList<>();
		List<Integer> keyFrames = new ArrayList<>();
		byte[] second = tag(9, 6000, 0x17, 0x00, 2);
		int position = 0;
		for (int frame = 0; frame < 250; frame++) {
			if (frame == 150) {
				media.add(second);
				position += second.length;
			}
			boolean key = frame % 25 == 0;
			if (key) {
				keyFrames.add(position);
			}
			byte[] tag = tag(9, frame * 40, key ? 0x17 : 0x27, 0x01);
			media.add(tag);
			position += tag.length;
		}
		byte[] first = tag(9, 0, 0x17, 0x00, 1);
		DeclaredFlv declared = DeclaredFlv.of(0x01, first, media, keyFrames);
		byte[] flv = declared.bytes();
		int mediaStart = declared.mediaStart();
		FlvIndex index = (FlvIndex) this.reader.read(new ByteArrayMediaSource(flv)).seeker();
		long change = mediaStart + keyFrames.get(6) - second.length;
		assertThat(index.changeOffsets()).containsExactly(change);
		assertThat(index.resentTagsAt(mediaStart + keyFrames.get(7))).endsWith(second);
	}

	@Test
	void aChangeOfSequenceHeadersAfterARepeatPastTheLastDeclaredKeyFrameIsFoundByWalkingTheTags() throws Exception {
		// 10 s at 25 fps, a key frame every second, listed in onMetaData; after the last one, a repeat of
		// the header in force, then another recording's.
		List<byte[]> media = new ArrayList<>();
		List<Integer> keyFrames = new ArrayList<>();
		byte[] first = tag(9, 0, 0x17, 0x00, 1);
		byte[] second = tag(9, 9600, 0x17, 0x00, 2);
		int position = 0;
		int change = -1;
		for (int frame = 0; frame < 250; frame++) {
			if (frame == 230 || frame == 240) {
				byte[] header = (frame == 230) ? first : second;
				change = position;
				media.add(header);
				position += header.length;
			}
			boolean key = frame % 25 == 0;
			if (key) {
				keyFrames.add(position);
			}
			byte[] tag = tag(9, frame * 40, key ? 0x17 : 0x27, 0x01);
			media.add(tag);
			position += tag.length;
		}
		DeclaredFlv declared = DeclaredFlv.of(0x01, first, media, keyFrames);
		byte[] flv = declared.bytes();
		int mediaStart = declared.mediaStart();
		FlvIndex index = (FlvIndex) this.reader.read(new ByteArrayMediaSource(flv)).seeker();
		assertThat(index.changeOffsets()).containsExactly((long) mediaStart + change);
	}

	@Test
	void declaredKeyFramesOfAFileWhoseAudioStartsLateStillResendItsAacSequenceHeader() throws Exception {
		// 40 s at 25 fps, a key frame every second, listed in onMetaData; AAC from 4 s on, its sequence
		// header just before its first frame, past the tags the head reads otherwise.
		List<byte[]> media = new ArrayList<>();
		List<Integer> keyFrames = new ArrayList<>();
		byte[] aacHeader = tag(8, 4000, 0xAF, 0x00, 0x11, 0x88);
		int position = 0;
		for (int frame = 0; frame < 1000; frame++) {
			boolean key = frame % 25 == 0;
			if (key) {
				keyFrames.add(position);
			}
			byte[] video = tag(9, frame * 40, key ? 0x17 : 0x27, 0x01);
			media.add(video);
			position += video.length;
			byte[] audio = (frame < 100) ? new byte[0] : tag(8, frame * 40, 0xAF, 0x01);
			if (frame == 100) {
				audio = concat(aacHeader, audio);
			}
			media.add(audio);
			position += audio.length;
		}
		byte[] avcHeader = tag(9, 0, 0x17, 0x00, 1);
		DeclaredFlv declared = DeclaredFlv.of(0x05, avcHeader, media, keyFrames);
		byte[] flv = declared.bytes();
		int mediaStart = declared.mediaStart();
		CountingMediaSource source = new CountingMediaSource(flv);
		FlvIndex index = (FlvIndex) this.reader.read(source).seeker();
		assertThat(index.resentTagsAt(mediaStart + keyFrames.get(7))).endsWith(concat(avcHeader, aacHeader));
		assertThat(index.keyFrameOffsets()).hasSize(40);
		// 1,902 tags: the head up to the first audio tag, the 37 listed key frames after it, the last second.
		assertThat(source.reads()).isLessThan(400);
	}

	/**
	 * A file whose onMetaData lists its key frames, as yamdi writes it: header, onMetaData, a head tag
	 * (a sequence header), then the media tags.
	 *
	 * @param bytes the file
	 * @param mediaStart where the media tags start, after the head tag
	 */
	private record DeclaredFlv(byte[] bytes, int mediaStart) {

		/**
		 * @param flags the header's stream flags
		 * @param head the tag before the media
		 * @param media the media tags
		 * @param keyFrames the key frames' positions within the media tags
		 */
		static DeclaredFlv of(int flags, byte[] head, List<byte[]> media, List<Integer> keyFrames) {
			byte[] metadata = metadata(keyFrames.size());
			int mediaStart = 13 + metadata.length + head.length;
			ByteBuffer positions = ByteBuffer.wrap(metadata, indexOf(metadata, "filepositions".getBytes()) + 13 + 5,
					9 * keyFrames.size());
			for (int keyFrame : keyFrames) {
				positions.put((byte) 0).putDouble(mediaStart + keyFrame);
			}
			return new DeclaredFlv(concat(FlvTags.header(flags), metadata, head, concat(media.toArray(byte[][]::new))),
					mediaStart);
		}

	}

	/** An onMetaData tag whose keyframes object lists a number of file positions, all 0 for now. */
	private static byte[] metadata(int keyFrames) {
		ByteBuffer data = ByteBuffer.allocate(64 + 9 * keyFrames)
			.put((byte) 2).putShort((short) 10).put("onMetaData".getBytes()) // AMF0 string
			.put((byte) 8).putInt(1) // ECMA array of 1 property
			.putShort((short) 9).put("keyframes".getBytes()).put((byte) 3) // object
			.putShort((short) 13).put("filepositions".getBytes()).put((byte) 10).putInt(keyFrames); // strict array
		data.position(data.position() + 9 * keyFrames);
		data.putShort((short) 0).put((byte) 9) // object end
			.putShort((short) 0).put((byte) 9); // array end
		int size = data.position();
		ByteBuffer tag = ByteBuffer.allocate(11 + size + 4)
			.put(new byte[] { 18, (byte) (size >> 16), (byte) (size >> 8), (byte) size, 0, 0, 0, 0, 0, 0, 0 });
		tag.put(data.array(), 0, size);
		return tag.putInt(11 + size).array();
	}

	/** A tag of 2 or more data bytes: 11-byte header, the data, PreviousTagSize. */
	private static byte[] tag(int type, int timestampMs, int first, int second, int... more) {
		int[] data = new int[2 + more.length];
		data[0] = first;
		data[1] = second;
		System.arraycopy(more, 0, data, 2, more.length);
		return FlvTags.tag(type, timestampMs, data);
	}

	/** Describe the tag at the cursor ("type:first second" or "18:name") and move past it. */
	private static String nextTag(ByteCursor tags) throws MediaFormatException {
		int start = tags.position();
		int type = tags.u8();
		int size = tags.u24();
		tags.skip(7);
		String description;
		if (type == 18) {
			description = "18:" + new Amf0Reader(new ByteCursor(tags.data(), tags.position(), tags.position() + size)).read();
		}
		else {
			description = type + ":" + String.format("0x%02x 0x%02x", tags.data()[tags.position()], tags.data()[tags.position() + 1]);
		}
		tags.seek(start + 11 + size);
		assertThat(tags.u32()).as("PreviousTagSize").isEqualTo(11 + size);
		return description;
	}

	private FlvIndex index(String name) throws IOException, MediaFormatException {
		return (FlvIndex) mediaIndex(name).seeker();
	}

	private MediaIndex mediaIndex(String name) throws IOException, MediaFormatException {
		try (FileMediaSource source = FileMediaSource.open(fixture(name))) {
			return this.reader.read(source);
		}
	}

	/** An AMF0 number: the marker, then the big-endian double. */
	private static byte[] amfNumber(long value) {
		return ByteBuffer.allocate(9).put((byte) 0).putDouble(value).array();
	}

	static Path fixture(String name) {
		return Fixtures.media("flv/" + name);
	}

}
