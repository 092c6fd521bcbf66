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

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * The bytes sent after {@code DATA}'s 354: header and body with CRLF line ends, every
 * line that starts with a dot doubled (RFC 5321 4.5.2), and the terminating
 * {@code CRLF.CRLF}.
 */
final class MessageContent {

	private MessageContent() {
	}

	/**
	 * Format a message for the DATA phase.
	 * @param message the message
	 * @param from the {@code From} address (the envelope sender, or a stand-in for the
	 * null sender)
	 * @param domain the domain part of the {@code Message-ID}
	 * @param now the {@code Date}
	 * @return the bytes to send, terminator included
	 */
	static byte[] format(SmtpMessage message, String from, String domain, ZonedDateTime now) {
		StringBuilder text = new StringBuilder();
		header(text, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.withZoneSameInstant(ZoneOffset.UTC)));
		header(text, "From", "<" + from + ">");
		header(text, "To", "<" + message.recipient() + ">");
		header(text, "Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
		header(text, "Subject", message.subject());
		for (Map.Entry<String, String> field : message.headers().entrySet()) {
			header(text, field.getKey(), field.getValue());
		}
		header(text, "MIME-Version", "1.0");
		header(text, "Content-Type", "text/plain; charset=us-ascii");
		text.append("\r\n");
		String body = message.body().replace("\r\n", "\n").replace('\r', '\n');
		if (body.endsWith("\n")) {
			body = body.substring(0, body.length() - 1);
		}
		if (!body.isEmpty()) {
			for (String line : body.split("\n", -1)) {
				text.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
			}
		}
		text.append(".\r\n");
		return text.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static void header(StringBuilder text, String name, String value) {
		text.append(name).append(": ").append(value).append("\r\n");
	}

}
