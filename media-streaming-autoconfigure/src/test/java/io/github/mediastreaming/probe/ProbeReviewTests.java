package io.github.mediastreaming.probe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaTimeline;
import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.PacketTimeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.mediastreaming.testsupport.Bytes.indexOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Probe defects found in review, on files ffmpeg writes: an Ogg stream recorded mid-broadcast (granule
 * positions that do not start at 0), Matroska files with ffmpeg's default key-frame interval, a WebM cut
 * short or written live (no Duration), an AVI whose audio outlasts its video, a PCM WAVE with a wrong byte rate, BW64 (RF64 under another name), and Ogg files whose
 * video outlasts their Vorbis or that hold no Vorbis or Opus.
 */
class ProbeReviewTests {

	@TempDir
	Path temp;

	@BeforeEach
	void ffmpeg() {
		Ffmpeg.assumeInstalled();
	}

	@Test
	void vorbisRecordedMidStreamLastsFromItsFirstGranuleAsFfprobeSays() throws Exception {
		// A recording of a live Ogg stream (an Icecast dump, or -output_ts_offset) starts at granule 100 s.
		Path file = ffmpeg("late.ogg", new String[] { "-f", "lavfi", "-i", "sine=d=20" }, "-c:a", "libvorbis",
				"-output_ts_offset", "100");
		MediaIndex index = read(new OggIndexReader(), file);
		// Read as 120 s (the last granule), the bitrate was a sixth of the file's: a player stalls.
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.formatDuration(file), withinPercentage(5));
		assertThat((double) index.bitrate()).isCloseTo(Ffmpeg.formatBitrate(file), withinPercentage(5));
	}

	@Test
	void opusRecordedMidStreamHasATimelineThatStartsWithItsFirstPage() throws Exception {
		Path file = ffmpeg("late.opus", new String[] { "-f", "lavfi", "-i", "sine=d=20" }, "-c:a", "libopus",
				"-output_ts_offset", "100");
		MediaIndex index = read(new OggIndexReader(), file);
		MediaTimeline timeline = index.timeline();
		assertThat(timeline).isNotNull();
		// The first audio page completed 100 s of media on the timeline, so it was due after 86 s of the
		// response with the defaults (5 s boost, factor 0.1): a player waits a minute and a half for sound.
		long halfway = Files.size(file) / 2;
		assertThat((timeline.timeUsAt(halfway) - timeline.timeUsAt(0)) / 1e6).isCloseTo(10.0, within(1.5));
	}

	@Test
	void matroskaWithFfmpegsDefaultKeyFrameIntervalHasATimelineWithinOneSecondOfItsPackets() throws Exception {
		// ffmpeg's defaults (libx264, keyint 250 = 10 s at 25 fps): 9 s of a complex scene, then a still one.
		// The Cues hold the key frames only (0, 1.7, 3.8, 7.2, 17.2, 27.2 s): between 7.2 and 17.2 s the
		// timeline's straight line claimed 14.9 s where the packets give 9.0 s, and the player's lead fell to
		// 0.05 s with the defaults.
		Path file = ffmpeg("complex-first.mkv",
				new String[] { "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=30", "-f", "lavfi", "-i",
						"sine=f=440:r=48000:d=30", "-filter_complex",
						"[0:v]split[a][b];[a]trim=0:9,setpts=PTS-STARTPTS,noise=alls=25:allf=t[complex];"
								+ "[b]trim=9:30,setpts=PTS-STARTPTS[simple];[complex][simple]concat=n=2:v=1[v]",
						"-map", "[v]", "-map", "1:a", "-pix_fmt", "yuv420p" },
				"-c:v", "libx264", "-c:a", "aac");
		assertThat(secondsAheadOfThePackets(file)).as("seconds the timeline runs ahead of the packets")
			.isLessThanOrEqualTo(1.0);
	}

	@Test
	void matroskaWhoseAudioOutlastsItsOnlyKeyFrameHasATimelineWithinOneSecondOfItsPackets() throws Exception {
		// 10 s of video (one key frame with ffmpeg's defaults, so one CuePoint) and 20 s of audio: the straight
		// line from the first Cluster to the end put 16.4 s where the packets give 9.8 s, and a player paced
		// with the defaults ran dry (lead -0.6 s at 10 s of the response).
		Path file = ffmpeg("short-video.mkv", new String[] { "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=10", "-f",
				"lavfi", "-i", "sine=d=20" }, "-c:v", "libx264", "-c:a", "aac");
		assertThat(secondsAheadOfThePackets(file)).as("seconds the timeline runs ahead of the packets")
			.isLessThanOrEqualTo(1.0);
	}

	@Test
	void webmCutShortLastsTheMediaItHolds() throws Exception {
		// A copy or upload cut short: its Info still declares 20 s, its Clusters hold 9.6 s. The last Cluster it
		// holds was stretched to the declared end (a player paced with the defaults ran 4 s dry), and the
		// average rate was half the file's.
		Path whole = ffmpeg("whole.webm",
				new String[] { "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20", "-f", "lavfi", "-i", "sine=d=20" },
				"-c:v", "libvpx", "-b:v", "500k", "-c:a", "libopus");
		Path cut = this.temp.resolve("cut.webm");
		Files.write(cut, Arrays.copyOf(Files.readAllBytes(whole), (int) (Files.size(whole) * 48 / 100)));
		List<Ffmpeg.Packet> packets = Ffmpeg.packets(cut);
		double held = packets.stream().mapToLong(Ffmpeg.Packet::timeUs).max().orElseThrow() / 1e6;
		assertThat(read(new MatroskaIndexReader(), cut).durationSeconds()).isCloseTo(held, within(1.0));
	}

	@Test
	void webmWrittenLiveLastsTheMediaItHoldsAndIsPaced() throws Exception {
		// ffmpeg writing live (-live 1, or to a pipe) leaves Info without a Duration: the file had no bitrate
		// and was sent unpaced.
		Path live = ffmpeg("live.webm",
				new String[] { "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20", "-f", "lavfi", "-i", "sine=d=20" },
				"-c:v", "libvpx", "-b:v", "500k", "-c:a", "libopus", "-live", "1");
		List<Ffmpeg.Packet> packets = Ffmpeg.packets(live);
		double held = packets.stream().mapToLong(Ffmpeg.Packet::timeUs).max().orElseThrow() / 1e6;
		MediaIndex index = read(new MatroskaIndexReader(), live);
		assertThat(index.durationSeconds()).isCloseTo(held, within(0.1));
		assertThat((double) index.bitrate()).isCloseTo(Files.size(live) * 8 / held, withinPercentage(2));
		assertThat(index.timeline()).isNotNull();
	}

	@Test
	void webmWithClustersOfUnknownSizeLastsTheMediaItHolds() throws Exception {
		// A browser's MediaRecorder writes every Cluster with an unknown size: ffmpeg's live WebM with each
		// Cluster's size field set to "unknown" (all value bits ones, the same length) stands for one.
		Path live = ffmpeg("live.webm",
				new String[] { "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20", "-f", "lavfi", "-i", "sine=d=20" },
				"-c:v", "libvpx", "-b:v", "500k", "-c:a", "libopus", "-live", "1");
		byte[] recorded = Files.readAllBytes(live);
		int unsized = unsizeClusters(recorded);
		assertThat(unsized).isGreaterThan(3);
		Path file = Files.write(this.temp.resolve("recorded.webm"), recorded);
		assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
		List<Ffmpeg.Packet> packets = Ffmpeg.packets(live);
		double held = packets.stream().mapToLong(Ffmpeg.Packet::timeUs).max().orElseThrow() / 1e6;
		MediaIndex index = read(new MatroskaIndexReader(), file);
		assertThat(index.durationSeconds()).isCloseTo(held, within(0.1));
		assertThat(index.timeline()).isNotNull();
	}

	/** Set the size of every Cluster of a WebM (after its Segment of unknown size) to unknown; return how many. */
	private static int unsizeClusters(byte[] file) {
		int position = 0;
		position += elementLength(file, position); // the EBML header
		position += idLength(file[position]) + sizeLength(file[position + 4]); // the Segment's header only
		int clusters = 0;
		while (position < file.length) {
			int idLength = idLength(file[position]);
			boolean cluster = idLength == 4 && (file[position] & 0xFF) == 0x1F && (file[position + 1] & 0xFF) == 0x43
					&& (file[position + 2] & 0xFF) == 0xB6 && (file[position + 3] & 0xFF) == 0x75;
			int length = elementLength(file, position);
			if (cluster) {
				int sizeAt = position + idLength;
				int sizeLength = sizeLength(file[sizeAt]);
				file[sizeAt] = (byte) ((0xFF >> (sizeLength - 1)));
				for (int i = 1; i < sizeLength; i++) {
					file[sizeAt + i] = (byte) 0xFF;
				}
				clusters++;
			}
			position += length;
		}
		return clusters;
	}

	private static int elementLength(byte[] file, int position) {
		int idLength = idLength(file[position]);
		int sizeLength = sizeLength(file[position + idLength]);
		long size = file[position + idLength] & (0xFF >> sizeLength);
		for (int i = 1; i < sizeLength; i++) {
			size = (size << 8) | (file[position + idLength + i] & 0xFF);
		}
		return (int) (idLength + sizeLength + size);
	}

	private static int idLength(byte first) {
		return Integer.numberOfLeadingZeros(first & 0xFF) - 23;
	}

	private static int sizeLength(byte first) {
		return Integer.numberOfLeadingZeros(first & 0xFF) - 23;
	}

	@Test
	void mkvCutShortHasATimelineFromItsClusters() throws Exception {
		// Its Cues (at the end) are gone, so the Clusters are walked; ffmpeg starts every Cluster with a CRC-32
		// element (write_crc32 is on for .mkv), not its Timestamp, so the walk found no point and the file had
		// no timeline.
		Path whole = ffmpeg("whole.mkv",
				new String[] { "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20", "-f", "lavfi", "-i", "sine=d=20" },
				"-c:v", "libx264", "-g", "50", "-c:a", "aac");
		Path cut = this.temp.resolve("cut.mkv");
		Files.write(cut, Arrays.copyOf(Files.readAllBytes(whole), (int) (Files.size(whole) * 60 / 100)));
		assertThat(read(new MatroskaIndexReader(), cut).timeline()).isNotNull();
	}

	@Test
	void aviWhoseAudioOutlastsItsVideoLastsItsLongestStreamAsFfprobeSays() throws Exception {
		// 10 s of video and 20 s of audio: timed by the video stream alone, it lasted 10 s and was paced at twice
		// its bitrate.
		Path file = ffmpeg("short-video.avi", new String[] { "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=10", "-f",
				"lavfi", "-i", "sine=d=20" }, "-c:v", "mpeg4", "-c:a", "libmp3lame");
		MediaIndex index = read(new AviIndexReader(), file);
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.formatDuration(file), withinPercentage(5));
		assertThat((double) index.bitrate()).isCloseTo(Ffmpeg.formatBitrate(file), withinPercentage(5));
	}

	@Test
	void bw64WaveIsTimedAsRf64AsFfprobeDoes() throws Exception {
		// BW64 (ITU-R BS.2088, broadcast and ADM masters) is RF64 with another outer code: it was refused as
		// "not a RIFF file" and served unpaced.
		Path rf64 = ffmpeg("rf64.wav", new String[] { "-f", "lavfi", "-i", "sine=d=20" }, "-c:a", "pcm_s16le", "-rf64",
				"always");
		byte[] bytes = Files.readAllBytes(rf64);
		System.arraycopy("BW64".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
		Path bw64 = this.temp.resolve("bw64.wav");
		Files.write(bw64, bytes);
		MediaIndex index = read(new WavIndexReader(), bw64);
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.formatDuration(bw64), withinPercentage(1));
	}

	@Test
	void oggTheoraWhoseVorbisEndsFirstIsPacedAtTheFilesBitrateAsFfprobeSays() throws Exception {
		// 20 s of 2 Mbit/s Theora and 10 s of Vorbis: the last Vorbis page lies more than the 1 MiB tail before
		// the end, so the file was paced at the Vorbis nominal 80 kbit/s, a 25th of its rate.
		Path file = ffmpeg("short-audio.ogv", new String[] { "-f", "lavfi", "-i", "testsrc2=s=640x480:r=25:d=20", "-f",
				"lavfi", "-i", "sine=d=10" }, "-c:v", "libtheora", "-b:v", "2M", "-c:a", "libvorbis");
		MediaIndex index = read(new OggIndexReader(), file);
		assertThat((double) index.bitrate()).isCloseTo(Ffmpeg.formatBitrate(file), withinPercentage(5));
		assertThat(index.durationSeconds()).isCloseTo(Ffmpeg.formatDuration(file), withinPercentage(5));
	}

	@Test
	void theoraOnlyOgvLastsWhatFfprobeSays() throws Exception {
		// .ogv is claimed by the Ogg format, but a file without Vorbis or Opus was refused (no bitrate) and
		// served unpaced.
		Path file = ffmpeg("video.ogv", new String[] { "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=20" }, "-c:v",
				"libtheora");
		assertThat(read(new OggIndexReader(), file).durationSeconds()).isCloseTo(Ffmpeg.formatDuration(file),
				withinPercentage(5));
	}

	@Test
	void flacInOggLastsWhatFfprobeSays() throws Exception {
		// .oga is Xiph's extension for Ogg FLAC, claimed by the Ogg format, but refused (no bitrate) and served
		// unpaced.
		Path file = ffmpeg("audio.oga", new String[] { "-f", "lavfi", "-i", "sine=d=20" }, "-c:a", "flac");
		assertThat(read(new OggIndexReader(), file).durationSeconds()).isCloseTo(Ffmpeg.formatDuration(file),
				withinPercentage(5));
	}

	@Test
	void pcmWaveWithAWrongByteRateLastsItsSamplesAsFfprobeSays() throws Exception {
		// A writer that gets nAvgBytesPerSec wrong (here half of 44.1 kHz x 16-bit mono): ffmpeg times PCM by its
		// block align and sample rate; read by the byte rate it lasted 40 s and was paced at half its rate.
		Path file = ffmpeg("wrong-rate.wav", new String[] { "-f", "lavfi", "-i", "sine=d=20" }, "-c:a", "pcm_s16le");
		byte[] bytes = Files.readAllBytes(file);
		int fmt = indexOf(bytes, "fmt ".getBytes(StandardCharsets.US_ASCII));
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(fmt + 16, 44_100); // byte rate
		Files.write(file, bytes);
		assertThat(read(new WavIndexReader(), file).durationSeconds()).isCloseTo(Ffmpeg.formatDuration(file),
				withinPercentage(1));
	}

	/** The most the file's timeline runs ahead of its packets, in seconds (ahead starves a player). */
	private static double secondsAheadOfThePackets(Path file) throws Exception {
		MediaTimeline timeline = read(new MatroskaIndexReader(), file).timeline();
		assertThat(timeline).isNotNull();
		List<Ffmpeg.Packet> packets = Ffmpeg.packets(file);
		PacketTimeline truth = new PacketTimeline(packets);
		long worst = 0;
		for (Ffmpeg.Packet packet : packets) {
			if (packet.end() < truth.endOffset()) {
				worst = Math.max(worst, timeline.timeUsAt(packet.end()) - truth.playableUs(packet.end()));
			}
		}
		return worst / 1e6;
	}

	private Path ffmpeg(String name, String[] inputs, String... output) {
		String[] arguments = Arrays.copyOf(inputs, inputs.length + output.length);
		System.arraycopy(output, 0, arguments, inputs.length, output.length);
		return Ffmpeg.write(this.temp.resolve(name), arguments);
	}

	private static MediaIndex read(MediaIndexReader reader, Path file) throws Exception {
		return reader.read(new ByteArrayMediaSource(Files.readAllBytes(file)));
	}

}
