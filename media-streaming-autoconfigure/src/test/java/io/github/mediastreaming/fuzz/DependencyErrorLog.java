package io.github.mediastreaming.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Records which fuzz inputs make a dependency (mp4parser, so far) log at ERROR: each input is saved once
 * under {@code target/fuzz-dependency-errors/<reader>/} and listed with the log line in
 * {@code target/fuzz-dependency-errors/<reader>.txt}, so damaged files that flood a server's log can be
 * replayed. While fuzzing, the console log is switched off: a dependency's hex dump per execution would
 * slow the fuzzer and flood the build output.
 */
final class DependencyErrorLog {

	private static final Path FOLDER = Path.of("target", "fuzz-dependency-errors");

	private static final String APPENDER_NAME = "fuzz-dependency-errors";

	private static final String OWN_PACKAGE = "io.github.mediastreaming";

	/** Inputs saved per reader and JVM, so a long campaign does not fill the disk. */
	private static final int MAX_SAVED = 200;

	private static final ThreadLocal<List<ILoggingEvent>> EVENTS = ThreadLocal.withInitial(ArrayList::new);

	private static final Set<String> SAVED = ConcurrentHashMap.newKeySet();

	private DependencyErrorLog() {
	}

	/** Start recording for one input on this thread. */
	static void begin() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		// Spring tests in the same JVM reset the logging context: attach again whenever it is gone.
		if (root.getAppender(APPENDER_NAME) == null) {
			if (FuzzMode.fuzzing()) {
				root.detachAndStopAllAppenders();
				root.setLevel(Level.WARN);
			}
			Recorder recorder = new Recorder();
			recorder.setName(APPENDER_NAME);
			recorder.setContext(root.getLoggerContext());
			recorder.start();
			root.addAppender(recorder);
		}
		EVENTS.get().clear();
	}

	/**
	 * Stop recording for one input, and save it if a dependency logged an error.
	 * @param reader the reader's name, for the folder
	 * @param input the fuzzer's bytes
	 * @return the first line of each error logged, with its logger's name
	 */
	static List<String> end(String reader, byte[] input) {
		List<ILoggingEvent> events = EVENTS.get();
		List<String> lines = new ArrayList<>();
		for (ILoggingEvent event : events) {
			String message = event.getFormattedMessage();
			int newline = message.indexOf('\n');
			lines.add(event.getLoggerName() + ": " + ((newline < 0) ? message : message.substring(0, newline)));
		}
		events.clear();
		if (!lines.isEmpty()) {
			save(reader, input, lines);
		}
		return lines;
	}

	private static void save(String reader, byte[] input, List<String> lines) {
		String name = sha256(input).substring(0, 16);
		if (SAVED.size() >= MAX_SAVED || !SAVED.add(reader + "/" + name)) {
			return;
		}
		try {
			Files.createDirectories(FOLDER.resolve(reader));
			Files.write(FOLDER.resolve(reader).resolve(name), input);
			StringBuilder listing = new StringBuilder();
			for (String line : lines) {
				listing.append(name).append(' ').append(line).append('\n');
			}
			Files.writeString(FOLDER.resolve(reader + ".txt"), listing, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha256(byte[] input) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Keeps the ERROR events of other packages' loggers, per thread. */
	private static final class Recorder extends AppenderBase<ILoggingEvent> {

		@Override
		protected void append(ILoggingEvent event) {
			if (event.getLevel().isGreaterOrEqual(Level.ERROR) && !event.getLoggerName().startsWith(OWN_PACKAGE)) {
				EVENTS.get().add(event);
			}
		}

	}

}
