package io.github.mediastreaming.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

import io.github.mediastreaming.format.MediaFormats;
import io.github.mediastreaming.index.IndexBudget;
import io.github.mediastreaming.index.IndexListener;
import io.github.mediastreaming.index.IndexResult;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.MediaIndexReader;
import io.github.mediastreaming.index.MediaIndexService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file replaced by one of the same size and time is, per the open-file cache and the docs, a new file:
 * its index must be the new file's, not the one cut from the bytes it replaced.
 */
class StaleVersionIndexTests {

	@TempDir
	Path root;

	/** An index whose duration is the file's first byte, in seconds: two files, two indexes. */
	private static final MediaIndexReader FIRST_BYTE = (source, budget) -> new MediaIndex(source.size(),
			source.read(0, 1)[0] * 1_000_000L, 0, null);

	@Test
	void aFileReplacedWithTheSameSizeAndTimeGetsTheNewFilesIndex() throws Exception {
		Path file = Files.write(this.root.resolve("a.wav"), new byte[] { 1, 0, 0, 0 });
		FileTime time = Files.getLastModifiedTime(file);
		LocalMediaStore store = new LocalMediaStore(this.root, new MediaFormats(List.of()),
				new OpenFileSettings(10, Duration.ofMinutes(1), Duration.ZERO));
		MediaIndexService indexes = MediaIndexService.boundedByEntries(10, IndexBudget.DEFAULT_MAXIMUM.toBytes(), null,
				Runnable::run, IndexListener.NONE);
		try {
			MediaFile old = store.lookup("a.wav");
			assertThat(duration(indexes, store, old)).isEqualTo(1_000_000L);
			Path fresh = Files.write(this.root.resolve(".fresh"), new byte[] { 7, 0, 0, 0 });
			Files.setLastModifiedTime(fresh, time);
			Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			MediaFile current = store.lookup("a.wav");
			// The store noticed: a new MediaFile whose bytes are the new file's...
			assertThat(current).isNotSameAs(old);
			try (var source = store.open(current)) {
				assertThat(source.read(0, 1)).containsExactly(7);
			}
			// ...but the index (and every plan cut from it) is still the old file's.
			assertThat(duration(indexes, store, current)).isEqualTo(7_000_000L);
		}
		finally {
			store.closeIdleFiles();
		}
	}

	private static long duration(MediaIndexService indexes, LocalMediaStore store, MediaFile file) {
		IndexResult result = indexes.index(file.version(), "wav", FIRST_BYTE, () -> store.open(file)).block();
		return ((IndexResult.Indexed) result).index().durationUs();
	}

}
