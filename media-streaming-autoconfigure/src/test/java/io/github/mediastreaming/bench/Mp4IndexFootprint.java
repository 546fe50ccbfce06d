package io.github.mediastreaming.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.mp4.Mp4IndexReader;

/**
 * Holds MP4 indexes for a heap histogram (not a test): reads one index and drops it (so every class is
 * loaded), says {@code baseline} and waits for a line on stdin; then reads the file {@code count} times,
 * keeps every index, says {@code loaded} and waits again. {@code benchmarks/mp4-cut.sh} takes
 * {@code jcmd PID GC.class_histogram} at both points: their difference divided by {@code count} is what
 * one index holds.
 *
 * <p>Arguments: {@code file count}.
 */
public final class Mp4IndexFootprint {

	private Mp4IndexFootprint() {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		int count = Integer.parseInt(args[1]);
		Mp4IndexReader reader = new Mp4IndexReader();
		BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		long retained = read(reader, file).retainedBytes();
		System.out.println("baseline " + ProcessHandle.current().pid());
		stdin.readLine();
		List<MediaIndex> indexes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			indexes.add(read(reader, file));
		}
		System.out.println("loaded " + indexes.size() + " indexes, retainedBytes() " + retained + " each");
		stdin.readLine();
		System.out.println("held " + indexes.size());
	}

	private static MediaIndex read(Mp4IndexReader reader, Path file) throws Exception {
		try (FileMediaSource source = FileMediaSource.open(file)) {
			return reader.read(source);
		}
	}

}
