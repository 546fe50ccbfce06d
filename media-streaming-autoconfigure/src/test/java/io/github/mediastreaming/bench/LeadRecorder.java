package io.github.mediastreaming.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.mediastreaming.testsupport.Ffmpeg;
import io.github.mediastreaming.testsupport.PacketTimeline;
import io.github.mediastreaming.testsupport.VbrFixtures;

/**
 * Client of the pacing-lead picture (not a test): reads the two variable-bitrate MP4 files of
 * {@link VbrFixtures} from a server in both pacing modes at once, as players would, and records each
 * stream's lead (media received, mapped to time by the file's own packets from ffprobe, minus the time
 * elapsed since the first byte) every 100 ms. Run it through {@code benchmarks/pacing-lead.sh}, which
 * serves {@code /media/average/**} in average mode and draws the result with gnuplot.
 *
 * <p>{@code prepare FOLDER} writes the files (and copies them under {@code average/});
 * {@code record PORT FOLDER OUT} streams them and writes {@code OUT/<mode>-<file>.dat} (columns: elapsed
 * seconds, lead seconds), and prints each stream's lowest and highest lead.
 */
public final class LeadRecorder {

	private static final String[] FILES = { VbrFixtures.COMPLEX_FIRST, VbrFixtures.SIMPLE_FIRST };

	private static final long SAMPLE_NANOS = 100_000_000L;

	private LeadRecorder() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 2 && args[0].equals("prepare")) {
			prepare(Path.of(args[1]));
		}
		else if (args.length == 4 && args[0].equals("record")) {
			record(Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args[3]));
		}
		else {
			System.err.println("usage: LeadRecorder prepare FOLDER | record PORT FOLDER OUT");
			System.exit(2);
		}
	}

	private static void prepare(Path folder) throws IOException {
		Files.createDirectories(folder.resolve("average"));
		VbrFixtures.write(folder);
		for (String file : FILES) {
			Files.copy(folder.resolve(file), folder.resolve("average").resolve(file));
		}
	}

	private static void record(int port, Path folder, Path out) throws Exception {
		Files.createDirectories(out);
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<String>> streams = new ArrayList<>();
		ExecutorService readers = Executors.newFixedThreadPool(4);
		try {
			for (String mode : new String[] { "timeline", "average" }) {
				for (String file : FILES) {
					String path = "/media/" + (mode.equals("average") ? "average/" : "") + file;
					Path data = out.resolve(mode + "-" + file.replace(".mp4", "") + ".dat");
					streams.add(CompletableFuture.supplyAsync(
							() -> stream(http, URI.create("http://127.0.0.1:" + port + path), folder.resolve(file), data),
							readers));
				}
			}
			for (CompletableFuture<String> stream : streams) {
				System.out.println(stream.join());
			}
		}
		finally {
			readers.shutdownNow();
		}
	}

	/**
	 * Read one stream to its end, noting the bytes received at every read; then write its lead every
	 * {@link #SAMPLE_NANOS} (the bytes received by then, so the waits between sends show); return a summary.
	 */
	private static String stream(HttpClient http, URI uri, Path file, Path data) {
		try {
			PacketTimeline truth = new PacketTimeline(Ffmpeg.packets(file));
			HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).build(),
					HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(uri + " answered " + response.statusCode());
			}
			List<long[]> reads = new ArrayList<>();
			long received = 0;
			try (InputStream body = response.body()) {
				byte[] buffer = new byte[16 * 1024];
				int read;
				while ((read = body.read(buffer)) >= 0) {
					received += read;
					reads.add(new long[] { System.nanoTime(), received });
				}
			}
			long start = reads.get(0)[0];
			double lowest = Double.MAX_VALUE;
			double highest = -Double.MAX_VALUE;
			try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(data))) {
				writer.println("# elapsed_s lead_s  (" + uri.getPath() + ")");
				int next = 0;
				for (long at = start; next < reads.size() && reads.get(next)[1] < truth.endOffset(); at += SAMPLE_NANOS) {
					while (next + 1 < reads.size() && reads.get(next + 1)[0] <= at) {
						next++;
					}
					double elapsed = (at - start) / 1e9;
					double lead = truth.playableUs(reads.get(next)[1]) / 1e6 - elapsed;
					writer.printf(Locale.ROOT, "%.2f %.3f%n", elapsed, lead);
					if (elapsed >= 0.5) { // the boost is still arriving before
						lowest = Math.min(lowest, lead);
						highest = Math.max(highest, lead);
					}
					if (next == reads.size() - 1) {
						break;
					}
				}
			}
			return String.format(Locale.ROOT, "%-40s %9d bytes in %5.1f s, lead from %5.2f to %5.2f s", uri.getPath(),
					received, (reads.get(reads.size() - 1)[0] - start) / 1e9, lowest, highest);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
