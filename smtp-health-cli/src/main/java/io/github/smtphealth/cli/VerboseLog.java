package io.github.smtphealth.cli;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code --verbose}: the probe logs the dialogue at DEBUG through {@link System.Logger} (lines the
 * client sends, AUTH data as {@code <secret>}; the first line of each reply, secrets masked), which
 * the JDK routes to {@code java.util.logging}. This sends those records to standard error, through
 * the {@link SecretMask}, so the plugin line on standard output stays the first line.
 */
final class VerboseLog {

	/**
	 * Held so the configured logger is not garbage-collected (and its level forgotten).
	 */
	private static Logger logger = Logger.getAnonymousLogger();

	private VerboseLog() {
	}

	static void enable(PrintStream err, SecretMask mask) {
		logger = Logger.getLogger("io.github.smtphealth");
		logger.setUseParentHandlers(false);
		logger.setLevel(Level.FINE);
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				if (isLoggable(record)) {
					err.println(mask.apply("smtp-check: " + getFormatter().formatMessage(record)));
				}
			}

			@Override
			public void flush() {
				err.flush();
			}

			@Override
			public void close() {
				flush();
			}

		};
		handler.setFormatter(new Formatter() {

			@Override
			public String format(LogRecord record) {
				return formatMessage(record);
			}

		});
		handler.setLevel(Level.FINE);
		logger.addHandler(handler);
	}

}
