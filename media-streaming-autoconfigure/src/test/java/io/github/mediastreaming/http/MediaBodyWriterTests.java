package io.github.mediastreaming.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.mediastreaming.body.BodyPart;
import io.github.mediastreaming.body.MediaBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MediaBodyWriter#read}: a plan's parts become buffers in order, and a file that no longer holds
 * a region fails the body instead of ending it short.
 */
class MediaBodyWriterTests {

	@TempDir
	Path temp;

	@Test
	void partsAreReadInOrderWithTheirExactLengths() throws Exception {
		Path file = Files.writeString(this.temp.resolve("f.bin"), "0123456789");
		MediaBody body = new MediaBody(List.of(new BodyPart.Bytes("head-".getBytes(StandardCharsets.US_ASCII)),
				new BodyPart.FileRegion(2, 3), new BodyPart.FileRegion(8, 2)));
		Flux<DataBuffer> buffers = MediaBodyWriter.read(file, body, DefaultDataBufferFactory.sharedInstance, 2);
		String text = DataBufferUtils.join(buffers).map((buffer) -> {
			String value = buffer.toString(StandardCharsets.US_ASCII);
			DataBufferUtils.release(buffer);
			return value;
		}).block();
		assertThat(text).isEqualTo("head-23489");
	}

	@Test
	void aRegionBeyondTheEndOfAShrunkenFileFailsTheBody() throws Exception {
		Path file = Files.writeString(this.temp.resolve("f.bin"), "0123456789");
		MediaBody body = new MediaBody(List.of(new BodyPart.FileRegion(4, 6)));
		Files.writeString(file, "01234567");
		StepVerifier.create(MediaBodyWriter.read(file, body, DefaultDataBufferFactory.sharedInstance, 4)
			.doOnNext(DataBufferUtils::release))
			.expectNextCount(1)
			.expectError(MediaBodyWriter.FileChangedException.class)
			.verify();
	}

}
