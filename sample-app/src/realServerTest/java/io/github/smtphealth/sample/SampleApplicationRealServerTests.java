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

package io.github.smtphealth.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.json.BasicJsonTester;
import org.springframework.boot.test.json.JsonContent;

import static io.github.smtphealth.lab.LabListener.POSTFIX_STARTTLS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full Spring path against a real server: the sample application's jar, started as a process of
 * its own and pointed at the SMTP lab's Postfix (STARTTLS and AUTH, the lab certificate trusted
 * through a PEM SSL bundle), answers {@code /actuator/health/smtp} over real HTTP with UP and the TLS
 * details. Failsafe runs after {@code package}, so the jar exists.
 */
class SampleApplicationRealServerTests {

	@TempDir
	Path directory;

	@Test
	void healthOfPostfixWithStartTlsAndAuthShouldBeUpWithTlsDetailsOverHttp() throws IOException {
		SmtpLab lab = SmtpLab.get();
		try (SampleAppProcess app = SampleAppProcess
			.start(this.directory.resolve("sample-app.log"), List.of(), arguments(lab))
			.awaitHttp()) {
			HttpResponse<String> response = app.get("/actuator/health/smtp");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonContent<Object> json = new BasicJsonTester(getClass()).from(response.body());
			assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("UP");
			assertThat(json).extractingJsonPathStringValue("$.details.host").isEqualTo("localhost");
			assertThat(json).extractingJsonPathNumberValue("$.details.port").isEqualTo(lab.port(POSTFIX_STARTTLS));
			assertThat(json).extractingJsonPathStringValue("$.details.security").isEqualTo("starttls");
			assertThat(json).extractingJsonPathStringValue("$.details.greeting").contains("Postfix");
			assertThat(json).extractingJsonPathStringValue("$.details.authMechanism")
				.isIn(lab.authMechanismNames(POSTFIX_STARTTLS));
			assertThat(json).extractingJsonPathStringValue("$.details.tls.protocol").startsWith("TLSv1.");
			assertThat(json).extractingJsonPathStringValue("$.details.tls.cipherSuite").startsWith("TLS_");
			assertThat(json).extractingJsonPathStringValue("$.details.tls.subject").isEqualTo("CN=localhost");
			assertThat(json).extractingJsonPathNumberValue("$.details.tls.daysUntilExpiry").satisfies(
					(days) -> assertThat(days.longValue()).isPositive());
			assertThat(json).doesNotHaveJsonPath("$.details.tlsVerification");
			assertThat(response.body()).doesNotContain(lab.password());
		}
	}

	private static List<String> arguments(SmtpLab lab) {
		return List.of("--sample.embedded-smtp.enabled=false",
				"--server.port=0", "--smtp.check.host=localhost",
				"--smtp.check.port=" + lab.port(POSTFIX_STARTTLS), "--smtp.check.security=starttls",
				"--smtp.check.auth.username=" + lab.user(),
				"--smtp.check.auth.password=" + lab.password(),
				"--smtp.check.rcpt-to=" + lab.mailbox(),
				"--" + lab.sslBundleProperty("lab"),
				"--smtp.check.tls.bundle=lab",
				// The sample turns a probe over 1 s into DEGRADED; a cold JVM's first TLS handshake on a
				// busy machine can take that long. This test is about UP, not about speed.
				"--smtp.check.warning=5s", "--management.endpoint.health.show-details=always");
	}

}
