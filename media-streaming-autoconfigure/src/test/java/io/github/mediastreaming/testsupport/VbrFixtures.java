package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Variable-bitrate files, as phones, cameras and audio encoders make them, generated with ffmpeg: 10 s of
 * a complex part and 10 s of a simple one, in either order. Video: a moving test pattern under heavy
 * noise (about 1.6 Mbit/s), then the pattern alone (about 0.25 Mbit/s). Audio: loud noise, then a quiet
 * tone, in a VBR mode of the codec. Their average is too low for the complex part and too high for the
 * simple one: what average-rate pacing gets wrong.
 */
public final class VbrFixtures {

	/** File name of the complex-first MP4. */
	public static final String COMPLEX_FIRST = "complex-first.mp4";

	/** File name of the simple-first MP4. */
	public static final String SIMPLE_FIRST = "simple-first.mp4";

	/** Seconds of each part. */
	public static final int PART_SECONDS = 10;

	/**
	 * The containers fixtures are made in, with the codecs each carries.
	 */
	public enum Container {

		/** H.264 and AAC, {@code moov} first. */
		MP4("mp4", true),

		/** H.264 and AAC in FLV. */
		FLV("flv", true),

		/** H.264 and AAC in Matroska (Cues at the end, found through the SeekHead). */
		MKV("mkv", true),

		/** VP8 and Opus in WebM. */
		WEBM("webm", true),

		/** MP3 in LAME's VBR mode, with a Xing table. */
		MP3("mp3", false),

		/** Vorbis in Ogg, quality-based VBR. */
		OGG("ogg", false),

		/** Opus in Ogg, VBR. */
		OPUS("opus", false);

		private final String extension;

		private final boolean video;

		Container(String extension, boolean video) {
			this.extension = extension;
			this.video = video;
		}

		/** @return the file name extension */
		public String extension() {
			return this.extension;
		}

		/** @return whether the fixture has a video stream */
		public boolean video() {
			return this.video;
		}

	}

	private static @Nullable Path cache;

	private VbrFixtures() {
	}

	/**
	 * Write both MP4 files into a folder, as {@link #COMPLEX_FIRST} and {@link #SIMPLE_FIRST}.
	 * @param folder where to write them
	 */
	public static void write(Path folder) {
		try {
			Files.copy(cached(Container.MP4, true), folder.resolve(COMPLEX_FIRST));
			Files.copy(cached(Container.MP4, false), folder.resolve(SIMPLE_FIRST));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return one file, made once per JVM (the suites that use these files share them; making them all
	 * takes about half a minute).
	 * @param container its container and codecs
	 * @param complexFirst whether the complex part comes first
	 * @return the file, in a folder deleted when the JVM ends
	 */
	public static synchronized Path cached(Container container, boolean complexFirst) {
		try {
			if (cache == null) {
				cache = Files.createTempDirectory("vbr-fixtures");
				cache.toFile().deleteOnExit();
			}
			Path file = cache.resolve(name(container, complexFirst));
			if (!Files.exists(file)) {
				write(file, container, complexFirst);
				file.toFile().deleteOnExit();
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return a file's name.
	 * @param container its container
	 * @param complexFirst whether the complex part comes first
	 * @return {@code complex-first.mp4} and the like
	 */
	public static String name(Container container, boolean complexFirst) {
		return (complexFirst ? "complex-first." : "simple-first.") + container.extension();
	}

	/**
	 * Write one file.
	 * @param file where to write it
	 * @param container its container and codecs
	 * @param complexFirst whether the complex part comes first
	 */
	public static void write(Path file, Container container, boolean complexFirst) {
		List<String> command = new ArrayList<>();
		String order = complexFirst ? "[complex][simple]" : "[simple][complex]";
		int total = 2 * PART_SECONDS;
		if (container.video()) {
			command.addAll(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=" + total, "-f", "lavfi", "-i",
					"sine=f=440:r=48000:d=" + total, "-filter_complex",
					"[0:v]split[a][b];[a]trim=0:" + PART_SECONDS + ",setpts=PTS-STARTPTS,noise=alls=25:allf=t[complex];"
							+ "[b]trim=" + PART_SECONDS + ":" + total + ",setpts=PTS-STARTPTS[simple];" + order
							+ "concat=n=2:v=1[v]",
					"-map", "[v]", "-map", "1:a", "-g", "50", "-pix_fmt", "yuv420p"));
			if (container == Container.WEBM) {
				command.addAll(List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-crf", "20",
						"-b:v", "1500k", "-c:a", "libopus", "-b:a", "48k"));
			}
			else {
				command.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-maxrate", "1500k",
						"-bufsize", "3000k", "-c:a", "aac", "-b:a", "48k"));
			}
			if (container == Container.MP4) {
				command.addAll(List.of("-movflags", "+faststart"));
			}
		}
		else {
			command.addAll(List.of("-f", "lavfi", "-i", "anoisesrc=a=0.6:r=48000:d=" + PART_SECONDS, "-f", "lavfi",
					"-i", "sine=f=440:r=48000:d=" + PART_SECONDS, "-filter_complex",
					"[0:a]anull[complex];[1:a]volume=0.05[simple];" + order + "concat=n=2:v=0:a=1[out]", "-map",
					"[out]"));
			command.addAll(switch (container) {
				case MP3 -> List.of("-c:a", "libmp3lame", "-q:a", "2");
				case OGG -> List.of("-c:a", "libvorbis", "-q:a", "6");
				default -> List.of("-c:a", "libopus", "-b:a", "128k", "-vbr", "on");
			});
		}
		Ffmpeg.write(file, command.toArray(String[]::new));
	}

}
