package io.github.mediastreaming.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.ContentCursor;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.mp4.Mp4IndexReader;

/**
 * MP4 cut benchmark (not a test): times indexing a file (what a cache miss costs, in a fresh JVM and
 * once the indexing code is compiled), planning a new cut
 * from the cached index (what every other {@code ?start=} costs before its first byte), and producing
 * the cut's whole head ({@code ftyp}, {@code moov}, {@code mdat} header) through a cursor into a 64 KiB
 * buffer, as a response does while it sends it. Every cut starts at a different time near the given one
 * (an exact start 0.37 s further each time), so none is a repeat. In process, without HTTP. Run it
 * through {@code benchmarks/mp4-cut.sh}.
 *
 * <p>Arguments: {@code file startSeconds [iterations]}.
 */
public final class Mp4CutBenchmark {

	private static final int WARM_UP = 2000;

	private Mp4CutBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		double start = Double.parseDouble(args[1]);
		int iterations = (args.length > 2) ? Integer.parseInt(args[2]) : 1000;
		Mp4IndexReader reader = new Mp4IndexReader();
		double[] indexMs = new double[10];
		MediaIndex index = null;
		for (int i = 0; i < indexMs.length; i++) {
			long begin = System.nanoTime();
			try (FileMediaSource source = FileMediaSource.open(file)) {
				index = reader.read(source);
			}
			indexMs[i] = (System.nanoTime() - begin) / 1e6;
		}
		double firstIndexMs = indexMs[0];
		MediaSeeker seeker = index.seeker();
		ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
		for (int i = 0; i < WARM_UP; i++) {
			// Warm-up: let the JIT compile the cut before it is measured, as on a running server.
			produce(seeker.seek(request(start, i, index.durationSeconds())), buffer);
		}
		double[] planMs = new double[iterations];
		double[] headMs = new double[iterations];
		long headBytes = 0;
		long bodyBytes = 0;
		for (int i = 0; i < iterations; i++) {
			SeekRequest request = request(start, WARM_UP + i, index.durationSeconds());
			long begin = System.nanoTime();
			MediaBody body = seeker.seek(seeker.canonical(request));
			long planned = System.nanoTime();
			headBytes = produce(body, buffer);
			headMs[i] = (System.nanoTime() - planned) / 1e6;
			planMs[i] = (planned - begin) / 1e6;
			bodyBytes = body.length();
		}
		// A cache miss once the indexing code is compiled too: 200 more, the last 100 counted.
		double[] warmIndexMs = new double[100];
		for (int i = 0; i < 200; i++) {
			long begin = System.nanoTime();
			try (FileMediaSource source = FileMediaSource.open(file)) {
				reader.read(source);
			}
			if (i >= 100) {
				warmIndexMs[i - 100] = (System.nanoTime() - begin) / 1e6;
			}
		}
		Arrays.sort(indexMs);
		Arrays.sort(warmIndexMs);
		Arrays.sort(planMs);
		Arrays.sort(headMs);
		System.out.printf(Locale.ROOT, "file: %s, %.0f s, %d bytes, index retains %d bytes%n", file.getFileName(),
				index.durationSeconds(), index.sizeBytes(), index.retainedBytes());
		System.out.printf(Locale.ROOT, "index (cache miss): first %.1f ms, median of %d %.1f ms; after 200 more, median %.2f ms, "
				+ "p99 %.2f ms%n", firstIndexMs, indexMs.length, indexMs[indexMs.length / 2], warmIndexMs[50], warmIndexMs[98]);
		System.out.printf(Locale.ROOT,
				"new cut near %.0f s from the cached index (canonical + plan): median %.3f ms, p99 %.3f ms, max %.3f ms "
						+ "(%d cuts after %d warm-up; body %d bytes)%n",
				start, planMs[iterations / 2], planMs[(int) (iterations * 0.99)], planMs[iterations - 1], iterations,
				WARM_UP, bodyBytes);
		System.out.printf(Locale.ROOT,
				"producing the cut's head (%d bytes) into a 64 KiB buffer: median %.3f ms, p99 %.3f ms, max %.3f ms%n",
				headBytes, headMs[iterations / 2], headMs[(int) (iterations * 0.99)], headMs[iterations - 1]);
	}

	private static SeekRequest request(double start, int i, double duration) {
		return new SeekRequest.TimeRange((start + 0.37 * i) % (duration - 1), null, true);
	}

	/** Produce a body's generated head as a writer does, a buffer at a time; return its length. */
	private static long produce(MediaBody body, ByteBuffer buffer) {
		if (!(body.parts().get(0) instanceof BodyPart.Generated head)) {
			return 0;
		}
		ContentCursor cursor = head.content().open(head.offset());
		long produced = 0;
		while (produced < head.length()) {
			buffer.clear();
			produced += cursor.read(buffer);
		}
		return produced;
	}

}
