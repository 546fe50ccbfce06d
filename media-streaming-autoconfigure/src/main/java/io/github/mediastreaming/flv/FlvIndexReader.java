package io.github.mediastreaming.flv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.mediastreaming.bytes.ByteCursor;
import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

/**
 * Indexes an FLV file from its tag headers: one positioned read of 13 bytes a tag (the 11-byte header
 * and the first two payload bytes), payloads skipped, except {@code onMetaData} and the AVC/AAC sequence
 * headers, which are kept whole to be sent again before a seek. When {@code onMetaData} lists the key
 * frames and the list checks out, only the head (up to the first tag of each stream the header declares,
 * so a late stream's sequence header is kept), those tags and the tags after the last one are read;
 * otherwise every tag is.
 * A truncated last tag ends the walk (a file still being recorded); a tag of unknown type after valid
 * ones ends it too.
 */
public final class FlvIndexReader implements MediaIndexReader {

	static final int TAG_HEADER_BYTES = 11;

	static final int AUDIO = 8;

	static final int VIDEO = 9;

	static final int SCRIPT = 18;

	private static final int TAG_PROBE_BYTES = TAG_HEADER_BYTES + 2;

	private static final int PREVIOUS_TAG_SIZE_BYTES = 4;

	private static final int KEY_FRAME = 1;

	private static final int CODEC_AVC = 7;

	private static final int CODEC_HEVC = 12;

	private static final int SOUND_AAC = 10;

	/** Enhanced RTMP audio (Opus, FLAC, AC-3, E-AC-3): a packet type in the low nibble, then a FourCC. */
	private static final int SOUND_EX_HEADER = 9;

	private static final int EX_HEADER = 0x80;

	private static final int EX_FRAME_TYPE_MASK = 0x07;

	private static final int EX_PACKET_TYPE_MASK = 0x0F;

	private static final int EX_SEQUENCE_START = 0;

	private static final int EX_CODED_FRAMES = 1;

	private static final int EX_CODED_FRAMES_X = 3;

	private static final int SEQUENCE_HEADER = 0;

	private static final int MAX_KEPT_TAG_BYTES = 1024 * 1024;

	private static final long AUDIO_SEEK_SPACING_US = 500_000;

	/** Timeline points kept at most: a key frame every 2 s for over two hours before thinning. */
	private static final int MAX_TIMELINE_POINTS = 4096;

	/** Tags read one by one before the metadata's key frames are considered: the metadata and sequence headers come first. */
	private static final int HEAD_TAGS = 64;

	/**
	 * Tags read one by one at most to find the first tag of each stream the header's flags declare before
	 * the metadata's key frames are considered (40 s of 25 fps video): a stream not found by then makes
	 * the reader walk every tag. A stream that {@code onMetaData} says the file lacks is not looked for:
	 * nginx-rtmp's recorder flags audio and video on every file.
	 */
	private static final int LATE_STREAM_TAGS = 1024;

	/** Tags looked at, at most, before a listed key frame for a change of sequence headers. */
	private static final int LOOK_BACK_TAGS = 8;

	/** Bytes read at once before a listed key frame: in most files, the tags back to the previous video frame. */
	private static final int LOOK_BACK_BYTES = 1024;

	private static final int FLAG_AUDIO = 0x04;

	private static final int FLAG_VIDEO = 0x01;

	@Override
	public MediaIndex read(MediaSource source, IndexBudget budget) throws MediaFormatException, IOException {
		long size = source.size();
		byte[] headerBytes = source.read(0, FlvIndex.HEADER_BYTES);
		if (headerBytes.length < FlvIndex.HEADER_BYTES) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED, "FLV file shorter than its header");
		}
		ByteCursor header = new ByteCursor(headerBytes);
		if (!header.ascii(3).equals("FLV") || header.u8() != 1) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "Not an FLV version 1 file");
		}
		int flags = header.u8();
		long dataOffset = header.u32();
		if (dataOffset < FlvIndex.HEADER_BYTES || dataOffset + PREVIOUS_TAG_SIZE_BYTES > size) {
			throw new MediaFormatException(ProbeFailure.MALFORMED, "FLV data offset " + dataOffset + " is impossible");
		}
		Scan scan = new Scan(budget);
		long position = dataOffset + PREVIOUS_TAG_SIZE_BYTES;
		// The head: onMetaData and the sequence headers come before the first frames.
		position = walk(source, position, size, scan, HEAD_TAGS);
		if (scan.tags == 0) {
			throw new MediaFormatException(ProbeFailure.TRUNCATED, "FLV file without a complete tag");
		}
		// A stream that starts late (audio after a few seconds of video) has its sequence header there.
		while (hasTagAt(position, size) && scan.tags < LATE_STREAM_TAGS && scan.missing(flags)) {
			position = scanTag(source, position, size, scan);
		}
		if (hasTagAt(position, size) && (scan.missing(flags) || !useDeclaredKeyFrames(source, size, scan, position))) {
			// A declared stream not found yet (its header may come later) or no trustworthy keyframes
			// object: walk the rest of the tags.
			walk(source, position, size, scan, Integer.MAX_VALUE);
		}
		return scan.index(size, flags);
	}

	/**
	 * Take the key frames {@code onMetaData} declares, if the list checks out against the real tags: the
	 * key frames of the head are exactly the listed ones there; every listed position past the head is a
	 * video key-frame tag whose PreviousTagSize leads back to a valid tag header (so it is a real tag
	 * start, not bytes inside a payload); and a walk of the tags after the last listed one (about one
	 * key-frame interval) finds no other key frame, so the list was not written before media was
	 * appended. That walk also gives the duration. A 1-hour file costs a few thousand small reads
	 * instead of a quarter of a million; a list that fails any check makes the caller walk every tag.
	 * @param headEnd where the head scan stopped
	 */
	private static boolean useDeclaredKeyFrames(MediaSource source, long size, Scan scan, long headEnd)
			throws IOException, MediaFormatException {
		long[] declared = scan.declaredKeyFrames;
		if (declared == null || declared.length == 0 || (scan.avcFrames && scan.videoSequenceHeader == null)
				|| (scan.aacFrames && scan.audioSequenceHeader == null)) {
			return false;
		}
		int inHead = 0;
		while (inHead < declared.length && declared[inHead] < headEnd) {
			inHead++;
		}
		long[] headKeyFrames = scan.videoOffsets.toArray();
		if (!Arrays.equals(Arrays.copyOf(declared, inHead), headKeyFrames)) {
			return false;
		}
		scan.budget.reserve(declared.length, 2 * Long.BYTES, "declared key frames");
		long[] times = new long[declared.length];
		System.arraycopy(scan.videoTimes.toArray(), 0, times, 0, inHead);
		for (int i = inHead; i < declared.length; i++) {
			long timeUs = verifiedKeyFrameTimeUs(source, size, declared[i], (i > 0) ? declared[i - 1] : headEnd - 1,
					scan);
			if (timeUs < 0) {
				return false;
			}
			times[i] = timeUs;
		}
		Scan tail = new Scan(IndexBudget.of(scan.budget.maximumBytes()));
		walk(source, declared[declared.length - 1], size, tail, Integer.MAX_VALUE);
		if (tail.videoOffsets.size() != 1 || (tail.aacFrames && scan.audioSequenceHeader == null)
				|| (tail.avcFrames && scan.videoSequenceHeader == null) || changes(scan.currentVideoHeader, tail.videoSequenceHeader)
				|| changes(scan.currentAudioHeader, tail.audioSequenceHeader) || !tail.changeOffsets.isEmpty()) {
			return false;
		}
		scan.videoOffsets.replaceWith(declared);
		scan.videoTimes.replaceWith(times);
		scan.lastTimeUs = Math.max(scan.lastTimeUs, tail.lastTimeUs);
		return true;
	}

	/** Whether a sequence header found after the head differs from the one in force there. */
	private static boolean changes(byte @Nullable [] current, byte @Nullable [] found) {
		return found != null && (current == null || !Scan.samePayload(found, current));
	}

	/**
	 * Return the timestamp of the video key-frame tag at an offset, or -1 when there is none: the tag must
	 * lie after the previous key frame and within the file, and the PreviousTagSize before it must lead
	 * back to a valid tag header. The tags before it, back to the previous video frame (at most
	 * {@link #LOOK_BACK_TAGS}), must hold no sequence header other than the one in force after the head: a
	 * change of configuration, found only by walking the tags, is announced just before a key frame,
	 * sometimes with an audio frame between (live muxers repeat the same one there, which changes
	 * nothing). One read of the {@link #LOOK_BACK_BYTES} before the key frame holds those tags in most
	 * files.
	 */
	private static long verifiedKeyFrameTimeUs(MediaSource source, long size, long offset, long after, Scan scan)
			throws IOException {
		if (offset <= after || offset < FlvIndex.HEADER_BYTES + PREVIOUS_TAG_SIZE_BYTES
				|| offset + TAG_PROBE_BYTES > size) {
			return -1;
		}
		long windowStart = Math.max(0, offset - LOOK_BACK_BYTES);
		byte[] window = source.read(windowStart, (int) (offset + TAG_PROBE_BYTES - windowStart));
		if (window.length < offset + TAG_PROBE_BYTES - windowStart) {
			return -1;
		}
		ByteCursor tag = new ByteCursor(window, (int) (offset - PREVIOUS_TAG_SIZE_BYTES - windowStart), window.length);
		long previousSize = tag.u32();
		TagHeader header = TagHeader.read(tag);
		if (header.type() != VIDEO || !isKeyFrame(tag.u8(), tag.u8()) || header.next(offset) > size) {
			return -1;
		}
		long end = offset;
		for (int looked = 0; looked < LOOK_BACK_TAGS; looked++) {
			long start = end - PREVIOUS_TAG_SIZE_BYTES - previousSize;
			if (previousSize < TAG_HEADER_BYTES || start < FlvIndex.HEADER_BYTES + PREVIOUS_TAG_SIZE_BYTES) {
				return -1;
			}
			// The tag's own PreviousTagSize and header, from the window when they are in it.
			ByteCursor bytes = (start - PREVIOUS_TAG_SIZE_BYTES >= windowStart)
					? new ByteCursor(window, (int) (start - PREVIOUS_TAG_SIZE_BYTES - windowStart), window.length)
					: new ByteCursor(source.read(start - PREVIOUS_TAG_SIZE_BYTES, PREVIOUS_TAG_SIZE_BYTES + TAG_PROBE_BYTES));
			if (bytes.remaining() < PREVIOUS_TAG_SIZE_BYTES + TAG_HEADER_BYTES) {
				return -1;
			}
			long sizeBefore = bytes.u32();
			TagHeader previous = TagHeader.read(bytes);
			if (!previous.knownType() || previous.dataSize() + TAG_HEADER_BYTES != previousSize) {
				return -1;
			}
			int first = (previous.dataSize() >= 1 && bytes.remaining() >= 1) ? bytes.u8() : -1;
			int second = (previous.dataSize() >= 2 && bytes.remaining() >= 1) ? bytes.u8() : -1;
			if (changesHeader(source, start, end, previous, first, second, scan, window, windowStart)) {
				return -1;
			}
			if (start <= after || (previous.type() == VIDEO && first >= 0 && !isVideoSequenceHeader(first, second))) {
				break; // the previous key frame or video frame: headers before it are not this key frame's
			}
			end = start;
			previousSize = sizeBefore;
		}
		return header.timestampMs() * 1000;
	}

	/**
	 * Whether a tag is a sequence header other than the one in force after the head: a change of
	 * configuration, or a stream's first header (one not kept whole is taken as a change).
	 * @param end where the tag ends (the next tag's start)
	 * @param window bytes of the file already read, from {@code windowStart}
	 */
	private static boolean changesHeader(MediaSource source, long position, long end, TagHeader tag, int first,
			int second, Scan scan, byte[] window, long windowStart) throws IOException {
		byte @Nullable [] current;
		if (tag.type() == VIDEO && isVideoSequenceHeader(first, second)) {
			current = scan.currentVideoHeader;
		}
		else if (tag.type() == AUDIO && isAudioSequenceHeader(first, second)) {
			current = scan.currentAudioHeader;
		}
		else {
			return false;
		}
		if (current == null || current.length != TAG_HEADER_BYTES + tag.dataSize() + PREVIOUS_TAG_SIZE_BYTES) {
			return true; // a header of another length differs without being read
		}
		// A whole tag in the bytes already read needs no read of its own.
		byte @Nullable [] found = (position >= windowStart)
				? Arrays.copyOfRange(window, (int) (position - windowStart), (int) (end - windowStart))
				: wholeTag(source, position, tag.dataSize());
		return found == null || changes(current, found);
	}

	/**
	 * Whether a video tag's first two payload bytes mark a key frame: for AVC/HEVC, of coded pictures; with
	 * an Enhanced RTMP header, of coded frames (with or without composition time).
	 */
	private static boolean isKeyFrame(int first, int second) {
		if (isExHeader(first)) {
			return ((first >> 4) & EX_FRAME_TYPE_MASK) == KEY_FRAME && isExCodedFrames(first);
		}
		return (first >> 4) == KEY_FRAME && (!isAvcLike(first) || second == 1);
	}

	/**
	 * Whether an audio tag's first two payload bytes mark a sequence header: AAC's, or an Enhanced RTMP
	 * audio sequence start (Opus's {@code OpusHead}, FLAC's STREAMINFO), which a decoder needs as much.
	 */
	private static boolean isAudioSequenceHeader(int first, int second) {
		return ((first >> 4) == SOUND_EX_HEADER) ? (first & EX_PACKET_TYPE_MASK) == EX_SEQUENCE_START
				: (first >> 4) == SOUND_AAC && second == SEQUENCE_HEADER;
	}

	/** Whether a video tag's first two payload bytes mark a sequence header (Enhanced RTMP: sequence start). */
	private static boolean isVideoSequenceHeader(int first, int second) {
		return isExHeader(first) ? (first & EX_PACKET_TYPE_MASK) == EX_SEQUENCE_START
				: isAvcLike(first) && second == SEQUENCE_HEADER;
	}

	/**
	 * Whether a video tag's first byte has Enhanced RTMP's {@code IsExHeader} bit (HEVC, AV1, VP9 as OBS and
	 * ffmpeg 6.1 write them): then the frame type is in bits 4 to 6, a packet type in bits 0 to 3, and a
	 * FourCC names the codec.
	 */
	private static boolean isExHeader(int first) {
		return (first & EX_HEADER) != 0;
	}

	/** Whether an Enhanced RTMP video tag carries coded frames: not a sequence start or end, metadata or more tracks. */
	private static boolean isExCodedFrames(int first) {
		int packetType = first & EX_PACKET_TYPE_MASK;
		return packetType == EX_CODED_FRAMES || packetType == EX_CODED_FRAMES_X;
	}

	/** Whether a video tag's first payload byte names AVC or HEVC, whose packets carry a packet type. */
	private static boolean isAvcLike(int first) {
		int codec = first & 0x0F;
		return codec == CODEC_AVC || codec == CODEC_HEVC;
	}

	/**
	 * Walk tags from a position until the scan has seen a number of them, the file ends, or a tag ends
	 * the walk.
	 * @return where the walk stopped: the next tag's position, or -1 when a tag ended it
	 */
	private static long walk(MediaSource source, long position, long size, Scan scan, int untilTags)
			throws IOException, MediaFormatException {
		while (hasTagAt(position, size) && scan.tags < untilTags) {
			position = scanTag(source, position, size, scan);
		}
		return position;
	}

	private static boolean hasTagAt(long position, long size) {
		return position >= 0 && position + TAG_HEADER_BYTES <= size;
	}

	/** Read one tag's header, note what it is, and return where the next tag starts (-1 to stop). */
	private static long scanTag(MediaSource source, long position, long size, Scan scan)
			throws IOException, MediaFormatException {
		byte[] probe = source.read(position, TAG_PROBE_BYTES);
		if (probe.length < TAG_HEADER_BYTES) {
			// The file ended before the size it was opened with: stop as at a truncated last tag.
			return -1;
		}
		ByteCursor tag = new ByteCursor(probe);
		TagHeader header = TagHeader.read(tag);
		int type = header.type();
		long dataSize = header.dataSize();
		long next = header.next(position);
		if (!header.knownType()) {
			if (scan.tags == 0) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "First FLV tag has unknown type " + type);
			}
			return -1;
		}
		if (next > size) {
			return -1;
		}
		scan.tags++;
		long timeUs = header.timestampMs() * 1000;
		int first = (tag.remaining() >= 1 && dataSize >= 1) ? tag.u8() : -1;
		int second = (tag.remaining() >= 1 && dataSize >= 2) ? tag.u8() : -1;
		scan.sawAudio |= type == AUDIO;
		scan.sawVideo |= type == VIDEO;
		if (type == VIDEO && first >= 0) {
			if (isVideoSequenceHeader(first, second)) {
				scan.videoSequenceHeader(source, position, dataSize);
			}
			else if (!isExHeader(first) || isExCodedFrames(first)) {
				// Frames only: muxers give the sequence headers timestamp 0 whatever the frames' times.
				scan.firstTimeUs = Math.min(scan.firstTimeUs, timeUs);
				if (isKeyFrame(first, second)) {
					scan.videoPoint(position, timeUs);
				}
				scan.avcFrames |= isAvcLike(first) || isExHeader(first);
			}
		}
		else if (type == AUDIO && first >= 0) {
			boolean exAudio = (first >> 4) == SOUND_EX_HEADER;
			if (isAudioSequenceHeader(first, second)) {
				scan.audioSequenceHeader(source, position, dataSize);
			}
			else if (!exAudio || (first & EX_PACKET_TYPE_MASK) == EX_CODED_FRAMES) {
				scan.firstTimeUs = Math.min(scan.firstTimeUs, timeUs);
				scan.audioPoint(position, timeUs);
				scan.aacFrames |= (first >> 4) == SOUND_AAC || exAudio;
			}
		}
		else if (type == SCRIPT && scan.metadataTag == null) {
			byte[] whole = wholeTag(source, position, dataSize);
			if (whole != null) {
				scan.metadata(whole);
			}
		}
		scan.lastTimeUs = Math.max(scan.lastTimeUs, timeUs);
		return next;
	}

	private static byte @Nullable [] wholeTag(MediaSource source, long position, long dataSize) throws IOException {
		long length = TAG_HEADER_BYTES + dataSize + PREVIOUS_TAG_SIZE_BYTES;
		return (length <= MAX_KEPT_TAG_BYTES) ? source.readFully(position, (int) length).data() : null;
	}

	/**
	 * The 11-byte header of a tag.
	 *
	 * @param type the tag type (8 audio, 9 video, 18 script data), filter and reserved bits removed
	 * @param dataSize the payload length
	 * @param timestampMs the timestamp, extended to 32 bits
	 */
	private record TagHeader(int type, long dataSize, long timestampMs) {

		/** Read a header, leaving the cursor at the payload. */
		static TagHeader read(ByteCursor cursor) {
			int type = cursor.u8() & 0x1F;
			long dataSize = cursor.u24();
			long timestampMs = cursor.u24() | ((long) cursor.u8() << 24);
			cursor.skip(3); // stream id
			return new TagHeader(type, dataSize, timestampMs);
		}

		boolean knownType() {
			return this.type == AUDIO || this.type == VIDEO || this.type == SCRIPT;
		}

		/** Where the next tag starts, after this one's payload and PreviousTagSize. */
		long next(long position) {
			return position + TAG_HEADER_BYTES + this.dataSize + PREVIOUS_TAG_SIZE_BYTES;
		}

	}

	/** What the walk has found so far. */
	private static final class Scan {

		int tags;

		long lastTimeUs;

		/** The earliest frame's timestamp: media time 0 (a stream recorded live may start hours in). */
		long firstTimeUs = Long.MAX_VALUE;

		byte @Nullable [] metadataTag;

		byte @Nullable [] videoSequenceHeader;

		byte @Nullable [] audioSequenceHeader;

		/** The sequence headers in force where the walk is: the last ones read. */
		byte @Nullable [] currentVideoHeader;

		byte @Nullable [] currentAudioHeader;

		/** Where a sequence header changes the configuration mid-file, and the video and audio headers from there. */
		final List<Long> changeOffsets = new ArrayList<>();

		final List<byte[][]> changeHeaders = new ArrayList<>();

		double metadataDurationSeconds;

		double metadataKbps;

		long @Nullable [] declaredKeyFrames;

		boolean avcFrames;

		/** Whether audio frames that need a sequence header (AAC, Enhanced RTMP audio) were seen. */
		boolean aacFrames;

		boolean sawAudio;

		boolean sawVideo;

		/** Header flags of the streams {@code onMetaData} says the file lacks. */
		int absentStreams;

		final IndexBudget budget;

		final LongList videoOffsets;

		final LongList videoTimes;

		final LongList audioOffsets;

		final LongList audioTimes;

		Scan(IndexBudget budget) {
			this.budget = budget;
			this.videoOffsets = new LongList(budget);
			this.videoTimes = new LongList(budget);
			this.audioOffsets = new LongList(budget);
			this.audioTimes = new LongList(budget);
		}

		/**
		 * Whether a stream the header's flags declare, and {@code onMetaData} does not say is absent, has had
		 * no tag yet.
		 */
		boolean missing(int flags) {
			int declared = flags & ~this.absentStreams;
			return ((declared & FLAG_AUDIO) != 0 && !this.sawAudio) || ((declared & FLAG_VIDEO) != 0 && !this.sawVideo);
		}

		/**
		 * Note the streams {@code onMetaData} says the file lacks: {@code hasAudio}/{@code hasVideo} false
		 * (yamdi, flvtool2), or, without them, codec properties naming the other stream only (ffmpeg writes
		 * {@code audiocodecid} only for a file with audio). Metadata naming no codec says nothing.
		 */
		private void absentStreams(Map<?, ?> properties) {
			boolean audioCodec = properties.containsKey("audiocodecid");
			boolean videoCodec = properties.containsKey("videocodecid");
			if (Boolean.FALSE.equals(properties.get("hasAudio"))
					|| (!properties.containsKey("hasAudio") && videoCodec && !audioCodec)) {
				this.absentStreams |= FLAG_AUDIO;
			}
			if (Boolean.FALSE.equals(properties.get("hasVideo"))
					|| (!properties.containsKey("hasVideo") && audioCodec && !videoCodec)) {
				this.absentStreams |= FLAG_VIDEO;
			}
		}

		/** Note a video sequence header: the file's first, or a change of configuration from where it is. */
		void videoSequenceHeader(MediaSource source, long position, long dataSize)
				throws IOException, MediaFormatException {
			byte[] tag = sequenceHeader(source, position, dataSize, this.currentVideoHeader);
			if (tag != null) {
				if (this.videoSequenceHeader == null) {
					this.videoSequenceHeader = tag;
				}
				else {
					change(position, tag, this.currentAudioHeader);
				}
				this.currentVideoHeader = tag;
			}
		}

		/** Note an audio sequence header (AAC, Enhanced RTMP): the file's first, or a change of configuration from where it is. */
		void audioSequenceHeader(MediaSource source, long position, long dataSize)
				throws IOException, MediaFormatException {
			byte[] tag = sequenceHeader(source, position, dataSize, this.currentAudioHeader);
			if (tag != null) {
				if (this.audioSequenceHeader == null) {
					this.audioSequenceHeader = tag;
				}
				else {
					change(position, this.currentVideoHeader, tag);
				}
				this.currentAudioHeader = tag;
			}
		}

		/**
		 * Read a sequence-header tag; return it when it differs from the one in force (muxers of live
		 * streams repeat the same one before key frames), reserved in the budget, else {@code null}.
		 */
		private byte @Nullable [] sequenceHeader(MediaSource source, long position, long dataSize,
				byte @Nullable [] current) throws IOException, MediaFormatException {
			byte[] tag = wholeTag(source, position, dataSize);
			if (tag == null || (current != null && samePayload(tag, current))) {
				return null;
			}
			this.budget.reserve(tag.length, "bytes of FLV sequence headers resent before seeks");
			return tag;
		}

		private static boolean samePayload(byte[] tag, byte[] other) {
			return Arrays.equals(tag, TAG_HEADER_BYTES, tag.length, other, TAG_HEADER_BYTES, other.length);
		}

		private void change(long position, byte @Nullable [] video, byte @Nullable [] audio) {
			this.changeOffsets.add(position);
			this.changeHeaders.add(new byte[][] { video, audio });
		}

		void videoPoint(long offset, long timeUs) throws MediaFormatException {
			this.videoOffsets.add(offset);
			this.videoTimes.add(timeUs);
		}

		void audioPoint(long offset, long timeUs) throws MediaFormatException {
			if (this.audioTimes.size() == 0 || timeUs >= this.audioTimes.last() + AUDIO_SEEK_SPACING_US) {
				this.audioOffsets.add(offset);
				this.audioTimes.add(timeUs);
			}
		}

		/** Keep a script tag if it is {@code onMetaData}, and take what it declares. */
		void metadata(byte[] tag) throws MediaFormatException {
			Amf0Reader amf = new Amf0Reader(new ByteCursor(tag, TAG_HEADER_BYTES, tag.length - PREVIOUS_TAG_SIZE_BYTES));
			@Nullable Object values;
			try {
				if (!"onMetaData".equals(amf.read())) {
					return;
				}
			}
			catch (MediaFormatException ex) {
				return; // not a readable name: not onMetaData
			}
			this.budget.reserve(tag.length, "bytes of onMetaData resent before seeks");
			this.metadataTag = tag;
			try {
				values = amf.read();
			}
			catch (MediaFormatException ex) {
				return; // unreadable values are ignored: the tags themselves are the index
			}
			if (values instanceof Map<?, ?> properties) {
				this.metadataDurationSeconds = number(properties.get("duration"));
				this.metadataKbps = number(properties.get("videodatarate")) + number(properties.get("audiodatarate"));
				absentStreams(properties);
				if (properties.get("keyframes") instanceof Map<?, ?> keyFrames
						&& keyFrames.get("filepositions") instanceof List<?> positions) {
					this.declaredKeyFrames = positions.stream()
						.mapToLong((position) -> (position instanceof Double value) ? value.longValue() : -1)
						.toArray();
				}
			}
		}

		private static double number(@Nullable Object value) {
			return (value instanceof Double number && number > 0 && number < 1e12) ? number : 0;
		}

		MediaIndex index(long size, int flags) throws MediaFormatException {
			boolean video = this.videoOffsets.size() > 0;
			long[] offsets = (video ? this.videoOffsets : this.audioOffsets).toArray();
			long[] times = (video ? this.videoTimes : this.audioTimes).toArray();
			// Times from the first media tag, as players count them (and ffmpeg's keyframes.times).
			long firstUs = (this.firstTimeUs == Long.MAX_VALUE) ? 0 : this.firstTimeUs;
			for (int i = 0; i < times.length; i++) {
				times[i] = Math.max(0, times[i] - firstUs);
			}
			long durationUs = (this.lastTimeUs > firstUs) ? this.lastTimeUs - firstUs
					: (long) (this.metadataDurationSeconds * 1e6);
			MediaTimeline timeline = timeline(offsets, times, size, durationUs);
			byte[] resent = resent(this.videoSequenceHeader, this.audioSequenceHeader);
			long[] changeOffsets = this.changeOffsets.stream().mapToLong(Long::longValue).toArray();
			byte[][] changedTags = new byte[changeOffsets.length][];
			for (int i = 0; i < changedTags.length; i++) {
				byte[][] headers = this.changeHeaders.get(i);
				// A stream whose first header comes after the change (audio starting late) keeps its first one.
				changedTags[i] = resent((headers[0] != null) ? headers[0] : this.videoSequenceHeader,
						(headers[1] != null) ? headers[1] : this.audioSequenceHeader);
				this.budget.reserve((this.metadataTag != null) ? this.metadataTag.length : 0,
						"bytes of onMetaData resent after a change of sequence headers");
			}
			FlvIndex index = new FlvIndex(size, flags, resent, offsets, times, durationUs, changeOffsets, changedTags);
			return new MediaIndex(size, durationUs, (long) (this.metadataKbps * 1000),
					(offsets.length > 0) ? index : null, timeline);
		}

		private byte[] resent(byte @Nullable [] videoHeader, byte @Nullable [] audioHeader) {
			ByteArrayOutputStream resent = new ByteArrayOutputStream();
			for (byte[] tag : new byte[][] { this.metadataTag, videoHeader, audioHeader }) {
				if (tag != null) {
					resent.writeBytes(tag);
				}
			}
			return resent.toByteArray();
		}

		/**
		 * The timeline through the seek points: every tag before a key frame (or an audio point) carries
		 * an earlier timestamp, so the bytes before it complete the media up to its timestamp.
		 */
		private @Nullable MediaTimeline timeline(long[] offsets, long[] times, long size, long durationUs)
				throws MediaFormatException {
			int points = Math.min(offsets.length, MAX_TIMELINE_POINTS);
			this.budget.reserve(points + 1L, 2 * Long.BYTES, "FLV timeline points");
			MediaTimeline.Builder timeline = MediaTimeline.builder(MAX_TIMELINE_POINTS);
			for (int i = 0; i < offsets.length; i++) {
				timeline.add(offsets[i], times[i]);
			}
			return timeline.build(size, durationUs);
		}

	}

	/**
	 * A growable array of longs, so a long file's index is built without boxing; every growth is reserved
	 * in the budget first (a file of tiny key-frame tags would otherwise grow it without bound).
	 */
	private static final class LongList {

		private final IndexBudget budget;

		private long[] values = new long[64];

		private int size;

		LongList(IndexBudget budget) {
			this.budget = budget;
		}

		void add(long value) throws MediaFormatException {
			if (this.size == this.values.length) {
				this.budget.reserve(this.size, Long.BYTES, "FLV seek points");
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		int size() {
			return this.size;
		}

		long last() {
			return this.values[this.size - 1];
		}

		void replaceWith(long[] values) {
			this.values = Arrays.copyOf(values, Math.max(1, values.length));
			this.size = values.length;
		}

		long[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

	}

}
