package io.github.mediastreaming.source;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.github.mediastreaming.bytes.FileMediaSource;
import io.github.mediastreaming.index.MediaVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OpenFilesTests {

	@TempDir
	Path folder;

	private final OpenFiles openFiles = new OpenFiles();

	@Test
	void readersOfOneVersionShareOneChannelUntilTheLastCloses() throws Exception {
		Path file = Files.writeString(this.folder.resolve("a.mp4"), "0123456789");
		MediaVersion version = new MediaVersion(file.toString(), 10, 1, null);
		FileMediaSource first = this.openFiles.open(file, version);
		FileMediaSource second = this.openFiles.open(file, version);
		assertThat(second.fileChannel()).isSameAs(first.fileChannel());
		assertThat(this.openFiles.openFiles()).isEqualTo(1);
		first.close();
		first.close(); // a second close releases nothing more
		assertThat(second.read(2, 3)).containsExactly('2', '3', '4');
		assertThat(second.fileChannel().isOpen()).isTrue();
		second.close();
		assertThat(second.fileChannel().isOpen()).isFalse();
		assertThat(this.openFiles.openFiles()).isZero();
	}

	@Test
	void aNewVersionOpensTheFileAgainWhileTheOldStaysOpenForItsReaders() throws Exception {
		Path file = Files.writeString(this.folder.resolve("a.mp4"), "old");
		FileMediaSource old = this.openFiles.open(file, new MediaVersion(file.toString(), 3, 1, null));
		Path replacement = Files.writeString(this.folder.resolve("b.tmp"), "newer");
		Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		FileMediaSource current = this.openFiles.open(file, new MediaVersion(file.toString(), 5, 2, null));
		assertThat(current.fileChannel()).isNotSameAs(old.fileChannel());
		assertThat(old.read(0, 3)).containsExactly('o', 'l', 'd');
		assertThat(current.read(0, 5)).containsExactly('n', 'e', 'w', 'e', 'r');
		old.close();
		current.close();
		assertThat(this.openFiles.openFiles()).isZero();
	}

	@Test
	void aFileThatCannotBeOpenedLeavesNothingOpen() {
		Path missing = this.folder.resolve("missing.mp4");
		assertThatExceptionOfType(NoSuchFileException.class)
			.isThrownBy(() -> this.openFiles.open(missing, new MediaVersion(missing.toString(), 1, 1, null)));
		assertThat(this.openFiles.openFiles()).isZero();
	}

}
