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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Capabilities}.
 */
class CapabilitiesTests {

	@Test
	void parseShouldSkipTheGreetingLineAndKeepTheOthersInOrder() {
		Capabilities capabilities = parse("mail.test Hello probe.test", "PIPELINING", "SIZE 10240000", "STARTTLS");
		assertThat(capabilities.lines()).containsExactly("PIPELINING", "SIZE 10240000", "STARTTLS");
		assertThat(capabilities.keywords()).containsExactlyInAnyOrder("PIPELINING", "SIZE", "STARTTLS");
		assertThat(capabilities.has("STARTTLS")).isTrue();
		assertThat(capabilities.has("AUTH")).isFalse();
	}

	@Test
	void parseShouldUpperCaseKeywordsAndMechanisms() {
		Capabilities capabilities = parse("mail.test", "starttls", "auth plain login");
		assertThat(capabilities.has("STARTTLS")).isTrue();
		assertThat(capabilities.authMechanisms()).containsExactlyInAnyOrder("PLAIN", "LOGIN");
		assertThat(capabilities.lines()).containsExactly("starttls", "auth plain login");
	}

	@Test
	void parseShouldUnderstandTheOldAuthEqualsForm() {
		Capabilities capabilities = parse("mail.test", "AUTH=LOGIN PLAIN", "AUTH CRAM-MD5 XOAUTH2");
		assertThat(capabilities.has("AUTH")).isTrue();
		assertThat(capabilities.authMechanisms()).containsExactlyInAnyOrder("LOGIN", "PLAIN", "CRAM-MD5", "XOAUTH2");
	}

	@Test
	void parseWhenOnlyTheGreetingLineShouldFindNothing() {
		Capabilities capabilities = parse("mail.test");
		assertThat(capabilities.lines()).isEmpty();
		assertThat(capabilities.keywords()).isEmpty();
		assertThat(capabilities.authMechanisms()).isEmpty();
	}

	@Test
	void parseShouldSkipEmptyLinesAndMakeTheRestPrintable() {
		Capabilities capabilities = parse("mail.test", "", "X-EVIL\u001b[31m\u0007", "SIZE\t1000");
		assertThat(capabilities.lines()).containsExactly("X-EVIL?[31m?", "SIZE 1000");
		assertThat(capabilities.keywords()).contains("SIZE");
	}

	@Test
	void parseWhenAuthHasNoMechanismsShouldRecordTheKeywordOnly() {
		Capabilities capabilities = parse("mail.test", "AUTH");
		assertThat(capabilities.has("AUTH")).isTrue();
		assertThat(capabilities.authMechanisms()).isEmpty();
	}

	@Test
	void parseShouldMaskTheProbesSecrets() {
		SecretRedactor redactor = new SecretRedactor(SmtpCredentials.ofPassword("alice", "hunter2-secret"));
		Capabilities capabilities = Capabilities
			.parse(new SmtpReply(250, List.of("mail.test", "X-ECHO hunter2-secret", "SIZE 1000")), redactor);
		assertThat(capabilities.lines()).containsExactly("X-ECHO ******", "SIZE 1000");
	}

	private static Capabilities parse(String... lines) {
		return Capabilities.parse(new SmtpReply(250, List.of(lines)), new SecretRedactor(null));
	}

}
