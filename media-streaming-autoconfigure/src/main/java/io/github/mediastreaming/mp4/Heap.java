package io.github.mediastreaming.mp4;

/**
 * Heap sizes as HotSpot lays objects out on a 64-bit JVM with compressed references (a 16-byte array
 * header, 8-byte alignment), so that {@link Mp4Index#retainedBytes()} matches what a heap histogram
 * counts.
 */
final class Heap {

	/** A small object: its header and a few fields. */
	static final long OBJECT = 32;

	private Heap() {
	}

	/**
	 * Return what an array costs.
	 * @param length its length
	 * @param width bytes per element
	 * @return bytes, header included
	 */
	static long array(long length, int width) {
		return align(16 + length * width);
	}

	private static long align(long bytes) {
		return (bytes + 7) & ~7L;
	}

}
