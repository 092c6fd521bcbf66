/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.smtphealth.cli;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code --verbose}: the probe logs the dialogue at DEBUG through {@link System.Logger}
 * (lines the client sends, AUTH data as {@code <secret>}; the first line of each reply,
 * secrets masked), which the JDK routes to {@code java.util.logging}. This sends those
 * records to standard error, through the {@link SecretMask}, so the plugin line on
 * standard output stays the first line.
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
