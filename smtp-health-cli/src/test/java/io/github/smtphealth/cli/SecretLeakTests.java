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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.smtphealth.testsupport.PemFiles;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The password never appears in standard output or standard error, whether it came from
 * {@code -P}, {@code --password-file} or {@code --password-env}, in the plugin line,
 * {@code --json} and {@code --verbose}, even from a server that echoes it (and its base64
 * AUTH payload) back.
 */
class SecretLeakTests {

	private static final String PASSWORD = "Canary-Pw-31337";

	private static final String USER = "monitor";

	private static final String PAYLOAD = Base64.getEncoder()
		.encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));

	private static final TestCertificate CERTIFICATE = TestCertificates.selfSigned("localhost", "127.0.0.1");

	@TempDir
	static Path directory;

	static Stream<Arguments> sourcesAndOutputs() {
		return Stream.of("-P", "--password-file", "--password-env")
			.flatMap((source) -> Stream.of("plain", "--json", "--verbose")
				.map((output) -> Arguments.of(source, output)));
	}

	@ParameterizedTest(name = "{0}, {1}, AUTH rejected with an echo")
	@MethodSource("sourcesAndOutputs")
	void passwordShouldNeverBePrintedWhenServerEchoesIt(String source, String output) throws Exception {
		String echo = "535 5.7.8 Wrong password " + PASSWORD + " in " + PAYLOAD;
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start(SmtpCheckCommandTests.startTlsAuth(CERTIFICATE, echo))) {
			CommandRun run = run(server, source, output);
			assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
			assertThat(run.all()).contains("AUTH rejected").doesNotContain(PASSWORD).doesNotContain(PAYLOAD);
		}
	}

	@ParameterizedTest(name = "{0}, {1}, AUTH accepted")
	@MethodSource("sourcesAndOutputs")
	void passwordShouldNeverBePrintedOnSuccess(String source, String output) throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start(SmtpCheckCommandTests.startTlsAuth(CERTIFICATE, "235 2.7.0 ok " + PAYLOAD))) {
			CommandRun run = run(server, source, output);
			assertThat(run.exitCode()).as(run.all()).isZero();
			assertThat(run.all()).doesNotContain(PASSWORD).doesNotContain(PAYLOAD);
			if ("--verbose".equals(output)) {
				assertThat(run.err()).contains("C: <secret>");
			}
		}
	}

	@ParameterizedTest(name = "{0}, {1}, usage error")
	@MethodSource("sourcesAndOutputs")
	void passwordShouldNeverBePrintedOnUsageError(String source, String output) throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			CommandRun run = run(server, source, output, "-w", "3", "-c", "1");
			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.all()).doesNotContain(PASSWORD);
		}
	}

	private static CommandRun run(ScriptedSmtpServer server, String source, String output, String... more)
			throws Exception {
		PemFiles pem = CERTIFICATE.writePem(directory);
		List<String> args = new java.util.ArrayList<>(List.of(SmtpCheckCommandTests.target(server, "-S", "-U", USER,
				"--ca-file", pem.ca().toString(), "-A", "plain")));
		switch (source) {
			case "-P" -> args.addAll(List.of("-P", PASSWORD));
			case "--password-file" -> args.addAll(List.of("--password-file",
					Files.writeString(directory.resolve("password"), PASSWORD + "\n").toString()));
			default -> args.addAll(List.of("--password-env", "SMTP_PASSWORD"));
		}
		if (!"plain".equals(output)) {
			args.add(output);
		}
		args.addAll(List.of(more));
		return CommandRun.withEnvironment(Map.of("SMTP_PASSWORD", PASSWORD), args.toArray(new String[0]));
	}

}
