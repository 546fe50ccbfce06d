package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code ffprobe} and {@code ffmpeg} as reference clients. Tests call
 * {@link #assumeInstalled()} first, so they skip on a machine without ffmpeg ({@code .ci/run} installs
 * it, so CI always runs them).
 */
public final class Ffmpeg {

	private static final boolean INSTALLED = canRun("ffprobe", "-version") && canRun("ffmpeg", "-version");

	private Ffmpeg() {
	}

	/**
	 * Return whether ffmpeg and ffprobe are on the PATH.
	 * @return whether the reference clients can run
	 */
	public static boolean isInstalled() {
		return INSTALLED;
	}

	/** Skip the calling test when ffmpeg/ffprobe are not on the PATH. */
	public static void assumeInstalled() {
		Assumptions.assumeTrue(INSTALLED, "ffmpeg/ffprobe not installed");
	}

	/**
	 * Write a file with ffmpeg: {@code ffmpeg -nostdin -v error -y <arguments> <file>}.
	 * @param file the file to write
	 * @param arguments the inputs, filters and codec options
	 * @return the file
	 */
	public static Path write(Path file, String... arguments) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
		command.addAll(List.of(arguments));
		command.add(file.toString());
		run(command.toArray(String[]::new));
		return file;
	}

	/**
	 * Return the seconds of MP3 audio ffmpeg decodes from the first audio stream of a file (an MP3, or an
	 * FLV or AVI carrying MP3): the packets it reads, each a frame of 1152 samples (576 below 32 kHz).
	 * Unlike the declared duration, this counts what plays.
	 * @param file the media file
	 * @return the decoded seconds
	 */
	public static double mp3Seconds(Path file) {
		String[] fields = run("ffprobe", "-v", "error", "-count_packets", "-select_streams", "a:0", "-show_entries",
				"stream=nb_read_packets,sample_rate", "-of", "csv=p=0", file.toString()).stdout().trim().split(",");
		// ffprobe prints the stream's fields in its own order: sample_rate, then nb_read_packets
		long sampleRate = Long.parseLong(fields[0]);
		long packets = Long.parseLong(fields[1]);
		return packets * ((sampleRate >= 32_000) ? 1152.0 : 576.0) / sampleRate;
	}

	/**
	 * Return ffprobe's container bitrate ({@code format=bit_rate}) in bits/s.
	 * @param file the media file
	 * @return the bitrate
	 */
	public static long formatBitrate(Path file) {
		return Long.parseLong(run("ffprobe", "-v", "error", "-show_entries", "format=bit_rate", "-of",
				"default=nw=1:nk=1", file.toString()).stdout().trim());
	}

	/**
	 * Return ffprobe's container duration in seconds.
	 * @param file the media file
	 * @return the duration
	 */
	public static double formatDuration(Path file) {
		return Double.parseDouble(run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
				"default=nw=1:nk=1", file.toString()).stdout().trim());
	}

	/**
	 * Decode every stream of a file and return what ffmpeg printed at level {@code error}: empty means the
	 * file decodes cleanly.
	 * @param file the media file
	 * @return ffmpeg's error output, trimmed
	 */
	public static String decodeErrors(Path file) {
		return run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-").stderr().trim();
	}

	/**
	 * Count the decoded frames of the first video stream ({@code -count_frames}).
	 * @param file the media file
	 * @return the number of frames
	 */
	public static long videoFrames(Path file) {
		return Long.parseLong(run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
				"-show_entries", "stream=nb_read_frames", "-of", "default=nw=1:nk=1", file.toString()).stdout()
			.trim());
	}

	/**
	 * Return a file's packets in file order, as ffprobe reads them ({@code -show_packets}): where each
	 * lies and the media time it belongs to.
	 * @param file the media file
	 * @return the packets that have a position and a time
	 */
	public static List<Packet> packets(Path file) {
		String csv = run("ffprobe", "-v", "error", "-show_entries", "packet=stream_index,pts_time,dts_time,pos,size",
				"-of", "csv=p=0:nk=1", file.toString()).stdout();
		List<Packet> packets = new ArrayList<>();
		for (String line : csv.split("\n")) {
			String[] fields = line.trim().split(",");
			// stream_index,pts_time,dts_time,size,pos (ffprobe's own order)
			if (fields.length < 5 || fields[4].equals("N/A") || (fields[1].equals("N/A") && fields[2].equals("N/A"))) {
				continue;
			}
			double time = fields[2].equals("N/A") ? Double.parseDouble(fields[1]) : Double.parseDouble(fields[2]);
			packets.add(new Packet(Integer.parseInt(fields[0]), Math.round(time * 1e6), Long.parseLong(fields[4]),
					Long.parseLong(fields[3])));
		}
		packets.sort(java.util.Comparator.comparingLong(Packet::position));
		return packets;
	}

	/**
	 * One packet of a file.
	 *
	 * @param stream the stream it belongs to
	 * @param timeUs its decode time (else its presentation time), in microseconds
	 * @param position its first byte in the file
	 * @param size its length
	 */
	public record Packet(int stream, long timeUs, long position, long size) {

		/** @return the offset after its last byte */
		public long end() {
			return this.position + this.size;
		}

	}

	/**
	 * Run ffmpeg or ffprobe with arguments, failing the test if it exits non-zero or takes over 60 s.
	 * @param command the command and its arguments
	 * @return what it printed
	 */
	public static Output run(String... command) {
		try {
			Path stdout = Files.createTempFile("ffmpeg-out", ".txt");
			Path stderr = Files.createTempFile("ffmpeg-err", ".txt");
			try {
				Process process = new ProcessBuilder(List.of(command)).redirectOutput(stdout.toFile())
					.redirectError(stderr.toFile())
					.start();
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new AssertionError("Timed out: " + String.join(" ", command));
				}
				Output output = new Output(Files.readString(stdout, StandardCharsets.UTF_8),
						Files.readString(stderr, StandardCharsets.UTF_8));
				if (process.exitValue() != 0) {
					throw new AssertionError(
							"Exit " + process.exitValue() + " from " + String.join(" ", command) + ": " + output.stderr());
				}
				return output;
			}
			finally {
				Files.deleteIfExists(stdout);
				Files.deleteIfExists(stderr);
			}
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot run " + command[0], ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	private static boolean canRun(String... command) {
		try {
			Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * What a command printed.
	 *
	 * @param stdout standard output
	 * @param stderr standard error
	 */
	public record Output(String stdout, String stderr) {

	}

}
