package io.github.mediastreaming.mp4;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Arrays a {@code moov} is read into while its file is indexed, kept for the next build: the index keeps a
 * fraction of a {@code moov} (its template and sample tables, copied out), and a 2-hour movie's is 4 MB, an
 * array the JVM zeroes and G1 places as a humongous object on every build (a library larger than the index
 * cache indexes all day). With a kept array a build of that movie allocates 2.9 MB instead of 6.9
 * (docs/benchmarks.md).
 * <p>
 * Keeps at most {@value #KEPT} arrays of at most {@value #MAX_KEPT_BYTES} bytes each, so at most 16 MB of
 * heap (a 4-hour movie's {@code moov} is about 8 MB; a longer one is read into an array of its own); builds
 * running at once past that allocate theirs. Arrays are sized in steps of {@value #STEP_BYTES} bytes so that
 * files of similar length share them, and may be longer than what they hold: a reader bounds itself by the
 * length read, never by the array's. Thread-safe.
 */
final class MoovBuffers {

	static final int KEPT = 2;

	static final int MAX_KEPT_BYTES = 8 * 1024 * 1024;

	static final int STEP_BYTES = 1024 * 1024;

	private final AtomicReferenceArray<byte[]> kept = new AtomicReferenceArray<>(KEPT);

	/**
	 * Take an array of at least {@code length} bytes: a kept one if one is long enough, else a new one.
	 * @param length the bytes it must hold
	 * @return the array, to {@link #give(byte[]) give} back when done with it
	 */
	byte[] take(int length) {
		for (int i = 0; i < KEPT; i++) {
			byte[] array = this.kept.get(i);
			if (array != null && array.length >= length && this.kept.compareAndSet(i, array, null)) {
				return array;
			}
		}
		long stepped = ((long) length + STEP_BYTES - 1) / STEP_BYTES * STEP_BYTES;
		return new byte[(stepped <= MAX_KEPT_BYTES) ? (int) stepped : length];
	}

	/**
	 * Give back an array taken here, once nothing reads it any more: kept in a free place, or in place of a
	 * shorter one, unless it is too long to keep.
	 * @param array the array
	 */
	void give(byte[] array) {
		if (array.length > MAX_KEPT_BYTES) {
			return;
		}
		for (int i = 0; i < KEPT; i++) {
			if (this.kept.compareAndSet(i, null, array)) {
				return;
			}
		}
		for (int i = 0; i < KEPT; i++) {
			byte[] current = this.kept.get(i);
			if (current != null && current.length < array.length && this.kept.compareAndSet(i, current, array)) {
				return;
			}
		}
	}

}
