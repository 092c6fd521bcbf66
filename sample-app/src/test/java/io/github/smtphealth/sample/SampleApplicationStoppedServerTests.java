package io.github.smtphealth.sample;

import io.github.smtphealth.sample.ActuatorClient.Response;
import io.github.smtphealth.sample.embedded.EmbeddedSmtpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server stopped under a running application: the check is DOWN, which is HTTP 503 on
 * the health and readiness endpoints, while liveness stays UP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "smtp.check.cache-ttl=0")
@DirtiesContext
class SampleApplicationStoppedServerTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedSmtpServer embeddedSmtpServer;

	private ActuatorClient actuator;

	@BeforeEach
	void stopServer() {
		this.embeddedSmtpServer.stop();
		this.actuator = new ActuatorClient(this.port);
	}

	@Test
	void smtpHealthWhenServerIsStoppedShouldBeDownWithHttp503() {
		Response response = this.actuator.getJson("/actuator/health/smtp");
		assertThat(response.status()).isEqualTo(503);
		JsonContent<Object> json = response.json();
		assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("DOWN");
		assertThat(json).extractingJsonPathStringValue("$.details.failedPhase").isEqualTo("connect");
		assertThat(json).extractingJsonPathStringValue("$.details.error").isNotEmpty();
		assertThat(json).extractingJsonPathNumberValue("$.details.port").isEqualTo(this.embeddedSmtpServer.port());
	}

	@Test
	void healthWhenServerIsStoppedShouldBeDownWithHttp503() {
		Response response = this.actuator.getJson("/actuator/health");
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.json()).extractingJsonPathStringValue("$.status").isEqualTo("DOWN");
	}

	@Test
	void readinessWhenServerIsStoppedShouldBeDownWithHttp503() {
		Response response = this.actuator.getJson("/actuator/health/readiness");
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.json()).extractingJsonPathStringValue("$.components.smtp.status").isEqualTo("DOWN");
	}

	@Test
	void livenessWhenServerIsStoppedShouldStayUp() {
		Response response = this.actuator.getJson("/actuator/health/liveness");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).extractingJsonPathStringValue("$.status").isEqualTo("UP");
	}

	@Test
	void prometheusWhenServerIsStoppedShouldReportItDown() {
		assertThat(this.actuator.getJson("/actuator/health/smtp").status()).isEqualTo(503);
		Response response = this.actuator.getPrometheus();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("smtp_check_up{server=\"default\"} 0.0")
			.containsPattern("smtp_check_failures_total\\{[^}]*phase=\"connect\"[^}]*\\} [1-9]");
	}

}
