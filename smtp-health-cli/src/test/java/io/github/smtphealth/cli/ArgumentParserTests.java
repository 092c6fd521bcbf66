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

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests of {@link ArgumentParser}: the getopt-like forms of every option.
 */
class ArgumentParserTests {

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "-H, mail.example.com, HOST", "-p, 587, PORT", "-U, monitor, USER", "-P, pw, PASSWORD",
			"-w, 1.5, WARNING", "-c, 3, CRITICAL", "-t, 5, TIMEOUT", "'-D', '30,7', CERTIFICATE_DAYS",
			"-F, probe.example.com, HELO_NAME", "-f, monitor@example.com, MAIL_FROM", "-A, plain, AUTH_MECHANISM" })
	void parseShortOptionWithSeparateValue(String flag, String value, Option option) throws UsageException {
		assertThat(ArgumentParser.parse(List.of(flag, value))).containsExactly(entry(option, value));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "-s, SMTPS", "-S, STARTTLS", "-L, LMTP", "-4, IPV4", "-6, IPV6", "-q, IGNORE_QUIT_FAILURE",
			"-v, VERBOSE", "-h, HELP", "-V, VERSION" })
	void parseShortFlag(String flag, Option option) throws UsageException {
		assertThat(ArgumentParser.parse(List.of(flag))).containsExactly(entry(option, ""));
	}

	@Test
	void parseEveryLongOption() throws UsageException {
		Map<Option, String> options = ArgumentParser.parse(List.of("--host", "h", "--port=2525", "--smtps",
				"--helo-name", "n", "--auth-mechanism", "login", "--user", "u", "--password-env", "PW", "--warning=1",
				"--critical", "2", "--timeout", "3", "--lmtp", "--from", "a@b", "--rcpt", "c@d", "--certificate", "9",
				"--use-ipv6", "--ca-file", "ca.pem", "--client-cert", "c.pem", "--client-key", "k.pem", "--insecure",
				"--allow-plaintext-auth", "--ignore-quit-failure", "--json", "--verbose", "--help", "--version"));
		assertThat(options).containsOnlyKeys(Option.HOST, Option.PORT, Option.SMTPS, Option.HELO_NAME,
				Option.AUTH_MECHANISM, Option.USER, Option.PASSWORD_ENV, Option.WARNING, Option.CRITICAL,
				Option.TIMEOUT, Option.LMTP, Option.MAIL_FROM, Option.RCPT_TO, Option.CERTIFICATE_DAYS, Option.IPV6,
				Option.CA_FILE, Option.CLIENT_CERT, Option.CLIENT_KEY, Option.INSECURE, Option.ALLOW_PLAINTEXT_AUTH,
				Option.IGNORE_QUIT_FAILURE, Option.JSON, Option.VERBOSE, Option.HELP, Option.VERSION);
		assertThat(options).containsEntry(Option.PORT, "2525").containsEntry(Option.RCPT_TO, "c@d");
	}

	@Test
	void parseCheckSmtpAndMackerelLongNames() throws UsageException {
		assertThat(ArgumentParser.parse(List.of("--hostname", "h", "--fqdn", "f", "--authtype", "LOGIN", "--authuser",
				"u", "--authpass", "p", "--starttls", "--use-ipv4")))
			.containsEntry(Option.HOST, "h")
			.containsEntry(Option.HELO_NAME, "f")
			.containsEntry(Option.AUTH_MECHANISM, "LOGIN")
			.containsEntry(Option.USER, "u")
			.containsEntry(Option.PASSWORD, "p")
			.containsKeys(Option.STARTTLS, Option.IPV4);
		assertThat(ArgumentParser.parse(List.of("--authmech", "PLAIN", "--authpassword", "p", "-s")))
			.containsEntry(Option.AUTH_MECHANISM, "PLAIN")
			.containsEntry(Option.PASSWORD, "p")
			.containsKey(Option.SMTPS);
	}

	@Test
	void parseAttachedValuesAndBundledFlags() throws UsageException {
		assertThat(ArgumentParser.parse(List.of("-Hmail", "-p25", "-SL4", "-Uuser"))).containsEntry(Option.HOST, "mail")
			.containsEntry(Option.PORT, "25")
			.containsEntry(Option.USER, "user")
			.containsKeys(Option.STARTTLS, Option.LMTP, Option.IPV4);
		assertThat(ArgumentParser.parse(List.of("-St", "5"))).containsEntry(Option.TIMEOUT, "5")
			.containsKey(Option.STARTTLS);
	}

	@Test
	void parseValueThatLooksLikeAnOption() throws UsageException {
		assertThat(ArgumentParser.parse(List.of("-P", "-secret-"))).containsEntry(Option.PASSWORD, "-secret-");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-x", "--nope", "-e", "-C", "-R" })
	void parseUnknownOptionShouldFailNamingIt(String option) {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> ArgumentParser.parse(List.of(option, "v")))
			.withMessage("unknown option '" + option + "'");
	}

	@Test
	void parseUnknownLongOptionShouldNotQuoteItsValue() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> ArgumentParser.parse(List.of("--pasword=hunter2")))
			.withMessage("unknown option '--pasword'");
	}

	@Test
	void parseMissingValueShouldFail() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> ArgumentParser.parse(List.of("-H")))
			.withMessage("-H/--host needs a value");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> ArgumentParser.parse(List.of("--rcpt")))
			.withMessage("--rcpt needs a value");
	}

	@Test
	void parseRepeatedOptionShouldFail() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> ArgumentParser.parse(List.of("-H", "a", "--host", "b")))
			.withMessage("-H/--host is given more than once");
	}

	@Test
	void parseValueForFlagShouldFail() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> ArgumentParser.parse(List.of("--json=yes")))
			.withMessage("--json takes no value");
	}

	@Test
	void parseStrayArgumentShouldFailWithoutQuotingIt() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> ArgumentParser.parse(List.of("-H", "h", "-P", "two", "words")))
			.withMessage("unexpected argument at position 5 (options start with '-')")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("words"));
	}

}
