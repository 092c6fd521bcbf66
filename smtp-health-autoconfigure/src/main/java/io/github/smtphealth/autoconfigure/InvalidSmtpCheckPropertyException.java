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

package io.github.smtphealth.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A value of the SMTP health check's configuration that cannot be used, naming the
 * property the user wrote. The value shown has its control characters escaped, so that a
 * rejected CR/LF cannot forge log lines; secrets are never passed as the value.
 *
 * @since 0.1.0
 */
public class InvalidSmtpCheckPropertyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final @Nullable String value;

	private final String reason;

	/**
	 * Create an exception.
	 * @param property the full name of the property, such as {@code smtp.check.timeout}
	 * @param value the rejected value, or {@code null} to show none (always for secrets)
	 * @param reason what is wrong, as a sentence for people
	 */
	public InvalidSmtpCheckPropertyException(String property, @Nullable Object value, String reason) {
		super(message(property, printable(value), reason));
		this.property = property;
		this.value = printable(value);
		this.reason = reason;
	}

	/**
	 * Return the full name of the property.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the rejected value, control characters escaped.
	 * @return the value, or {@code null} if it is not shown
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Return what is wrong.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	private static String message(String property, @Nullable String value, String reason) {
		return ((value != null) ? "Invalid value '" + value + "' for " : "Invalid ") + property + ": " + reason;
	}

	/**
	 * Format a duration as a user writes it: {@code 5s}, {@code 250ms}, {@code 14d}.
	 * @param duration the duration
	 * @return the text
	 */
	static String text(Duration duration) {
		long millis = duration.toMillis();
		long[] sizes = { 86_400_000, 3_600_000, 60_000, 1000 };
		String[] units = { "d", "h", "m", "s" };
		for (int i = 0; i < sizes.length; i++) {
			if (millis != 0 && millis % sizes[i] == 0) {
				return (millis / sizes[i]) + units[i];
			}
		}
		return millis + "ms";
	}

	private static @Nullable String printable(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		String text = (value instanceof Duration duration) ? text(duration) : value.toString();
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			if (c < 0x20 || c == 0x7f) {
				escaped.append(String.format("\\x%02x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
