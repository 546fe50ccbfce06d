package io.github.mediastreaming.bytes;

import java.io.EOFException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reads of a local file through {@link FileMediaSource}.
 */
class FileMediaSourceTests {

	@TempDir
	Path temp;

	@Test
	void readsLargerThanASliceReturnTheFilesBytesAndStopAtItsEnd() throws Exception {
		byte[] content = new byte[3 * FileMediaSource.READ_SLICE_BYTES + 12_345];
		new Random(5).nextBytes(content);
		Path file = Files.write(this.temp.resolve("media.bin"), content);
		try (FileMediaSource source = FileMediaSource.open(file)) {
			assertThat(source.read(0, content.length)).isEqualTo(content);
			assertThat(source.read(777, 2 * FileMediaSource.READ_SLICE_BYTES + 1))
				.isEqualTo(Arrays.copyOfRange(content, 777, 777 + 2 * FileMediaSource.READ_SLICE_BYTES + 1));
			// Past the end: what there is.
			assertThat(source.read(content.length - 100, FileMediaSource.READ_SLICE_BYTES))
				.isEqualTo(Arrays.copyOfRange(content, content.length - 100, content.length));
			assertThat(source.read(content.length, 10)).isEmpty();
		}
	}

	@Test
	void aReadIntoAnArrayFillsItsStartAndFailsPastTheEnd() throws Exception {
		byte[] content = new byte[2 * FileMediaSource.READ_SLICE_BYTES + 999];
		new Random(7).nextBytes(content);
		Path file = Files.write(this.temp.resolve("into.bin"), content);
		try (FileMediaSource source = FileMediaSource.open(file)) {
			byte[] target = new byte[content.length + 10];
			Arrays.fill(target, (byte) 1);
			source.readFully(5, target, content.length - 5);
			assertThat(Arrays.copyOf(target, content.length - 5)).isEqualTo(Arrays.copyOfRange(content, 5, content.length));
			assertThat(Arrays.copyOfRange(target, content.length - 5, target.length)).containsOnly(1);
			assertThatExceptionOfType(EOFException.class).isThrownBy(() -> source.readFully(6, target, content.length - 5));
		}
	}

	@Test
	void aLargeReadLeavesNoLargeDirectBufferWithTheThreadThatReadIt() throws Exception {
		Path file = Files.write(this.temp.resolve("moov.bin"), new byte[8 * 1024 * 1024]);
		BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.findFirst()
			.orElseThrow();
		// A thread of its own, measured while it lives: the JDK frees a thread's cached buffers when it ends.
		CompletableFuture<Long> kept = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (FileMediaSource source = FileMediaSource.open(file)) {
				long before = direct.getMemoryUsed();
				assertThat(source.read(0, 8 * 1024 * 1024)).hasSize(8 * 1024 * 1024);
				kept.complete(direct.getMemoryUsed() - before);
			}
			catch (Throwable ex) {
				kept.completeExceptionally(ex);
			}
		});
		reader.start();
		assertThat(kept.get()).isLessThanOrEqualTo(FileMediaSource.READ_SLICE_BYTES);
		reader.join();
	}

}
