package io.github.mediastreaming.pacing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.flv.FlvIndexReader;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.mp3.Mp3IndexReader;
import io.github.mediastreaming.mp4.Mp4IndexReader;
import io.github.mediastreaming.probe.MatroskaIndexReader;
import io.github.mediastreaming.probe.OggIndexReader;
import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.PacketTimeline;
import io.github.mediastreaming.testsupport.VbrFixtures;
import io.github.mediastreaming.testsupport.VbrFixtures.Container;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each format's timeline against the truth: ffprobe's packets say where every packet of every stream
 * lies, so the media time playable after the first {@code n} bytes is the earliest time, over the
 * streams, of a packet not yet complete. The timeline must stay within a tolerance of it everywhere, on
 * files whose rate changes five-fold halfway.
 */
class TimelineAccuracyTests {

	/**
	 * How far each timeline may stray, in microseconds. FLV and Matroska have a point per key frame (every
	 * 2 s here) and interpolate within a group of pictures (measured: 0.2 to 0.7 s); MP4 has a point a
	 * second from its sample tables; MP3's Xing table has a point every 1 % of the file (0.2 s); Ogg has
	 * a point per page, every 0.5 s of media or more, but a page only plays once it is whole: within a
	 * page the truth is a step and the timeline a slope, up to a page's duration apart (ffmpeg's pages
	 * hold up to 1 s; measured 0.66 s for Vorbis, 0.04 s for Opus).
	 */
	private static final Map<Container, Long> TOLERANCE_US = Map.of(Container.MP4, 500_000L, Container.FLV,
			1_000_000L, Container.MKV, 1_000_000L, Container.WEBM, 1_000_000L, Container.MP3, 500_000L,
			Container.OGG, 1_000_000L, Container.OPUS, 1_000_000L);

	@BeforeAll
	static void ffmpeg() {
		Ffmpeg.assumeInstalled();
	}

	@ParameterizedTest
	@EnumSource(Container.class)
	void timelineStaysNearThePacketsOnAComplexFirstFile(Container container) throws Exception {
		check(container, true);
	}

	@ParameterizedTest
	@EnumSource(Container.class)
	void timelineStaysNearThePacketsOnASimpleFirstFile(Container container) throws Exception {
		check(container, false);
	}

	private void check(Container container, boolean complexFirst) throws Exception {
		Path file = VbrFixtures.cached(container, complexFirst);
		MediaIndex index;
		try (FileMediaSource source = FileMediaSource.open(file)) {
			index = reader(container).read(source);
		}
		MediaTimeline timeline = index.timeline();
		assertThat(timeline).as("timeline of " + file.getFileName()).isNotNull();
		List<Ffmpeg.Packet> packets = Ffmpeg.packets(file);
		PacketTimeline truth = new PacketTimeline(packets);
		long worst = 0;
		long worstAt = 0;
		for (Ffmpeg.Packet packet : packets) {
			for (long offset : new long[] { packet.position(), packet.end() }) {
				if (offset >= truth.endOffset()) {
					continue; // all arrived: the truth is the last packet's start, the timeline the duration
				}
				long error = Math.abs(timeline.timeUsAt(offset) - truth.playableUs(offset));
				if (error > worst) {
					worst = error;
					worstAt = offset;
				}
			}
		}
		System.out.printf("%s: %d points, worst error %.3f s at byte %d of %d%n", file.getFileName(),
				timeline.points(), worst / 1e6, worstAt, packets.get(packets.size() - 1).end());
		assertThat(worst).as("largest error of " + file.getFileName() + " (us), at byte " + worstAt)
			.isLessThanOrEqualTo(TOLERANCE_US.get(container));
	}

	private static MediaIndexReader reader(Container container) {
		return switch (container) {
			case MP4 -> new Mp4IndexReader();
			case FLV -> new FlvIndexReader();
			case MKV, WEBM -> new MatroskaIndexReader();
			case MP3 -> new Mp3IndexReader();
			case OGG, OPUS -> new OggIndexReader();
		};
	}

}
