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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import io.github.smtphealth.testsupport.PemFiles;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpCheckCommand} against the scripted server: the four exit codes, the
 * plugin line with its performance data, {@code --json}, {@code --help} and
 * {@code --version}. (An expired certificate is a real-server test:
 * SmtpCheckRealServerTests runs the packaged jar against it.)
 */
class SmtpCheckCommandTests {

	private static final String PASSWORD = "cli-Secret-7";

	private static final String HELO = "probe.test";

	@TempDir
	Path directory;

	@Test
	void runAgainstHealthyServerShouldBeOk() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			CommandRun run = CommandRun.of(target(server, "-w", "5", "-c", "8", "-t", "9"));
			assertThat(run.exitCode()).isZero();
			assertThat(run.statusLine())
				.matches("SMTP OK - \\d+\\.\\d{3} sec\\. response time, no TLS, MAIL FROM accepted"
						+ "\\|time=\\d+\\.\\d{6}s;5\\.000000;8\\.000000;0\\.000000;9\\.000000 dns=\\S+ connect=\\S+ greeting=\\S+ "
						+ "ehlo=\\S+ mail=\\S+ rset=\\S+ quit=\\d+\\.\\d{6}s;;;0\\.000000");
			assertThat(run.out()).hasLineCount(1);
			assertThat(run.err()).isEmpty();
		}
	}

	@Test
	void runWithStartTlsAuthAndCaFileShouldBeOkWithEveryPhase() {
		TestCertificate certificate = TestCertificates.selfSigned("localhost", "127.0.0.1");
		PemFiles pem = certificate.writePem(this.directory);
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start(startTlsAuth(certificate, "235 2.7.0 Authenticated"))) {
			CommandRun run = CommandRun.withEnvironment(Map.of("SMTP_PASSWORD", PASSWORD),
					target(server, "-S", "-U", "monitor", "--password-env", "SMTP_PASSWORD", "--ca-file",
							pem.ca().toString(), "-w", "4", "-c", "6", "-t", "8", "--rcpt", "postmaster@example.com"));
			assertThat(run.exitCode()).as(run.all()).isZero();
			assertThat(run.statusLine()).startsWith("SMTP OK - ")
				.contains(", STARTTLS TLSv1.3, certificate verified, expires in 36")
				.contains(", AUTH PLAIN, MAIL FROM accepted, RCPT TO accepted|time=")
				.containsPattern(
						" dns=\\S+ connect=\\S+ greeting=\\S+ ehlo=\\S+ starttls=\\S+ tls=\\S+ auth=\\S+ mail=\\S+ "
								+ "rcpt=\\S+ rset=\\S+ quit=\\S+ cert_days=36\\d;14:;0:$");
			assertThat(run.all()).doesNotContain(PASSWORD);
		}
	}

	@Test
	void runWithInsecureShouldAcceptAnUntrustedCertificateAndSaySo() {
		TestCertificate untrusted = TestCertificates.selfSigned("elsewhere.example");
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(startTlsAuth(untrusted, "235 ok"))) {
			CommandRun refused = CommandRun.of(target(server, "-S"));
			assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
			CommandRun run = CommandRun.of(target(server, "-S", "--insecure", "--json", "-U", "u", "-P", PASSWORD));
			assertThat(run.exitCode()).as(run.all()).isZero();
			assertThat(run.out()).contains("\"security\":\"starttls\",\"tlsVerification\":\"disabled\"");
			CommandRun line = CommandRun.of(target(server, "-S", "--insecure", "-U", "u", "-P", PASSWORD));
			assertThat(line.statusLine())
				.contains(", STARTTLS TLSv1.3, certificate NOT verified (--insecure), expires in ");
		}
	}

	@Test
	void runSlowerThanWarningShouldBeWarning() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.delay(Duration.ofMillis(300)).happyPath())) {
			// The greeting comes 300 ms late, so the response time is at least 300 ms
			// whatever the load.
			CommandRun run = CommandRun.of(target(server, "-w", "0.2", "-c", "9", "-t", "10"));
			assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
			assertThat(run.statusLine()).startsWith("SMTP WARNING - response time ")
				.contains("ms is at or above the warning threshold of 200 ms - 0.")
				.contains("|time=0.");
		}
	}

	@Test
	void runSlowerThanCriticalShouldBeCritical() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.delay(Duration.ofMillis(300)).happyPath())) {
			CommandRun run = CommandRun.of(target(server, "-w", "0.1", "-c", "0.2"));
			assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
			assertThat(run.statusLine()).startsWith("SMTP CRITICAL - response time ")
				.contains("at or above the critical threshold of 200 ms");
		}
	}

	@Test
	void runWithCertificateCloseToExpiryShouldBeWarningAndBelowCriticalDaysCritical() {
		Instant now = Instant.now();
		TestCertificate certificate = TestCertificates.builder("localhost", "127.0.0.1")
			.validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)).plus(Duration.ofHours(1)))
			.build();
		PemFiles pem = certificate.writePem(this.directory);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(startTlsAuth(certificate, "235 ok"))) {
			CommandRun warning = CommandRun
				.of(target(server, "-S", "-U", "u", "-P", PASSWORD, "--ca-file", pem.ca().toString()));
			assertThat(warning.exitCode()).as(warning.all()).isEqualTo(1);
			assertThat(warning.statusLine())
				.startsWith("SMTP WARNING - certificate expires in 10 days, within the warning window of 14 days - ")
				.contains(" cert_days=10;14:;0:");
			CommandRun critical = CommandRun
				.of(target(server, "-S", "-U", "u", "-P", PASSWORD, "--ca-file", pem.ca().toString(), "-D", "30,20"));
			assertThat(critical.exitCode()).as(critical.all()).isEqualTo(2);
			assertThat(critical.statusLine())
				.startsWith("SMTP CRITICAL - certificate expires in 10 days, within the critical window of 20 days - ")
				.contains(" cert_days=10;30:;20:");
		}
	}

	@Test
	void runAgainstRefusingServerShouldBeCriticalWithPhaseAndReason() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("554 5.7.1 No service | for you").close())) {
			CommandRun run = CommandRun.of(target(server));
			assertThat(run.exitCode()).isEqualTo(2);
			assertThat(run.statusLine()).startsWith(
					"SMTP CRITICAL - greeting failed: server refused the session: 554 5.7.1 No service / for you - ")
				.contains("|time=");
		}
	}

	@Test
	void runAgainstClosedPortShouldBeCritical() {
		int port;
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			port = server.port();
		}
		CommandRun run = CommandRun.of("-H", "127.0.0.1", "-p", String.valueOf(port), "-F", HELO, "-t", "3");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.statusLine())
			.startsWith("SMTP CRITICAL - connect failed: could not connect to 127.0.0.1:" + port);
	}

	@Test
	void runWithBadArgumentsShouldBeUnknownWithUsageLine() {
		CommandRun run = CommandRun.of("-H", "127.0.0.1", "-p", "99999");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.out()).isEqualTo(
				"SMTP UNKNOWN - -p/--port must be a port number from 1 to 65535 but was '99999'\n" + Usage.LINE + "\n");
	}

	@Test
	void runWithoutArgumentsShouldBeUnknown() {
		CommandRun run = CommandRun.of();
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.statusLine()).isEqualTo("SMTP UNKNOWN - -H/--host is required");
	}

	@Test
	void runWithJsonShouldPrintTheHealthDetails() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.send("421 4.3.2 busy").close())) {
			CommandRun run = CommandRun.of(target(server, "--json"));
			assertThat(run.exitCode()).isEqualTo(2);
			assertThat(run.out())
				.startsWith("{\"status\":\"DOWN\",\"details\":{\"host\":\"127.0.0.1\",\"port\":" + server.port()
						+ ",\"security\":\"none\",\"responseTimeMs\":")
				.contains(",\"phasesMs\":{\"dns\":")
				.contains(",\"greeting\":\"421 4.3.2 busy\"")
				.contains(",\"failedPhase\":\"greeting\",\"replyCode\":421,\"cached\":false,\"ageMs\":0,"
						+ "\"refreshing\":false,\"error\":\"server refused the session: 421 4.3.2 busy\"}}")
				.hasLineCount(1);
		}
	}

	@Test
	void runWithJsonAndBadArgumentsShouldPrintUnknownJson() {
		CommandRun run = CommandRun.of("--json", "-H", "h", "-w", "x");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.out())
			.isEqualTo("{\"status\":\"UNKNOWN\",\"details\":{\"error\":\"-w/--warning must be a number of "
					+ "seconds above 0 (decimals allowed, at most 86400) but was 'x'\"}}\n");
	}

	@Test
	void runWithVerboseShouldPrintTheDialogueOnStandardError() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			CommandRun run = CommandRun.of(target(server, "--verbose"));
			assertThat(run.exitCode()).isZero();
			assertThat(run.out()).hasLineCount(1).startsWith("SMTP OK - ");
			assertThat(run.err()).contains("smtp-check: S: 220 scripted.test ESMTP ready",
					"smtp-check: C: EHLO " + HELO, "smtp-check: C: MAIL FROM:<>", "smtp-check: C: QUIT");
		}
	}

	@Test
	void runWithHelpShouldPrintEveryFlag() {
		CommandRun run = CommandRun.of("--help");
		assertThat(run.exitCode()).isZero();
		for (Option option : Option.values()) {
			String longName = option.displayName().substring(option.displayName().indexOf("--"));
			assertThat(run.out()).as(option.name()).contains(longName);
		}
	}

	@Test
	void runWithVersionShouldPrintIt() {
		CommandRun run = CommandRun.of("-V");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("smtp-check ");
	}

	static String[] target(ScriptedSmtpServer server, String... more) {
		String[] args = new String[6 + more.length];
		args[0] = "-H";
		args[1] = server.host();
		args[2] = "-p";
		args[3] = String.valueOf(server.port());
		args[4] = "-F";
		args[5] = HELO;
		System.arraycopy(more, 0, args, 6, more.length);
		return args;
	}

	/**
	 * STARTTLS, then AUTH PLAIN answered with the given reply, then the rest of a normal
	 * dialogue.
	 */
	static Consumer<SmtpScript> startTlsAuth(TestCertificate certificate, String authReply) {
		return (script) -> script.send("220 scripted.test ESMTP")
			.expect("EHLO")
			.send("250-scripted.test", "250 STARTTLS")
			.expect("STARTTLS")
			.send("220 go ahead")
			.startTls(certificate.serverSslContext())
			.expect("EHLO")
			.send("250-scripted.test", "250 AUTH PLAIN LOGIN")
			.expect("AUTH")
			.send(authReply)
			.answerCommands();
	}

}
