package io.github.mediastreaming.mp4;

import java.util.Arrays;

/**
 * A track's {@code sdtp} bytes (leading, depends-on, is-depended-on and redundancy flags), one a sample.
 * Samples past the end of a short table read as 0 (unknown). Immutable; equal by content.
 */
final class DependencyFlags {

	private final byte[] flags;

	/**
	 * Create the table.
	 * @param flags one byte a sample; not copied
	 */
	DependencyFlags(byte[] flags) {
		this.flags = flags;
	}

	/**
	 * @param sample the sample index
	 * @return its flags byte
	 */
	int flags(int sample) {
		return (sample < this.flags.length) ? this.flags[sample] & 0xFF : 0;
	}

	/** @return the heap this table holds */
	long retainedBytes() {
		return Heap.OBJECT + Heap.array(this.flags.length, 1);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof DependencyFlags that && Arrays.equals(this.flags, that.flags);
	}

	@Override
	public int hashCode() {
		return this.flags.length;
	}

	@Override
	public String toString() {
		return "DependencyFlags[" + this.flags.length + "]";
	}

}
