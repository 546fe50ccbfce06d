package io.github.mediastreaming.delivery;

import java.nio.channels.FileChannel;

import io.netty.channel.DefaultFileRegion;

/**
 * A region of a file channel that many regions share, one response's open file: Netty releases each
 * region once written, and a plain {@link DefaultFileRegion} would close the channel then. Sent with
 * {@code sendfile} by Netty's native and NIO transports (they recognise {@link DefaultFileRegion}); the
 * channel is closed by the response when its last region is done.
 */
final class SharedFileRegion extends DefaultFileRegion {

	SharedFileRegion(FileChannel file, long position, long count) {
		super(file, position, count);
	}

	@Override
	protected void deallocate() {
		// The channel is the response's, not this region's.
	}

}
