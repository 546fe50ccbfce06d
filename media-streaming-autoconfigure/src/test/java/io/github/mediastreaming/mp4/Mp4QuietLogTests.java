package io.github.mediastreaming.mp4;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.mediastreaming.bytes.ByteArrayMediaSource;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaFormatException;
import io.github.mediastreaming.index.MediaIndex;
import io.github.mediastreaming.index.SeekRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged structural boxes ({@code mvhd}, {@code tkhd}, {@code mdhd}, {@code hdlr}, {@code elst}) reach
 * mp4parser's box classes, which log ERROR lines with hex dumps when a box does not serialise back to
 * its own bytes ("buffers differ", checked whenever assertions are enabled, as in these tests) and WARN
 * lines for durations with the top bit set. Indexing such files logs nothing from mp4parser: every file
 * either indexes or fails with the project's own exception.
 */
class Mp4QuietLogTests {

	private static final List<String> STRUCTURAL = List.of("mvhd", "tkhd", "mdhd", "hdlr", "elst");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	@BeforeEach
	void captureTheLog() {
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	@AfterEach
	void stopCapturing() {
		this.root.detachAppender(this.appender);
	}

	@Test
	void everyByteOfEveryStructuralBoxDamagedLogsNothingFromMp4parser() throws Exception {
		byte[] file = Files.readAllBytes(Mp4FixturesTests.fixture("bframes.mp4"));
		List<Box> boxes = structuralBoxes(file);
		assertThat(boxes).extracting(Box::type).containsAll(STRUCTURAL);
		int damaged = 0;
		for (Box box : boxes) {
			for (long at = box.dataOffset(); at < box.end(); at++) {
				for (int value : new int[] { 0xFF, 0x80, 0x01 }) {
					byte[] copy = file.clone();
					copy[(int) at] = (byte) value;
					indexAndCut(copy);
					damaged++;
				}
			}
		}
		assertThat(damaged).isGreaterThan(500);
		assertThat(mp4parserLines()).isEmpty();
	}

	@Test
	void randomDamageInTheMoovLogsNothingFromMp4parser() throws Exception {
		byte[] file = Files.readAllBytes(Mp4FixturesTests.fixture("faststart.mp4"));
		Random random = new Random(13);
		for (int round = 0; round < 500; round++) {
			byte[] copy = file.clone();
			for (int i = 0; i < 3; i++) {
				copy[random.nextInt(4000)] = (byte) random.nextInt(256);
			}
			indexAndCut(copy);
		}
		assertThat(mp4parserLines()).isEmpty();
	}

	private static void indexAndCut(byte[] file) {
		try {
			MediaIndex index = new Mp4IndexReader().read(new ByteArrayMediaSource(file));
			if (index.seeker() != null) {
				index.seeker().seek(new SeekRequest.TimeRange(1, null, true));
			}
		}
		catch (MediaFormatException | InvalidSeekException ex) {
			// what a damaged file may cause
		}
		catch (Exception ex) {
			throw new AssertionError("A damaged file caused " + ex, ex);
		}
	}

	private List<String> mp4parserLines() {
		return this.appender.list.stream()
			.filter((event) -> event.getLoggerName().startsWith("org.mp4parser"))
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.map((event) -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage())
			.toList();
	}

	private static List<Box> structuralBoxes(byte[] file) throws MediaFormatException {
		List<Box> found = new ArrayList<>();
		collect(file, 0, file.length, found);
		return found;
	}

	private static void collect(byte[] bytes, int from, int to, List<Box> found) throws MediaFormatException {
		for (Box box : Box.children(bytes, from, to)) {
			if (STRUCTURAL.contains(box.type())) {
				found.add(box);
			}
			else if (List.of("moov", "trak", "mdia", "edts").contains(box.type())) {
				collect(bytes, (int) box.dataOffset(), (int) box.end(), found);
			}
		}
	}

}
