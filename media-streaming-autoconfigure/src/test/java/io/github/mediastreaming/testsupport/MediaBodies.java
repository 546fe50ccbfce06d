package io.github.mediastreaming.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.ContentCursor;
import io.github.mediastreaming.body.MediaBody;

/**
 * Materialises a {@link MediaBody} plan into bytes, so cutting code can be checked without a server.
 */
public final class MediaBodies {

	private MediaBodies() {
	}

	/**
	 * Write the bytes a body plan describes.
	 * @param body the plan
	 * @param source the media file its file regions refer to
	 * @param target where to write
	 * @return {@code target}
	 * @throws IOException if reading or writing fails
	 */
	public static Path write(MediaBody body, Path source, Path target) throws IOException {
		try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
				OutputStream out = Files.newOutputStream(target)) {
			for (BodyPart part : body.parts()) {
				if (part instanceof BodyPart.Bytes bytes) {
					out.write(bytes.content());
				}
				else if (part instanceof BodyPart.FileRegion region) {
					long sent = in.transferTo(region.offset(), region.length(), Channels.newChannel(out));
					if (sent != region.length()) {
						throw new IOException("Region " + region + " runs past the end of " + source);
					}
				}
				else if (part instanceof BodyPart.Generated generated) {
					out.write(generated(generated));
				}
			}
		}
		return target;
	}

	/**
	 * Return the bytes of a generated part, read through its cursor in small, odd-sized buffers, so that
	 * entries split across buffers are exercised.
	 * @param part the part
	 * @return its bytes
	 */
	public static byte[] generated(BodyPart.Generated part) {
		ContentCursor cursor = part.content().open(part.offset());
		byte[] bytes = new byte[Math.toIntExact(part.length())];
		ByteBuffer target = ByteBuffer.wrap(bytes);
		while (target.hasRemaining()) {
			ByteBuffer piece = target.slice();
			piece.limit(Math.min(piece.remaining(), 4093));
			int read = cursor.read(piece);
			if (read == 0) {
				throw new IllegalStateException("Generated content ended " + target.remaining() + " bytes early");
			}
			target.position(target.position() + read);
		}
		return bytes;
	}

	/**
	 * Return the bytes a body plan describes.
	 * @param body the plan
	 * @param source the media file its file regions refer to
	 * @return the bytes
	 * @throws IOException if reading fails
	 */
	public static byte[] toBytes(MediaBody body, Path source) throws IOException {
		Path temp = Files.createTempFile("body", ".bin");
		try {
			return Files.readAllBytes(write(body, source, temp));
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

}
