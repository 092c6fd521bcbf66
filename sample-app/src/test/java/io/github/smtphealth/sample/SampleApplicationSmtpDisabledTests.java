package io.github.smtphealth.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's readiness group names {@code smtp}; with the check switched off the application must
 * still start, and readiness answers without it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.health.smtp.enabled=false")
class SampleApplicationSmtpDisabledTests {

	private final ActuatorClient actuator;

	SampleApplicationSmtpDisabledTests(@LocalServerPort int port) {
		this.actuator = new ActuatorClient(port);
	}

	@Test
	void readinessWithTheCheckDisabledShouldBeUpWithoutSmtp() {
		JsonContent<Object> json = this.actuator.health("/actuator/health/readiness", 200, "UP");
		assertThat(json).doesNotHaveJsonPath("$.components.smtp");
	}

	@Test
	void smtpHealthWithTheCheckDisabledShouldBeNotFound() {
		assertThat(this.actuator.getJson("/actuator/health/smtp").status()).isEqualTo(404);
	}

}
