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

import java.util.List;

/**
 * One SMTP reply: a three-digit code and one or more lines of text (RFC 5321 4.2).
 *
 * @param code the reply code
 * @param lines the text of each line, without the code and separator; may be empty
 * strings
 */
record SmtpReply(int code, List<String> lines) {

	static final int SERVICE_READY = 220;

	static final int CLOSING = 221;

	static final int AUTH_SUCCEEDED = 235;

	static final int AUTH_CONTINUE = 334;

	static final int START_MAIL_INPUT = 354;

	static final int COMMAND_UNRECOGNIZED = 500;

	static final int COMMAND_NOT_IMPLEMENTED = 502;

	SmtpReply {
		lines = List.copyOf(lines);
	}

	boolean isPositiveCompletion() {
		return this.code >= 200 && this.code < 300;
	}

	boolean is(int expected) {
		return this.code == expected;
	}

	/**
	 * Return the text of the first line.
	 * @return the text, possibly empty
	 */
	String firstLine() {
		return this.lines.isEmpty() ? "" : this.lines.get(0);
	}

	/**
	 * Return the code and the first line, as a person would quote the reply:
	 * {@code 535 5.7.8 Bad}.
	 * @return the raw summary; clean it before keeping it
	 */
	String summary() {
		String text = firstLine();
		return text.isEmpty() ? Integer.toString(this.code) : this.code + " " + text;
	}

}
