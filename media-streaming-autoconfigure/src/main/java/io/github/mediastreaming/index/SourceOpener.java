package io.github.mediastreaming.index;

import java.io.IOException;

import io.github.mediastreaming.bytes.MediaSource;

/**
 * Opens the bytes of the file being indexed; called once per index build, off the event loop.
 */
@FunctionalInterface
public interface SourceOpener {

	/**
	 * Open the file.
	 * @return its bytes; the caller closes them
	 * @throws IOException if the file cannot be opened
	 */
	MediaSource open() throws IOException;

}
