package io.github.mediastreaming.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.mp4.Mp4IndexReader;

/**
 * MP4 cut benchmark (not a test): times indexing a file (what a cache miss costs) and planning a cut from
 * the cached index (what every other {@code ?start=} costs), in process, without HTTP. Run it through
 * {@code benchmarks/mp4-cut.sh}.
 *
 * <p>Arguments: {@code file startSeconds [iterations]}.
 */
public final class Mp4CutBenchmark {

	private Mp4CutBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		double start = Double.parseDouble(args[1]);
		int iterations = (args.length > 2) ? Integer.parseInt(args[2]) : 200;
		Mp4IndexReader reader = new Mp4IndexReader();
		double[] indexMs = new double[Math.max(5, iterations / 20)];
		MediaIndex index = null;
		for (int i = 0; i < indexMs.length; i++) {
			long begin = System.nanoTime();
			try (FileMediaSource source = FileMediaSource.open(file)) {
				index = reader.read(source);
			}
			indexMs[i] = (System.nanoTime() - begin) / 1e6;
		}
		double firstIndexMs = indexMs[0];
		for (int i = 0; i < 100; i++) {
			// Warm-up: let the JIT compile the cut before it is measured, as on a running server.
			index.seeker().seek(new SeekRequest.TimeRange(start, null, true));
		}
		double[] cutMs = new double[iterations];
		long bodyBytes = 0;
		for (int i = 0; i < iterations; i++) {
			long begin = System.nanoTime();
			MediaBody body = index.seeker().seek(new SeekRequest.TimeRange(start, null, true));
			cutMs[i] = (System.nanoTime() - begin) / 1e6;
			bodyBytes = body.length();
		}
		Arrays.sort(indexMs);
		Arrays.sort(cutMs);
		System.out.printf(Locale.ROOT, "file: %s, %.0f s, %d bytes%n", file.getFileName(), index.durationSeconds(),
				index.sizeBytes());
		System.out.printf(Locale.ROOT, "index (cache miss): first %.1f ms, median of %d %.1f ms%n", firstIndexMs,
				indexMs.length, indexMs[indexMs.length / 2]);
		System.out.printf(Locale.ROOT, "cut at %.0f s from the cached index: median %.2f ms, p99 %.2f ms, max %.2f ms "
				+ "(%d iterations after 100 warm-up; body %d bytes)%n", start, cutMs[iterations / 2], cutMs[(int) (iterations * 0.99)],
				cutMs[iterations - 1], iterations, bodyBytes);
	}

}
