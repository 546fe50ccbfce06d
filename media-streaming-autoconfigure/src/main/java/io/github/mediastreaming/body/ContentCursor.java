package io.github.mediastreaming.body;

import java.nio.ByteBuffer;

/**
 * Produces the bytes of a {@link GeneratedContent} in order, from the position it was opened at.
 * Stateful and sequential: one reader, one cursor.
 */
@FunctionalInterface
public interface ContentCursor {

	/**
	 * Write the next bytes into the target, up to {@code target.remaining()}.
	 * @param target where to write, from its position
	 * @return how many bytes were written; 0 only at the end of the content
	 */
	int read(ByteBuffer target);

}
