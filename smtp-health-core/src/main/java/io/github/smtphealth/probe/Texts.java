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

package io.github.smtphealth.probe;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Makes text that came from a server, or from an exception, safe to show: printable ASCII
 * only, and short.
 */
final class Texts {

	/**
	 * Longest text kept from a server in a result.
	 */
	static final int MAX_LENGTH = 200;

	private Texts() {
	}

	/**
	 * Replace control and non-ASCII characters with {@code '?'}, collapse the result's
	 * ends, and cut it to {@link #MAX_LENGTH} characters.
	 * @param text the raw text
	 * @return the printable text
	 */
	static String printable(String text) {
		StringBuilder result = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
		for (int i = 0; i < text.length() && result.length() <= MAX_LENGTH; i++) {
			char c = text.charAt(i);
			result.append((c >= 0x20 && c < 0x7f) ? c : (c == '\t') ? ' ' : '?');
		}
		String trimmed = result.toString().strip();
		return (trimmed.length() > MAX_LENGTH) ? trimmed.substring(0, MAX_LENGTH - 3) + "..." : trimmed;
	}

	/**
	 * Format a duration the way a person says it: {@code 10 s}, {@code 1.5 s},
	 * {@code 250 ms}.
	 * @param duration the duration
	 * @return the text
	 */
	static String human(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + " ms";
		}
		BigDecimal seconds = BigDecimal.valueOf(millis).movePointLeft(3).setScale(1, RoundingMode.HALF_UP);
		return seconds.stripTrailingZeros().toPlainString() + " s";
	}

}
