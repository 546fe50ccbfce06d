package io.github.mediastreaming.mp4;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.ContentCursor;
import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.testsupport.MediaBodies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CutDocument}: a cut's head produced on demand is the same bytes whatever position a cursor opens
 * at and whatever the buffers it fills, and its length is exact before any byte is produced.
 */
class CutDocumentTests {

	@ParameterizedTest
	@ValueSource(strings = { "faststart.mp4", "bframes.mp4", "delayed.mp4", "twoaudio.mp4", "moovend.mp4" })
	void aCursorOpenedAnywhereProducesTheSameBytesInAnyBufferSize(String name) throws Exception {
		Mp4Index index = Mp4CanonicalTests.index(name);
		BodyPart.Generated head = (BodyPart.Generated) index.seek(new SeekRequest.TimeRange(3.3, 6.5, true))
			.parts()
			.get(0);
		byte[] whole = MediaBodies.generated(head);
		assertThat(whole).hasSize((int) head.length());
		Random random = new Random(5);
		for (int round = 0; round < 200; round++) {
			int from = random.nextInt(whole.length + 1);
			int bufferSize = 1 + random.nextInt(97);
			assertThat(read(head.content().open(from), whole.length - from, bufferSize))
				.as("from %d in buffers of %d", from, bufferSize)
				.isEqualTo(Arrays.copyOfRange(whole, from, whole.length));
		}
	}

	@Test
	void aCursorAtTheEndProducesNothing() throws Exception {
		BodyPart.Generated head = (BodyPart.Generated) Mp4CanonicalTests.index("faststart.mp4")
			.seek(new SeekRequest.TimeRange(3, null, false))
			.parts()
			.get(0);
		assertThat(head.content().open(head.length()).read(ByteBuffer.allocate(16))).isZero();
	}

	@Test
	void aRangeOfACutIsTheSameBytesAsTheCutSliced() throws Exception {
		MediaBody body = Mp4CanonicalTests.index("bframes.mp4").seek(new SeekRequest.TimeRange(2.5, null, true));
		byte[] whole = MediaBodies.toBytes(body, Mp4FixturesTests.fixture("bframes.mp4"));
		for (long[] range : new long[][] { { 0, 10 }, { 7, 1000 }, { 500, 3000 }, { whole.length - 5000, 5000 } }) {
			assertThat(MediaBodies.toBytes(body.slice(range[0], range[1]), Mp4FixturesTests.fixture("bframes.mp4")))
				.isEqualTo(Arrays.copyOfRange(whole, (int) range[0], (int) (range[0] + range[1])));
		}
	}

	private static byte[] read(ContentCursor cursor, int length, int bufferSize) {
		ByteBuffer out = ByteBuffer.allocate(length);
		ByteBuffer buffer = ByteBuffer.allocate(bufferSize);
		int read;
		while ((read = cursor.read(buffer.clear())) > 0) {
			out.put(buffer.flip());
			assertThat(read).isEqualTo(buffer.limit());
		}
		assertThat(out.hasRemaining()).isFalse();
		return out.array();
	}

}
