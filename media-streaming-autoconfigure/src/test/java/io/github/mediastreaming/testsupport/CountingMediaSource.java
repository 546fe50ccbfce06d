package io.github.mediastreaming.testsupport;

import java.util.ArrayList;
import java.util.List;

import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.bytes.MediaSource;

/**
 * Bytes in memory that count the reads a reader makes, for tests of how much a reader reads. Everything
 * but {@code size} and {@code read} keeps {@link MediaSource}'s defaults: to a reader this is a source
 * that is not a local file.
 */
public final class CountingMediaSource implements MediaSource {

	private final ByteArrayMediaSource bytes;

	private final List<Integer> lengths = new ArrayList<>();

	/**
	 * Serve the given bytes.
	 * @param bytes the file's content
	 */
	public CountingMediaSource(byte[] bytes) {
		this.bytes = new ByteArrayMediaSource(bytes);
	}

	@Override
	public long size() {
		return this.bytes.size();
	}

	@Override
	public synchronized byte[] read(long position, int length) {
		this.lengths.add(length);
		return this.bytes.read(position, length);
	}

	/** @return the reads made so far */
	public synchronized int reads() {
		return this.lengths.size();
	}

	/**
	 * @param length a read length
	 * @return the reads made so far that asked for more than it
	 */
	public synchronized long readsLongerThan(int length) {
		return this.lengths.stream().filter((asked) -> asked > length).count();
	}

}
