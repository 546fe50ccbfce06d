package io.github.mediastreaming.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.flv.FlvIndex;
import io.github.mediastreaming.flv.FlvIndexReader;
import io.github.mediastreaming.index.MediaIndex;

/**
 * FLV indexing benchmark (not a test): times what a cache miss costs for each file given, in process.
 * Run it through {@code benchmarks/flv-index.sh}.
 *
 * <p>Arguments: {@code file...}.
 */
public final class FlvIndexBenchmark {

	private FlvIndexBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		FlvIndexReader reader = new FlvIndexReader();
		for (String name : args) {
			Path file = Path.of(name);
			double[] ms = new double[10];
			MediaIndex index = null;
			for (int i = 0; i < ms.length; i++) {
				long begin = System.nanoTime();
				try (FileMediaSource source = FileMediaSource.open(file)) {
					index = reader.read(source);
				}
				ms[i] = (System.nanoTime() - begin) / 1e6;
			}
			double first = ms[0];
			Arrays.sort(ms);
			System.out.printf(Locale.ROOT, "%s: %d bytes, %.0f s, %d seek points; index first %.1f ms, median of %d %.1f ms%n",
					file.getFileName(), index.sizeBytes(), index.durationSeconds(),
					((FlvIndex) index.seeker()).keyFrameOffsets().length, first, ms.length, ms[ms.length / 2]);
		}
	}

}
