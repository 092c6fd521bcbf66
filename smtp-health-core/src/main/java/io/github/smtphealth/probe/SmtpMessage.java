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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A small plain-text message that {@link SmtpProbe#send(SmtpMessage)} delivers with
 * {@code DATA}: a recipient, a subject, extra header fields and a body. The probe adds
 * {@code Date}, {@code From}, {@code To} and {@code Message-ID}. Everything is 7-bit
 * ASCII so no server needs {@code 8BITMIME}, and nothing can smuggle a line break into
 * the header; the constructor rejects anything else, naming the field.
 *
 * @param recipient the address for {@code RCPT TO} and the {@code To} header
 * @param subject the {@code Subject}
 * @param headers extra header fields, name to value, in order
 * @param body the body; line breaks of any kind are sent as CRLF
 * @since 0.1.0
 */
public record SmtpMessage(String recipient, String subject, Map<String, String> headers, String body) {

	private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

	/**
	 * Create a message, validating and copying its parts.
	 * @param recipient the recipient address
	 * @param subject the subject
	 * @param headers extra header fields
	 * @param body the body
	 */
	public SmtpMessage {
		Objects.requireNonNull(recipient, "'recipient' must not be null");
		Objects.requireNonNull(subject, "'subject' must not be null");
		Objects.requireNonNull(headers, "'headers' must not be null");
		Objects.requireNonNull(body, "'body' must not be null");
		require(!recipient.isEmpty() && printable(recipient)
				&& recipient.chars().noneMatch((c) -> c == ' ' || c == '<' || c == '>'), "recipient",
				"must be an address without spaces, '<', '>' or control characters");
		require(printable(subject), "subject", "must be printable ASCII on one line");
		headers.forEach((name, value) -> {
			require(FIELD_NAME.matcher(name).matches(), "headers", "has an invalid field name '" + name + "'");
			require(printable(value), "headers",
					"has a value for '" + name + "' that is not printable ASCII on one line");
		});
		require(body.chars().allMatch((c) -> (c >= 0x20 && c < 0x7f) || c == '\r' || c == '\n' || c == '\t'), "body",
				"must be printable ASCII");
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

	private static boolean printable(String value) {
		return value.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
	}

	private static void require(boolean condition, String field, String message) {
		if (!condition) {
			throw new IllegalArgumentException("'" + field + "' " + message);
		}
	}

}
