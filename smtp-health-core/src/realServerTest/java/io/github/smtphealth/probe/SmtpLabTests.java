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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.github.smtphealth.lab.LabListener;
import io.github.smtphealth.lab.SmtpLab;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SmtpLab}: skipped where the lab is absent, failed under CI, read where it runs. Fast
 * tests with local sockets, run by Surefire.
 */
class SmtpLabTests {

	@TempDir
	Path directory;

	@Test
	void loadWhenEnvFileIsMissingShouldAbortSayingHowToStartTheLab() {
		Path missing = this.directory.resolve("lab.env");
		assertUnavailable(missing, false, missing + " does not exist");
	}

	@Test
	void loadWhenEnvFileIsMissingUnderCiShouldFail() {
		Path missing = this.directory.resolve("lab.env");
		assertUnavailable(missing, true, missing + " does not exist");
	}

	@Test
	void loadWhenListedPortDoesNotAnswerShouldAbort() throws IOException {
		assertUnavailable(writeEnvFile(closedPort()), false, "SMTP_LAB_POSTFIX_STARTTLS_PORT=",
				"does not answer on 127.0.0.1");
	}

	@Test
	void loadWhenListedPortDoesNotAnswerUnderCiShouldFail() throws IOException {
		assertUnavailable(writeEnvFile(closedPort()), true, "does not answer on 127.0.0.1");
	}

	/**
	 * Assert that loading the lab is a skip that says how to start the lab, or under CI a failure
	 * that says it did not start, and that it names the problem (every fragment) either way.
	 */
	private static void assertUnavailable(Path envFile, boolean ci, String... problem) {
		if (ci) {
			assertThatExceptionOfType(AssertionFailedError.class).isThrownBy(() -> SmtpLab.load(envFile, true))
				.withMessageContainingAll(problem)
				.withMessageContaining("CI=true")
				.withMessageContaining("the SMTP lab did not start");
		}
		else {
			assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> SmtpLab.load(envFile, false))
				.withMessageContainingAll(problem)
				.withMessageContaining("sudo bash scripts/smtp-lab/start.sh")
				.withMessageContaining("SMTP_LAB_ENV");
		}
	}

	@Test
	void loadWhenEveryListedPortAnswersOnBothLoopbacksShouldReadTheLab() throws IOException {
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
			Path envFile = writeEnvFile(server.getLocalPort());
			SmtpLab lab = SmtpLab.load(envFile, true);
			assertThat(lab.hosts()).containsExactly("127.0.0.1", "::1");
			assertThat(lab.port(LabListener.POSTFIX_STARTTLS)).isEqualTo(server.getLocalPort());
			assertThat(LabProbes.credentials(lab).username()).isEqualTo("labuser");
			assertThat(lab.password()).isEqualTo("secret");
		}
	}

	@Test
	void authMechanismsShouldKeepThoseTheProbeKnowsInTheServersOrder() throws IOException {
		SmtpLab lab = SmtpLab.read(writeEnvFile(25));
		assertThat(LabProbes.authMechanisms(lab, LabListener.EXIM_SMTPS)).containsExactly(AuthMechanism.LOGIN,
				AuthMechanism.CRAM_MD5, AuthMechanism.PLAIN);
		assertThat(lab.authMechanismNames(LabListener.EXIM_SMTPS)).containsExactly("LOGIN", "SCRAM-SHA-256",
				"CRAM-MD5", "PLAIN");
	}

	@Test
	void settingsShouldUseListenerPortSecurityAndLmtp() throws IOException {
		Path certificate = TestCertificates.selfSigned("localhost").writePem(this.directory).certificate();
		Path envFile = writeEnvFile(25);
		Files.writeString(envFile, "SMTP_LAB_CERT_PEM=" + certificate + "\nSMTP_LAB_DOVECOT_LMTP_PORT=24\n",
				StandardOpenOption.APPEND);
		SmtpLab lab = SmtpLab.read(envFile);
		SmtpProbeSettings starttls = LabProbes.settings(lab, LabListener.POSTFIX_STARTTLS, lab.host6()).build();
		assertThat(starttls.host()).isEqualTo("::1");
		assertThat(starttls.port()).isEqualTo(25);
		assertThat(starttls.security()).isEqualTo(Security.STARTTLS);
		assertThat(starttls.lmtp()).isFalse();
		assertThat(starttls.tls().trustManagers()).isNotEmpty();
		assertThat(LabProbes.settings(lab, LabListener.DOVECOT_LMTP, lab.host4()).build().lmtp()).isTrue();
	}

	@Test
	void readWhenLineIsNotKeyValueShouldThrow() throws IOException {
		Path envFile = Files.writeString(this.directory.resolve("lab.env"), "SMTP_LAB_HOST4=127.0.0.1\nexport\n");
		assertThatIllegalStateException().isThrownBy(() -> SmtpLab.read(envFile))
			.withMessageContaining("not KEY=VALUE: export");
	}

	@Test
	void valueWhenKeyIsMissingShouldThrowNamingIt() throws IOException {
		SmtpLab lab = SmtpLab.read(Files.writeString(this.directory.resolve("lab.env"), "# empty\n"));
		assertThatIllegalStateException().isThrownBy(lab::host4).withMessageContaining("has no SMTP_LAB_HOST4");
	}

	private Path writeEnvFile(int port) throws IOException {
		String content = String.join("\n", "SMTP_LAB_HOST4=127.0.0.1", "SMTP_LAB_HOST6=::1", "SMTP_LAB_USER=labuser",
				"SMTP_LAB_PASSWORD=secret", "SMTP_LAB_POSTFIX_STARTTLS_PORT=" + port,
				"SMTP_LAB_EXIM_AUTH_MECHANISMS=LOGIN,SCRAM-SHA-256,CRAM-MD5,PLAIN", "");
		return Files.writeString(this.directory.resolve("lab.env"), content);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket server = new ServerSocket(0)) {
			return server.getLocalPort();
		}
	}

}
