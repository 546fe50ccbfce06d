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
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.index.ProbeFailure;
import org.jspecify.annotations.Nullable;

import static io.github.mediastreaming.flv.TagHeader.AUDIO;
import static io.github.mediastreaming.flv.TagHeader.PREVIOUS_TAG_SIZE_BYTES;
import static io.github.mediastreaming.flv.TagHeader.SCRIPT;
import static io.github.mediastreaming.flv.TagHeader.VIDEO;
import static io.github.mediastreaming.flv.TagPayload.isAudioFrames;
import static io.github.mediastreaming.flv.TagPayload.isAudioSequenceHeader;
import static io.github.mediastreaming.flv.TagPayload.isAvcLike;
import static io.github.mediastreaming.flv.TagPayload.isExCodedFrames;
import static io.github.mediastreaming.flv.TagPayload.isExHeader;
import static io.github.mediastreaming.flv.TagPayload.isKeyFrame;
import static io.github.mediastreaming.flv.TagPayload.isVideoSequenceHeader;
import static io.github.mediastreaming.flv.TagPayload.needsAudioSequenceHeader;

/**
 * A walk over an FLV file's tags and what it has found so far: one positioned read of
 * {@link TagHeader#PROBE_BYTES} a tag, payloads skipped except {@code onMetaData} and the sequence
 * headers, which are kept whole to be sent again before a seek; key frames and audio points as seek
 * points; where a sequence header changes the configuration mid-file. Every table it grows is reserved
 * in the {@link IndexBudget} first.
 */
final class TagScan {

	private static final int FLAG_AUDIO = 0x04;

	private static final int FLAG_VIDEO = 0x01;

	private static final int MAX_KEPT_TAG_BYTES = 1024 * 1024;

	private static final long AUDIO_SEEK_SPACING_US = 500_000;

	/** Timeline points kept at most: a key frame every 2 s for over two hours before thinning. */
	private static final int MAX_TIMELINE_POINTS = 4096;

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

	TagScan(IndexBudget budget) {
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

	/** Whether two sequence-header tags carry the same configuration, whatever their timestamps. */
	static boolean samePayload(byte[] tag, byte[] other) {
		return Arrays.equals(tag, TagHeader.BYTES, tag.length, other, TagHeader.BYTES, other.length);
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
		Amf0Reader amf = new Amf0Reader(new ByteCursor(tag, TagHeader.BYTES, tag.length - PREVIOUS_TAG_SIZE_BYTES));
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

	/**
	 * Walk tags from a position until the scan has seen a number of them, the file ends, or a tag ends
	 * the walk.
	 * @return where the walk stopped: the next tag's position, or -1 when a tag ended it
	 */
	long walk(MediaSource source, long position, long size, int untilTags)
			throws IOException, MediaFormatException {
		while (hasTagAt(position, size) && this.tags < untilTags) {
			position = scanTag(source, position, size);
		}
		return position;
	}

	static boolean hasTagAt(long position, long size) {
		return position >= 0 && position + TagHeader.BYTES <= size;
	}

	/** Read one tag's header, note what it is, and return where the next tag starts (-1 to stop). */
	long scanTag(MediaSource source, long position, long size)
			throws IOException, MediaFormatException {
		byte[] probe = source.read(position, TagHeader.PROBE_BYTES);
		if (probe.length < TagHeader.BYTES) {
			// The file ended before the size it was opened with: stop as at a truncated last tag.
			return -1;
		}
		ByteCursor tag = new ByteCursor(probe);
		TagHeader header = TagHeader.read(tag);
		int type = header.type();
		long dataSize = header.dataSize();
		long next = header.next(position);
		if (!header.knownType()) {
			if (this.tags == 0) {
				throw new MediaFormatException(ProbeFailure.MALFORMED, "First FLV tag has unknown type " + type);
			}
			return -1;
		}
		if (next > size) {
			return -1;
		}
		this.tags++;
		long timeUs = header.timestampMs() * 1000;
		int first = (tag.remaining() >= 1 && dataSize >= 1) ? tag.u8() : -1;
		int second = (tag.remaining() >= 1 && dataSize >= 2) ? tag.u8() : -1;
		this.sawAudio |= type == AUDIO;
		this.sawVideo |= type == VIDEO;
		if (type == VIDEO && first >= 0) {
			if (isVideoSequenceHeader(first, second)) {
				this.videoSequenceHeader(source, position, dataSize);
			}
			else if (!isExHeader(first) || isExCodedFrames(first)) {
				// Frames only: muxers give the sequence headers timestamp 0 whatever the frames' times.
				this.firstTimeUs = Math.min(this.firstTimeUs, timeUs);
				if (isKeyFrame(first, second)) {
					this.videoPoint(position, timeUs);
				}
				this.avcFrames |= isAvcLike(first) || isExHeader(first);
			}
		}
		else if (type == AUDIO && first >= 0) {
			if (isAudioSequenceHeader(first, second)) {
				this.audioSequenceHeader(source, position, dataSize);
			}
			else if (isAudioFrames(first)) {
				this.firstTimeUs = Math.min(this.firstTimeUs, timeUs);
				this.audioPoint(position, timeUs);
				this.aacFrames |= needsAudioSequenceHeader(first);
			}
		}
		else if (type == SCRIPT && this.metadataTag == null) {
			byte[] whole = wholeTag(source, position, dataSize);
			if (whole != null) {
				this.metadata(whole);
			}
		}
		this.lastTimeUs = Math.max(this.lastTimeUs, timeUs);
		return next;
	}

	static byte @Nullable [] wholeTag(MediaSource source, long position, long dataSize) throws IOException {
		long length = TagHeader.BYTES + dataSize + PREVIOUS_TAG_SIZE_BYTES;
		return (length <= MAX_KEPT_TAG_BYTES) ? source.readFully(position, (int) length).data() : null;
	}

	/**
	 * A growable array of longs, so a long file's index is built without boxing; every growth is reserved
	 * in the budget first (a file of tiny key-frame tags would otherwise grow it without bound).
	 */
	static final class LongList {

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
