package io.github.mediastreaming.source;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

import io.github.mediastreaming.bytes.MediaSource;
import io.github.mediastreaming.format.MediaFormats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The open-file cache of a {@link LocalMediaStore}: a file found before is the same file with one
 * {@code stat}, and never an older file than the one on disk.
 */
class OpenFileCacheTests {

	@TempDir
	Path root;

	private LocalMediaStore store;

	@AfterEach
	void closeKeptFiles() {
		if (this.store != null) {
			this.store.closeIdleFiles();
		}
	}

	@Test
	void aFileFoundAgainIsTheSameFileAndStaysOpenBetweenRequests() throws Exception {
		Files.writeString(this.root.resolve("a.mp3"), "0123456789");
		this.store = store(10, Duration.ofMinutes(1));
		MediaFile first = this.store.lookup("a.mp3");
		assertThat(this.store.openFiles()).isEqualTo(1);
		assertThat(this.store.lookup("a.mp3")).isSameAs(first);
		try (MediaSource source = this.store.open(first)) {
			assertThat(source.read(2, 3)).containsExactly('2', '3', '4');
		}
		assertThat(this.store.openFiles()).isEqualTo(1);
		this.store.closeIdleFiles();
		assertThat(this.store.openFiles()).isZero();
	}

	@Test
	void aFileReplacedByARenameWithTheSameSizeAndTimeIsFoundAnew() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.mp3"), "old!");
		FileTime time = Files.getLastModifiedTime(file);
		this.store = store(10, Duration.ofMinutes(1));
		MediaFile old = this.store.lookup("a.mp3");
		try (MediaSource stillReading = this.store.open(old)) {
			Path fresh = Files.writeString(this.root.resolve(".fresh"), "new!");
			Files.setLastModifiedTime(fresh, time);
			Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			MediaFile current = this.store.lookup("a.mp3");
			assertThat(current).isNotSameAs(old);
			// Same size and time, another inode: another version, the new file, while a response reads the old one.
			assertThat(current.version()).isNotEqualTo(old.version());
			try (MediaSource source = this.store.open(current)) {
				assertThat(source.read(0, 4)).containsExactly('n', 'e', 'w', '!');
			}
			assertThat(stillReading.read(0, 4)).containsExactly('o', 'l', 'd', '!');
			// And the next request too, once the old one is checked no more.
			try (MediaSource source = this.store.open(this.store.lookup("a.mp3"))) {
				assertThat(source.read(0, 4)).containsExactly('n', 'e', 'w', '!');
			}
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.store.openFiles()).isEqualTo(1));
	}

	@Test
	void aFileReplacedWithTheSameSizeAndTimeAfterItsEntryWasDroppedIsTheNewOne() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.mp3"), "old!");
		FileTime time = Files.getLastModifiedTime(file);
		this.store = store(10, Duration.ofMinutes(1));
		MediaFile old = this.store.lookup("a.mp3");
		try (MediaSource stillReading = this.store.open(old)) {
			// The entry leaves (idle timeout, size bound, closeIdleFiles) while a long response reads on.
			this.store.closeIdleFiles();
			Path fresh = Files.writeString(this.root.resolve(".fresh"), "new!");
			Files.setLastModifiedTime(fresh, time);
			Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			try (MediaSource source = this.store.open(this.store.lookup("a.mp3"))) {
				assertThat(source.read(0, 4)).containsExactly('n', 'e', 'w', '!');
			}
		}
		// Nor may the entry kept for the new file go on serving the old one after that response ends.
		try (MediaSource source = this.store.open(this.store.lookup("a.mp3"))) {
			assertThat(source.read(0, 4)).containsExactly('n', 'e', 'w', '!');
		}
	}

	@Test
	void anEntryKeptForAReplacedFileDoesNotGoOnServingTheOldOneAfterItsLastReaderEnds() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.mp3"), "old!");
		FileTime time = Files.getLastModifiedTime(file);
		this.store = store(10, Duration.ofMinutes(1));
		MediaSource stillReading = this.store.open(this.store.lookup("a.mp3"));
		this.store.closeIdleFiles();
		Path fresh = Files.writeString(this.root.resolve(".fresh"), "new!");
		Files.setLastModifiedTime(fresh, time);
		Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		// The lookup of the new file keeps an entry: the new inode, but whichever channel its version had.
		assertThat(this.store.lookup("a.mp3")).isNotNull();
		stillReading.close();
		// Checked on every request (interval 0), long after the old file's last response ended.
		try (MediaSource source = this.store.open(this.store.lookup("a.mp3"))) {
			assertThat(source.read(0, 4)).containsExactly('n', 'e', 'w', '!');
		}
	}

	@Test
	void aFileFoundBeforeItWasReplacedIsNotOpenedOnceNoReaderHoldsItOpen() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.mp3"), "old!");
		this.store = store(10, Duration.ofMinutes(1));
		MediaFile found = this.store.lookup("a.mp3");
		this.store.closeIdleFiles();
		Path fresh = Files.writeString(this.root.resolve(".fresh"), "new bytes");
		Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		// Its bytes are gone: the new file's would go out under its length, validators and index.
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> this.store.open(found));
		assertThat(this.store.openFiles()).isZero();
	}

	@Test
	void withoutTheCacheAFileReplacedWithTheSameSizeAndTimeIsTheNewOne() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.mp3"), "old!");
		FileTime time = Files.getLastModifiedTime(file);
		this.store = new LocalMediaStore(this.root, new MediaFormats(List.of()));
		try (MediaSource stillReading = this.store.open(this.store.lookup("a.mp3"))) {
			Path fresh = Files.writeString(this.root.resolve(".fresh"), "new!");
			Files.setLastModifiedTime(fresh, time);
			Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			try (MediaSource source = this.store.open(this.store.lookup("a.mp3"))) {
				assertThat(source.read(0, 4)).containsExactly('n', 'e', 'w', '!');
			}
		}
	}

	@Test
	void aFileMadeUnreadableIsLookedUpAnew() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.mp3"), "bytes");
		this.store = store(10, Duration.ofMinutes(1));
		assertThat(this.store.lookup("a.mp3")).isNotNull();
		assertThat(file.toFile().setReadable(false, false)).isTrue();
		try {
			org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "root reads every file");
			assertThat(this.store.lookup("a.mp3")).isNull();
		}
		finally {
			file.toFile().setReadable(true, false);
		}
	}

	@Test
	void aFileChangedInPlaceIsANewVersion() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.mp3"), "short");
		this.store = store(10, Duration.ofMinutes(1));
		MediaFile old = this.store.lookup("a.mp3");
		Files.writeString(file, "much longer now");
		MediaFile current = this.store.lookup("a.mp3");
		assertThat(current.sizeBytes()).isEqualTo(15);
		assertThat(current.version()).isNotEqualTo(old.version());
	}

	@Test
	void aDeletedFileIsNotFoundAndItsDescriptorIsReleased() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.mp3"), "bytes");
		this.store = store(10, Duration.ofMinutes(1));
		assertThat(this.store.lookup("a.mp3")).isNotNull();
		Files.delete(file);
		assertThat(this.store.lookup("a.mp3")).isNull();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.store.openFiles()).isZero());
	}

	@Test
	void aResponseStillReadingAFileDroppedFromTheCacheKeepsItOpen() throws Exception {
		Files.writeString(this.root.resolve("a.mp3"), "0123456789");
		this.store = store(10, Duration.ofMinutes(1));
		MediaSource reading = this.store.open(this.store.lookup("a.mp3"));
		this.store.closeIdleFiles();
		assertThat(reading.read(0, 2)).containsExactly('0', '1');
		assertThat(this.store.openFiles()).isEqualTo(1);
		reading.close();
		assertThat(this.store.openFiles()).isZero();
	}

	@Test
	void anIdleFileIsClosedAfterTheIdleTimeout() throws Exception {
		Files.writeString(this.root.resolve("a.mp3"), "bytes");
		this.store = store(10, Duration.ofMillis(200));
		assertThat(this.store.lookup("a.mp3")).isNotNull();
		assertThat(this.store.openFiles()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.store.openFiles()).isZero());
	}

	@Test
	void noMoreFilesThanTheMaximumStayOpen() throws Exception {
		for (int i = 0; i < 5; i++) {
			Files.writeString(this.root.resolve(i + ".mp3"), "bytes " + i);
		}
		this.store = store(2, Duration.ofMinutes(1));
		for (int i = 0; i < 5; i++) {
			assertThat(this.store.lookup(i + ".mp3")).isNotNull();
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.store.openFiles()).isLessThanOrEqualTo(2));
	}

	@Test
	void withoutTheCacheNothingStaysOpenBetweenRequests() throws Exception {
		Files.writeString(this.root.resolve("a.mp3"), "bytes");
		this.store = new LocalMediaStore(this.root, new MediaFormats(List.of()));
		MediaFile file = this.store.lookup("a.mp3");
		assertThat(this.store.openFiles()).isZero();
		assertThat(this.store.lookup("a.mp3")).isNotSameAs(file).isEqualTo(file);
	}

	@Test
	void aLinkRepointedOutsideTheRootIsNotFound() throws Exception {
		Path outside = Files.createTempFile("outside", ".mp3");
		try {
			Files.writeString(this.root.resolve("inside.mp3"), "inside");
			Path link = Files.createSymbolicLink(this.root.resolve("a.mp3"), this.root.resolve("inside.mp3"));
			this.store = store(10, Duration.ofMinutes(1));
			assertThat(this.store.lookup("a.mp3")).isNotNull();
			Files.delete(link);
			Files.createSymbolicLink(link, outside);
			assertThat(this.store.lookup("a.mp3")).isNull();
		}
		finally {
			Files.delete(outside);
		}
	}

	@Test
	void withinTheCheckIntervalAReplacedFileIsServedAsItWasAndWhole() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.mp3"), "old!");
		this.store = new LocalMediaStore(this.root, new MediaFormats(List.of()),
				new OpenFileSettings(10, Duration.ofMinutes(1), Duration.ofHours(1)));
		MediaFile old = this.store.lookup("a.mp3");
		Path fresh = Files.writeString(this.root.resolve(".fresh"), "newer");
		Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		MediaFile within = this.store.lookup("a.mp3");
		assertThat(within).isSameAs(old);
		try (MediaSource source = this.store.open(within)) {
			assertThat(source.read(0, 4)).containsExactly('o', 'l', 'd', '!');
		}
	}

	@Test
	void afterTheCheckIntervalAReplacedFileIsTheNewOne() throws Exception {
		Path file = Files.writeString(this.root.resolve("a.mp3"), "old!");
		this.store = new LocalMediaStore(this.root, new MediaFormats(List.of()),
				new OpenFileSettings(10, Duration.ofMinutes(1), Duration.ofMillis(200)));
		assertThat(this.store.lookup("a.mp3")).isNotNull();
		Path fresh = Files.writeString(this.root.resolve(".fresh"), "newer");
		Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.store.lookup("a.mp3").sizeBytes()).isEqualTo(5));
	}

	@Test
	void invalidSettingsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpenFileSettings(-1, Duration.ofSeconds(1), Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpenFileSettings(1, Duration.ZERO, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpenFileSettings(1, Duration.ofSeconds(1), Duration.ofMillis(-1)));
	}

	/** A store that checks its kept files on every request. */
	private LocalMediaStore store(int openFiles, Duration idleTimeout) throws Exception {
		return new LocalMediaStore(this.root, new MediaFormats(List.of()),
				new OpenFileSettings(openFiles, idleTimeout, Duration.ZERO));
	}

}
