package io.github.mediastreaming.mp4;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.pacing.DocumentTimeline;
import io.github.mediastreaming.testsupport.CraftedMp4;
import io.github.mediastreaming.testsupport.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The timeline an MP4 index gives for pacing ({@link Mp4Timeline}): where media time lies in the file's
 * bytes, from the sample tables, a point a second with straight lines between.
 */
class Mp4TimelineTests {

	@TempDir
	Path temp;

	/**
	 * Checked against ffprobe's own packets: at each point, every packet that starts before the point's
	 * time has arrived whole; between points, within a second of what has.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "faststart.mp4", "bframes.mp4", "delayed.mp4", "twoaudio.mp4", "moovend.mp4" })
	void theTimelineFollowsTheFilesOwnPackets(String name) throws Exception {
		Ffmpeg.assumeInstalled();
		MediaIndex index = index(Mp4FixturesTests.fixture(name));
		MediaTimeline timeline = index.timeline();
		assertThat(timeline).isNotNull();
		assertThat(timeline.points()).isBetween(8, 12);
		List<Packet> packets = packets(Mp4FixturesTests.fixture(name));
		long previous = 0;
		for (long bytes = 0; bytes <= index.sizeBytes(); bytes += Math.max(1, index.sizeBytes() / 997)) {
			long claimed = timeline.timeUsAt(bytes);
			assertThat((double) claimed).as("after %d bytes", bytes)
				.isCloseTo(Math.min(index.durationUs(), complete(packets, bytes)), within(1_050_000.0));
			assertThat(claimed).isGreaterThanOrEqualTo(previous);
			previous = claimed;
		}
		for (long second = 1; second < 8; second++) {
			long offset = timeline.offsetAt(second * 1_000_000);
			assertThat(complete(packets, offset)).as("second %d", second).isGreaterThanOrEqualTo(second * 1_000_000 - 1_000);
		}
		assertThat(timeline.durationUs()).isEqualTo(index.durationUs());
		assertThat(timeline.offsetAt(timeline.durationUs())).isLessThanOrEqualTo(index.sizeBytes());
	}

	@Test
	void aCutIsTimedFromItsFirstKeptByteAndLastsAboutAsLongAsTheCut() throws Exception {
		MediaIndex index = index(Mp4FixturesTests.fixture("faststart.mp4"));
		MediaBody cut = index.seeker().seek(new SeekRequest.TimeRange(4.0, null, false));
		DocumentTimeline document = DocumentTimeline.of(cut, index.timeline());
		long head = cut.parts().get(0).length();
		assertThat(cut.parts().get(0)).isInstanceOf(BodyPart.Generated.class);
		assertThat(document.timeUsAt(head)).isZero();
		assertThat((double) document.durationUs()).isCloseTo(4_000_000, within(1_050_000.0));
	}

	@Test
	void aLongFileKeepsAtMostTwoThousandPoints() throws Exception {
		// 20,000 s of one-millisecond samples.
		Path file = this.temp.resolve("long.mp4");
		CraftedMp4.write(file, 1, 20_000_000);
		MediaTimeline timeline = index(file).timeline();
		assertThat(timeline.points()).isBetween(Mp4Timeline.MAX_POINTS / 2, Mp4Timeline.MAX_POINTS + 1);
		assertThat((double) timeline.timeUsAt(Files.size(file) / 2)).isCloseTo(10_000_000_000.0, within(30_000_000.0));
	}

	@Test
	void tracksInSampleOrderAreTimedAtThePointsAsAWalkOverEverySampleTimesThem() throws Exception {
		RandomTracks random = new RandomTracks(11);
		for (int i = 0; i < 300; i++) {
			long movieTimescale = random.timescale();
			long videoScale = random.timescale();
			// Every fourth file runs over 2,048 s, so its timeline keeps a point every few seconds.
			long longest = (i % 4 == 0) ? 4 * videoScale : videoScale / 10;
			TrackTable video = random.track(1, true, videoScale, movieTimescale, longest).track();
			TrackTable audio = random.track(2, i % 5 != 0, random.timescale(), movieTimescale).track();
			List<TrackTable> tracks = List.of(video, audio);
			long durationUs = 0;
			for (TrackTable track : tracks) {
				durationUs = Math.max(durationUs, (long) (track.mediaDuration() * 1e6 / track.timescale()));
			}
			MediaTimeline atPoints = Mp4Timeline.of(tracks, movieTimescale, durationUs, IndexBudget.ofDefault());
			MediaTimeline walked = Mp4Timeline.of(tracks, movieTimescale, durationUs, IndexBudget.ofDefault(), true);
			assertThat(atPoints).as("file %d", i).isEqualTo(walked);
		}
	}

	@Test
	void anEditListAtTheEndsOfALongGivesTheSameTimelineBothWays() throws Exception {
		// 3,000 one-second samples of 100 bytes; edits no file would have, but a crafted one can.
		long[][] edits = { { Long.MAX_VALUE - 1000, 0 }, { Long.MIN_VALUE + 1000, 0 }, { -1000, Long.MAX_VALUE },
				{ Long.MAX_VALUE, Long.MAX_VALUE } };
		for (long[] edit : edits) {
			List<TrackTable> tracks = List
				.of(TestTracks.contiguous(1, "vide", 600, edit[0], edit[1], 3000, 1000, 100, 600, null));
			assertThat(Mp4Timeline.of(tracks, 600, 3_000_000_000L, IndexBudget.ofDefault()))
				.as("media time %d, empty edit %d", edit[0], edit[1])
				.isEqualTo(Mp4Timeline.of(tracks, 600, 3_000_000_000L, IndexBudget.ofDefault(), true));
		}
	}

	@Test
	void aChunkThatHoldsNoSampleIsNotMediaTheTimelineWaitsFor() throws Exception {
		// Two samples in chunk 1, none in chunk 2 (far down the file), two in chunk 3.
		SampleSizes sizes = SampleSizes.table(4, new int[] { 100, 100, 100, 100 });
		ChunkTable chunks = ChunkTable.of(ChunkOffsets.wide(new long[] { 1000, 900_000, 1200 }), new int[] { 0, 1, 2 },
				new int[] { 2, 0, 2 }, null, sizes, 1_000_000);
		TrackTable track = new TrackTable(1, "soun", 1000, 0, 0, 0, sizes, new RunTable(new int[] { 4, 1000 }, false), null,
				null, chunks, null, 400);
		for (boolean walk : new boolean[] { false, true }) {
			MediaTimeline timeline = Mp4Timeline.of(List.of(track), 1000, 4_000_000, IndexBudget.ofDefault(), walk);
			assertThat(timeline.offsetAt(timeline.durationUs())).as("walking every sample: %s", walk).isEqualTo(1400);
		}
	}

	/** One packet as ffprobe reports it: decode time, offset and size. */
	private record Packet(double dts, long pos, long size) {

	}

	/** The decode time of the first packet not yet arrived whole (from 0), unbounded once all have. */
	private static double complete(List<Packet> packets, long bytes) {
		double pending = Double.MAX_VALUE;
		for (Packet packet : packets) {
			if (packet.pos() + packet.size() > bytes) {
				pending = Math.min(pending, packet.dts());
			}
		}
		return (pending == Double.MAX_VALUE) ? Double.MAX_VALUE : Math.max(0, pending * 1e6);
	}

	private static List<Packet> packets(Path file) {
		String csv = Ffmpeg.run("ffprobe", "-v", "error", "-show_entries", "packet=dts_time,pos,size", "-of", "csv=p=0",
				file.toString()).stdout();
		List<Packet> packets = new ArrayList<>();
		for (String line : csv.split("\n")) {
			String[] fields = line.split(",");
			if (fields.length >= 3 && !fields[0].isEmpty()) {
				packets.add(new Packet(Double.parseDouble(fields[0]), Long.parseLong(fields[2]), Long.parseLong(fields[1])));
			}
		}
		assertThat(packets).hasSizeGreaterThan(100);
		return packets;
	}

	private static MediaIndex index(Path file) throws Exception {
		try (FileMediaSource source = FileMediaSource.open(file)) {
			return new Mp4IndexReader().read(source);
		}
	}

}
