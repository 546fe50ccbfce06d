package io.github.mediastreaming.probe;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.index.ProbeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MatroskaIndexReaderTests {

	private static final byte[] EBML_HEADER = TestBytes.of()
		.u8(0x1A, 0x45, 0xDF, 0xA3, 0x8F) // EBML, size 15
		.u8(0x42, 0x86, 0x81, 0x01) // EBMLVersion 1
		.u8(0x42, 0x82, 0x88)
		.ascii("matroska") // DocType
		.build();

	private static final byte[] INFO_6021_MS = TestBytes.of()
		.u8(0x15, 0x49, 0xA9, 0x66, 0x8E) // Info, size 14
		.u8(0x2A, 0xD7, 0xB1, 0x83, 0x0F, 0x42, 0x40) // TimestampScale 1 000 000 ns
		.u8(0x44, 0x89, 0x84, 0x45, 0xBC, 0x28, 0x00) // Duration 6021.0f
		.build();

	/** Info as a file written live has it: a TimestampScale and no Duration. */
	private static final byte[] INFO_WITHOUT_DURATION = TestBytes.of()
		.u8(0x15, 0x49, 0xA9, 0x66, 0x87) // Info, size 7
		.u8(0x2A, 0xD7, 0xB1, 0x83, 0x0F, 0x42, 0x40) // TimestampScale only
		.build();

	/** A Cluster of 1000 bytes after Info, so the files have a plausible bitrate. */
	private static final byte[] CLUSTER = TestBytes.of()
		.u8(0x1F, 0x43, 0xB6, 0x75, 0x43, 0xE8) // Cluster, 2-byte size 1000
		.zeros(1000)
		.build();

	private final MatroskaIndexReader reader = new MatroskaIndexReader();

	@Test
	void aBlockTimedBeforeItsClusterAtTheStartIsAtZeroNotBeforeIt() {
		// A block 5 ms before a Cluster at 0 (a signed relative time, as some muxers write for the first frames).
		assertThat(MatroskaTimeline.microseconds(-5, 1_000_000)).isZero();
		assertThat(MatroskaTimeline.microseconds(Long.MAX_VALUE, 1_000_000)).isEqualTo(Long.MAX_VALUE);
		assertThat(MatroskaTimeline.microseconds(1500, 1_000_000)).isEqualTo(1_500_000);
	}

	@Test
	void durationIsInfoDurationTimesTimestampScale() throws Exception {
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0x44, 0x01) // Segment, 2-byte size 1025
			.bytes(INFO_6021_MS)
			.bytes(CLUSTER)
			.build();
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		assertThat(index).isEqualTo(new MediaIndex(file.length, 6_021_000, 0, null));
	}

	@Test
	void timestampScaleDefaultsToOneMillisecondAndMayBeChanged() throws Exception {
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.u8(0x15, 0x49, 0xA9, 0x66, 0x8B) // Info, size 11
			.u8(0x44, 0x89, 0x88, 0x40, 0xB7, 0x85, 0, 0, 0, 0, 0) // Duration 6021.0 (double)
			.bytes(CLUSTER)
			.build();
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(6_021_000);
		byte[] microseconds = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.u8(0x15, 0x49, 0xA9, 0x66, 0x8D) // Info, size 13
			.u8(0x44, 0x89, 0x84, 0x45, 0xBC, 0x28, 0x00) // Duration 6021.0f
			.u8(0x2A, 0xD7, 0xB1, 0x82, 0x03, 0xE8) // TimestampScale 1000 ns, after Duration
			.build();
		assertThat(this.reader.read(new ByteArrayMediaSource(microseconds)).durationUs()).isEqualTo(6_021);
	}

	@Test
	void elementsBeforeInfoAreSkippedBySize() throws Exception {
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.u8(0x11, 0x4D, 0x9B, 0x74, 0x84, 0x15, 0x49, 0xA9, 0x66) // SeekHead, size 4, an Info ID inside
			.u8(0xEC, 0x40, 0x03, 0, 0, 0) // Void, 2-byte size 3
			.u8(0x1F, 0x43, 0xB6, 0x75, 0x82, 0xE7, 0x80) // Cluster, size 2, Timestamp 0
			.bytes(INFO_6021_MS)
			.bytes(CLUSTER)
			.build();
		assertThat(this.reader.read(new ByteArrayMediaSource(file)).durationUs()).isEqualTo(6_021_000);
	}

	@Test
	void unknownSizeClusterBeforeInfoHasNoBitrate() {
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.u8(0x1F, 0x43, 0xB6, 0x75, 0xFF, 0xE7, 0x80) // Cluster, unknown size
			.bytes(INFO_6021_MS)
			.build();
		assertFailure(file, ProbeFailure.NO_BITRATE);
	}

	@Test
	void withoutADurationTheFileLastsAsFarAsItsClustersGo() throws Exception {
		// Written live (ffmpeg to a pipe, or -live 1): no Duration in Info, Clusters of known size.
		byte[] info = INFO_WITHOUT_DURATION;
		byte[] first = cluster(0, 1_000);
		byte[] file = segmentOfUnknownSize(info, first, cluster(2_000, 1_000), cluster(4_000, 1_000));
		long firstAt = EBML_HEADER.length + 5 + info.length;
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		assertThat(index.durationUs()).isEqualTo(4_000_000);
		assertThat(index.bitrate()).isEqualTo(file.length * 8L / 4);
		assertThat(index.timeline()).isEqualTo(MediaTimeline.of(
				new long[] { firstAt, firstAt + first.length, firstAt + 2L * first.length, file.length },
				new long[] { 0, 2_000_000, 4_000_000, 4_000_000 }));
	}

	@Test
	void clustersOfUnknownSizeEndWhereTheNextClusterStarts() throws Exception {
		// As a browser's MediaRecorder writes: no Duration, every Cluster of unknown size.
		byte[] info = INFO_WITHOUT_DURATION;
		byte[] first = unsizedCluster(0, simpleBlock(1, 0), simpleBlock(1, 500), simpleBlock(1, 1_000));
		byte[] second = unsizedCluster(2_000, simpleBlock(1, 0), simpleBlock(1, 500));
		byte[] file = segmentOfUnknownSize(info, first, second);
		long firstAt = EBML_HEADER.length + 5 + info.length;
		long blocks = 5 + 4; // the Cluster's ID and size, its Timestamp
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		assertThat(index.durationUs()).isEqualTo(2_500_000);
		MediaTimeline timeline = index.timeline();
		assertThat(timeline).isNotNull();
		assertThat(timeline.timeUsAt(firstAt + blocks + SIMPLE_BLOCK_BYTES)).isEqualTo(500_000);
		assertThat(timeline.timeUsAt(firstAt + first.length + blocks + SIMPLE_BLOCK_BYTES)).isEqualTo(2_500_000);
	}

	@Test
	void withoutADurationOrClustersThatReachTheEndThereIsNoBitrate() {
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.bytes(INFO_WITHOUT_DURATION)
			.bytes(cluster(0, 1_000))
			.u8(0x1F, 0x43, 0xB6, 0x75, 0xFF) // a Cluster of unknown size
			.u8(0xA3, 0xFF) // whose first child has an unknown size too: its end cannot be found
			.zeros(1_000)
			.build();
		assertFailure(file, ProbeFailure.NO_BITRATE);
	}

	@Test
	void infoWithoutDurationHasNoBitrate() {
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.bytes(INFO_WITHOUT_DURATION)
			.build();
		assertFailure(file, ProbeFailure.NO_BITRATE);
	}

	@Test
	void otherDocTypeIsMalformed() {
		byte[] file = TestBytes.of()
			.u8(0x1A, 0x45, 0xDF, 0xA3, 0x86) // EBML, size 6
			.u8(0x42, 0x82, 0x83)
			.ascii("avi") // DocType
			.build();
		assertFailure(file, ProbeFailure.MALFORMED);
	}

	@Test
	void childOfBogusSizeEndsInTruncatedNotInAHugeRead() {
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.u8(0x11, 0x4D, 0x9B, 0x74, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE) // SeekHead, 2^48 bytes
			.bytes(INFO_6021_MS)
			.build();
		assertFailure(file, ProbeFailure.TRUNCATED);
	}

	@Test
	void hugeInfoIsMalformed() {
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.u8(0x15, 0x49, 0xA9, 0x66, 0x08, 0xFF, 0xFF, 0xFF, 0xFF) // Info, size 2^32 - 1
			.build();
		assertFailure(file, ProbeFailure.MALFORMED);
	}

	@Test
	void infoChildRunningPastInfoIsMalformed() {
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.u8(0x15, 0x49, 0xA9, 0x66, 0x84) // Info, size 4
			.u8(0x44, 0x89, 0x88, 0x40) // Duration of 8 bytes, only 1 in Info
			.u8(0, 0, 0, 0, 0, 0, 0)
			.build();
		assertFailure(file, ProbeFailure.MALFORMED);
	}

	@Test
	void notEbmlIsMalformed() {
		assertFailure(TestBytes.of().ascii("RIFF").zeros(60).build(), ProbeFailure.MALFORMED);
	}

	@Test
	void timelineComesFromTheCuesTheSeekHeadPointsTo() throws Exception {
		CuedFile cued = cuedFile(new byte[0]);
		MediaTimeline timeline = this.reader.read(new ByteArrayMediaSource(cued.bytes())).timeline();
		assertThat(timeline).isEqualTo(cued.cuesTimeline());
	}

	@Test
	void withoutCuesTheClustersAreWalkedForTheirTimestamps() throws Exception {
		byte[] first = cluster(0, 1_000);
		byte[] file = segmentOfUnknownSize(INFO_6021_MS, first, cluster(2_000, 1_000), cluster(4_000, 1_000));
		long firstAt = EBML_HEADER.length + 5 + INFO_6021_MS.length;
		MediaTimeline timeline = this.reader.read(new ByteArrayMediaSource(file)).timeline();
		assertThat(timeline).isEqualTo(MediaTimeline.of(
				new long[] { firstAt, firstAt + first.length, firstAt + 2L * first.length, file.length },
				new long[] { 0, 2_000_000, 4_000_000, 6_021_000 }));
	}

	@Test
	void aPointWaitsForTheNextBlockOfEveryTrack() throws Exception {
		// Track 2 is muxed late: its block at 250 ms comes after track 1's at 1,500 ms. Until it has arrived,
		// a player has no more than 250 ms of track 2 (the latest time seen, 1,500 ms, would be 1.25 s ahead).
		byte[] cluster = element(0x1F43B675L, element(0xE7, 0, 0), simpleBlock(1, 0), simpleBlock(2, 0),
				simpleBlock(1, 500), simpleBlock(1, 1_000), simpleBlock(1, 1_500), simpleBlock(2, 250),
				simpleBlock(2, 1_500));
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.bytes(INFO_6021_MS)
			.bytes(cluster)
			.build();
		long blocks = EBML_HEADER.length + 5 + INFO_6021_MS.length + 6 + 4; // Cluster ID and size, Timestamp
		long lateBlock = blocks + 5 * SIMPLE_BLOCK_BYTES;
		MediaTimeline timeline = this.reader.read(new ByteArrayMediaSource(file)).timeline();
		assertThat(timeline).isNotNull();
		assertThat(timeline.timeUsAt(blocks + 2 * SIMPLE_BLOCK_BYTES)).isEqualTo(250_000);
		assertThat(timeline.timeUsAt(lateBlock)).isEqualTo(250_000);
		assertThat(timeline.timeUsAt(lateBlock + SIMPLE_BLOCK_BYTES)).isEqualTo(1_500_000);
	}

	@Test
	void whenTheClustersCannotBeWalkedTheCuesGiveTheTimeline() throws Exception {
		// After the Cues, a Cluster with an invalid size: the walk stops there.
		CuedFile cued = cuedFile(TestBytes.of().u8(0x1F, 0x43, 0xB6, 0x75, 0x00).zeros(1_000).build());
		MediaTimeline timeline = this.reader.read(new ByteArrayMediaSource(cued.bytes())).timeline();
		assertThat(timeline).isEqualTo(cued.cuesTimeline());
	}

	@Test
	void aClusterThatCannotBeWalkedLeavesTheIndexWithoutATimeline() throws Exception {
		byte[] first = cluster(0, 1_000);
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.bytes(INFO_6021_MS)
			.bytes(first)
			.u8(0x1F, 0x43, 0xB6, 0x75, 0x00) // a Cluster with an invalid size
			.zeros(1_000)
			.build();
		MediaIndex index = this.reader.read(new ByteArrayMediaSource(file));
		assertThat(index.durationUs()).isEqualTo(6_021_000);
		assertThat(index.timeline()).isNull();
	}

	/**
	 * A file of two Clusters at 0 and 3 s with Cues for them that a SeekHead points to, then some bytes.
	 *
	 * @param bytes the file
	 * @param cuesTimeline the timeline its Cues give
	 */
	private record CuedFile(byte[] bytes, MediaTimeline cuesTimeline) {

	}

	private static CuedFile cuedFile(byte[] after) {
		byte[] info = INFO_6021_MS;
		byte[] first = cluster(0, 1_000);
		byte[] second = cluster(3_000, 1_000);
		// SeekHead { Seek { SeekID Cues, SeekPosition (2 bytes) } }: 20 bytes whatever the position.
		int seekHeadLength = 20;
		int firstAt = seekHeadLength + info.length;
		int secondAt = firstAt + first.length;
		int cuesAt = secondAt + second.length;
		byte[] seekHead = element(0x114D9B74L, element(0x4DBB, element(0x53AB, 0x1C, 0x53, 0xBB, 0x6B),
				element(0x53AC, cuesAt >> 8, cuesAt & 0xFF)));
		assertThat(seekHead).hasSize(seekHeadLength);
		byte[] cues = element(0x1C53BB6BL, cuePoint(0, firstAt), cuePoint(3_000, secondAt));
		byte[] file = TestBytes.of()
			.bytes(EBML_HEADER)
			.u8(0x18, 0x53, 0x80, 0x67, 0xFF) // Segment, unknown size
			.bytes(seekHead)
			.bytes(info)
			.bytes(first)
			.bytes(second)
			.bytes(cues)
			.bytes(after)
			.build();
		int segmentData = EBML_HEADER.length + 5;
		return new CuedFile(file, MediaTimeline.of(new long[] { segmentData + firstAt, segmentData + secondAt,
				file.length }, new long[] { 0, 3_000_000, 6_021_000 }));
	}

	/** The EBML header, then a Segment of unknown size (as a file written live) holding these elements. */
	private static byte[] segmentOfUnknownSize(byte[]... children) {
		TestBytes file = TestBytes.of().bytes(EBML_HEADER).u8(0x18, 0x53, 0x80, 0x67, 0xFF);
		for (byte[] child : children) {
			file.bytes(child);
		}
		return file.build();
	}

	/** A Cluster of unknown size: its Timestamp, then these blocks. */
	private static byte[] unsizedCluster(int timestampMs, byte[]... blocks) {
		TestBytes cluster = TestBytes.of().u8(0x1F, 0x43, 0xB6, 0x75, 0xFF).bytes(element(0xE7, timestampMs >> 8,
				timestampMs & 0xFF));
		for (byte[] block : blocks) {
			cluster.bytes(block);
		}
		return cluster.build();
	}

	/** A Cluster: its Timestamp, then a Void element of some length standing for its blocks. */
	private static byte[] cluster(int timestampMs, int blockBytes) {
		byte[] blocks = new byte[blockBytes];
		return element(0x1F43B675L, element(0xE7, timestampMs >> 8, timestampMs & 0xFF), element(0xEC, blocks));
	}

	/** Bytes of {@link #simpleBlock}: ID, size, track, timestamp, flags and 100 bytes of frame. */
	private static final int SIMPLE_BLOCK_BYTES = 106;

	/** A SimpleBlock of a track at a time from its Cluster's, with 100 bytes of frame. */
	private static byte[] simpleBlock(int track, int relativeMs) {
		return element(0xA3, TestBytes.of()
			.u8(0x80 | track, relativeMs >> 8, relativeMs & 0xFF, 0x80) // track, timestamp, flags: key frame
			.zeros(100)
			.build());
	}

	/** A CuePoint for track 1. */
	private static byte[] cuePoint(int timeMs, int clusterPosition) {
		return element(0xBB, element(0xB3, timeMs >> 8, timeMs & 0xFF),
				element(0xB7, element(0xF7, 1), element(0xF1, clusterPosition >> 8, clusterPosition & 0xFF)));
	}

	private static byte[] element(long id, int... value) {
		byte[] bytes = new byte[value.length];
		for (int i = 0; i < value.length; i++) {
			bytes[i] = (byte) value[i];
		}
		return element(id, bytes);
	}

	/** An element: its ID, a 1- or 2-byte size, and its children's bytes. */
	private static byte[] element(long id, byte[]... children) {
		TestBytes content = TestBytes.of();
		for (byte[] child : children) {
			content.bytes(child);
		}
		byte[] data = content.build();
		TestBytes element = TestBytes.of();
		for (int shift = 24; shift >= 0; shift -= 8) {
			if ((id >> shift) != 0) {
				element.u8((int) (id >> shift) & 0xFF);
			}
		}
		if (data.length < 127) {
			element.u8(0x80 | data.length);
		}
		else {
			element.u8(0x40 | (data.length >> 8), data.length & 0xFF);
		}
		return element.bytes(data).build();
	}

	private void assertFailure(byte[] file, ProbeFailure reason) {
		assertThatExceptionOfType(MediaFormatException.class)
			.isThrownBy(() -> this.reader.read(new ByteArrayMediaSource(file)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
