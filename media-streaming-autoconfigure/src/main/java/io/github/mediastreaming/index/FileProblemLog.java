package io.github.mediastreaming.index;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Logs a problem a file causes at most once per file version, in one WARN line; the stack trace goes to
 * DEBUG. A damaged or hostile file is requested again and again: its problem must not turn into a log
 * line, let alone a stack trace, per request. A new version of the file (it changed) is logged again;
 * a version not seen for an hour may be too.
 */
public final class FileProblemLog {

	private final Log logger;

	private final Cache<Key, Boolean> logged = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	/**
	 * Create a log.
	 * @param source the class whose logger writes the lines
	 */
	public FileProblemLog(Class<?> source) {
		this.logger = LogFactory.getLog(source);
	}

	/**
	 * Log a problem of a file version, once.
	 * @param version the file version
	 * @param kind what kind of problem (a file may have several), such as {@code cut}
	 * @param message the line, naming the file and what happened
	 * @param cause the exception, {@code null} for none: its type and message close the line
	 */
	public void warn(MediaVersion version, String kind, String message, @Nullable Throwable cause) {
		boolean first = this.logged.asMap().putIfAbsent(new Key(version, kind), Boolean.TRUE) == null;
		if (first && this.logger.isWarnEnabled()) {
			this.logger.warn(message + ((cause != null) ? " (" + cause + ")" : "")
					+ "; logged once per file version, details at DEBUG");
		}
		if (cause != null && this.logger.isDebugEnabled()) {
			this.logger.debug(message, cause);
		}
	}

	private record Key(MediaVersion version, String kind) {

	}

}
