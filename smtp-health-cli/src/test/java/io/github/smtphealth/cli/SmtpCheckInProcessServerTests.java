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

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;

import io.github.smtphealth.testsupport.PemFiles;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpCheckCommand} against SubEthaSMTP in this JVM, a real SMTP
 * implementation that requires STARTTLS before AUTH: OK, WARNING (certificate lifetime
 * below {@code -D}), CRITICAL (AUTH rejected), each with the password from
 * {@code --password-env} and trust from {@code --ca-file}.
 */
class SmtpCheckInProcessServerTests {

	private static final String USER = "monitor";

	private static final String PASSWORD = "subetha-Secret-5";

	private static final TestCertificate CERTIFICATE = TestCertificates.chain("localhost", "127.0.0.1");

	@TempDir
	static Path directory;

	private static SMTPServer server;

	private static PemFiles pem;

	@BeforeAll
	static void start() throws Exception {
		pem = CERTIFICATE.writePem(directory);
		server = SMTPServer.port(0)
			.bindAddress(InetAddress.getByName("127.0.0.1"))
			.hostName("subetha.test")
			.enableTLS()
			.requireTLS()
			.startTlsSocketFactory(CERTIFICATE.serverSslContext())
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
				if (!USER.equals(user) || !PASSWORD.equals(password)) {
					throw new LoginFailedException();
				}
			}))
			.build();
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop();
	}

	@Test
	void runWithStartTlsAndAuthShouldBeOk() {
		CommandRun run = check(PASSWORD);
		assertThat(run.exitCode()).as(run.all()).isZero();
		assertThat(run.statusLine()).startsWith("SMTP OK - ")
			.contains(", STARTTLS TLSv1.3, certificate verified, ", ", MAIL FROM accepted|")
			.containsPattern(", AUTH (PLAIN|LOGIN), ")
			.contains(" auth=", " cert_days=");
	}

	@Test
	void runWithCertificateInsideTheWarningDaysShouldBeWarning() {
		CommandRun run = check(PASSWORD, "-D", "400");
		assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
		assertThat(run.statusLine()).startsWith("SMTP WARNING - certificate expires in ")
			.contains("within the warning window of 400 days");
	}

	@Test
	void runWithWrongPasswordShouldBeCritical() {
		CommandRun run = check("wrong-" + PASSWORD);
		assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
		assertThat(run.statusLine()).startsWith("SMTP CRITICAL - auth failed: AUTH rejected: 535");
		assertThat(run.all()).doesNotContain(PASSWORD);
	}

	private static CommandRun check(String password, String... more) {
		String[] args = { "-H", "127.0.0.1", "-p", String.valueOf(server.getPortAllocated()), "-F", "probe.test", "-S",
				"-U", USER, "--password-env", "SMTP_PASSWORD", "--ca-file", pem.ca().toString(), "-t", "5" };
		String[] all = new String[args.length + more.length];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(more, 0, all, args.length, more.length);
		return CommandRun.withEnvironment(Map.of("SMTP_PASSWORD", password), all);
	}

}
