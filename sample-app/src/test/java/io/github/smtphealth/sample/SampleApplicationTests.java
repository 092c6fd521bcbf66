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

import io.github.smtphealth.sample.ActuatorClient.Response;
import io.github.smtphealth.sample.embedded.EmbeddedSmtpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a newcomer runs it: the embedded server, checked over STARTTLS with AUTH,
 * seen through real HTTP calls to the actuator.
 */
@TestPropertySource(properties = { "smtp.check.cache-ttl=0", "smtp.check.warning=5s" })
class SampleApplicationTests extends FirstVerdictSampleTests {

	SampleApplicationTests(@LocalServerPort int port) {
		super(port);
	}

	@Test
	void smtpHealthShouldBeUpWithStartTlsAuthAndEveryPhase(@Autowired EmbeddedSmtpServer embeddedSmtpServer) {
		JsonContent<Object> json = this.actuator.health("/actuator/health/smtp", 200, "UP");
		assertThat(json).extractingJsonPathStringValue("$.details.host").isEqualTo("localhost");
		assertThat(json).extractingJsonPathNumberValue("$.details.port").isEqualTo(embeddedSmtpServer.port());
		assertThat(json).extractingJsonPathStringValue("$.details.security").isEqualTo("starttls");
		assertThat(json).doesNotHaveJsonPath("$.details.tlsVerification");
		assertThat(json).extractingJsonPathStringValue("$.details.greeting").startsWith("220 localhost ESMTP");
		assertThat(json).extractingJsonPathArrayValue("$.details.capabilities")
			.contains("STARTTLS", "AUTH PLAIN LOGIN");
		assertThat(json).extractingJsonPathStringValue("$.details.authMechanism").isEqualTo("PLAIN");
		assertThat(json).extractingJsonPathStringValue("$.details.tls.protocol").startsWith("TLSv1.");
		assertThat(json).extractingJsonPathStringValue("$.details.tls.cipherSuite").startsWith("TLS_");
		assertThat(json).extractingJsonPathStringValue("$.details.tls.subject").contains("CN=localhost");
		assertThat(json).extractingJsonPathStringValue("$.details.tls.issuer").contains("CN=localhost");
		assertThat(json).extractingJsonPathNumberValue("$.details.tls.daysUntilExpiry")
			.satisfies((days) -> assertThat(days.intValue()).isBetween(88, 90));
		assertThat(json).extractingJsonPathMapValue("$.details.phasesMs")
			.containsOnlyKeys("dns", "connect", "greeting", "ehlo", "starttls", "tls", "auth", "mail", "rset", "quit");
		// Once the first verdict is in, every answer reuses a probe (README: details,
		// 'cached')
		assertThat(json).extractingJsonPathBooleanValue("$.details.cached").isTrue();
		assertThat(json).doesNotHaveJsonPath("$.details.error");
		assertThat(json.getJson()).doesNotContain("demo-password");
	}

	@Test
	void healthShouldBeUpAndIncludeSmtpAndTheProbeGroups() {
		JsonContent<Object> json = this.actuator.health("/actuator/health", 200, "UP");
		assertThat(json).extractingJsonPathStringValue("$.components.smtp.status").isEqualTo("UP");
		assertThat(json).extractingJsonPathStringValue("$.components.smtp.details.security").isEqualTo("starttls");
		assertThat(json).extractingJsonPathArrayValue("$.groups").containsExactlyInAnyOrder("liveness", "readiness");
	}

	@Test
	void readinessShouldIncludeSmtp() {
		JsonContent<Object> json = this.actuator.health("/actuator/health/readiness", 200, "UP");
		assertThat(json).extractingJsonPathMapValue("$.components").containsOnlyKeys("readinessState", "smtp");
		assertThat(json).extractingJsonPathStringValue("$.components.smtp.status").isEqualTo("UP");
	}

	@Test
	void livenessShouldNotIncludeSmtp() {
		JsonContent<Object> json = this.actuator.health("/actuator/health/liveness", 200, "UP");
		assertThat(json).extractingJsonPathMapValue("$.components").containsOnlyKeys("livenessState");
	}

	@Test
	void prometheusShouldExposeTheCheckMeters() {
		assertThat(this.actuator.prometheusAfterSmtpHealth(200, "UP")).contains("smtp_check_up{server=\"default\"} 1.0")
			.containsPattern("smtp_check_seconds_count\\{[^}]*security=\"starttls\"[^}]*status=\"up\"[^}]*\\} [1-9]")
			.containsPattern("smtp_check_phase_seconds_count\\{[^}]*phase=\"auth\"[^}]*\\} [1-9]")
			.containsPattern("smtp_check_certificate_expiry_seconds\\{server=\"default\"\\} \\d");
	}

	@Test
	void infoShouldBeExposed() {
		Response response = this.actuator.getJson("/actuator/info");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).extractingJsonPathStringValue("$.java.version").isNotEmpty();
	}

}
