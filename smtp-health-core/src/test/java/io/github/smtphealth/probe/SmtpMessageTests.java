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
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SmtpMessage} (what may be sent) and {@link MessageContent} (how it is
 * sent).
 */
class SmtpMessageTests {

	private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 1, 19, 30, 0, 0, ZoneOffset.UTC);

	@Test
	void formatShouldDoubleLeadingDotsUseCrlfAndEndWithDot() {
		SmtpMessage message = new SmtpMessage("to@example.com", "probe", Map.of(), ".a\r\nb\n..c\r.\n");
		String content = new String(MessageContent.format(message, "from@example.com", "probe.test", NOW),
				StandardCharsets.US_ASCII);
		assertThat(content).startsWith("Date: Tue, 1 Dec 2026 19:30:00 GMT\r\nFrom: <from@example.com>\r\n")
			.endsWith("\r\n\r\n..a\r\nb\r\n...c\r\n..\r\n.\r\n");
		assertThat(content.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
	}

	@Test
	void formatOfEmptyBodyShouldEndWithBlankLineAndDot() {
		SmtpMessage message = new SmtpMessage("to@example.com", "probe", Map.of("X-Token", "t"), "");
		String content = new String(MessageContent.format(message, "from@example.com", "probe.test", NOW),
				StandardCharsets.US_ASCII);
		assertThat(content).contains("\r\nX-Token: t\r\n").endsWith("charset=us-ascii\r\n\r\n.\r\n");
	}

	@Test
	void invalidPartsShouldBeRejectedNamingThem() {
		assertRejected(
				() -> new SmtpMessage("to@example.com", "probe", Map.of("X-Token", "t\r\nBcc: x@example.com"), ""),
				"'headers' has a value for 'X-Token' that is not printable ASCII on one line");
		assertRejected(() -> new SmtpMessage("to@example.com", "a\nb", Map.of(), ""),
				"'subject' must be printable ASCII on one line");
		assertRejected(() -> new SmtpMessage("to@example.com> NOTIFY=NEVER", "probe", Map.of(), ""),
				"'recipient' must be an address without spaces, '<', '>' or control characters");
		assertRejected(() -> new SmtpMessage("to@example.com", "probe", Map.of("X-A: b", "c"), ""),
				"'headers' has an invalid field name 'X-A: b'");
		assertRejected(() -> new SmtpMessage("to@example.com", "probe", Map.of(), "caf\u00e9"),
				"'body' must be printable ASCII");
	}

	private static void assertRejected(ThrowingCallable creation, String message) {
		assertThatIllegalArgumentException().isThrownBy(creation).withMessage(message);
	}

}
