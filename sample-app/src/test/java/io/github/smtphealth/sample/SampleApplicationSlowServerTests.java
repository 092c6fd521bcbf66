package io.github.smtphealth.sample;

import io.github.smtphealth.sample.ActuatorClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo switch: an embedded server that greets later than the warning threshold makes the check
 * DEGRADED, which is still HTTP 200 and still ready.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.embedded-smtp.greeting-delay=1s", "smtp.check.warning=300ms",
				"smtp.check.cache-ttl=0" })
@DirtiesContext
class SampleApplicationSlowServerTests {

	@LocalServerPort
	private int port;

	private ActuatorClient actuator;

	@BeforeEach
	void createClient() {
		this.actuator = new ActuatorClient(this.port);
	}

	@Test
	void smtpHealthWhenGreetingIsSlowerThanWarningShouldBeDegradedWithHttp200() {
		Response response = this.actuator.getJson("/actuator/health/smtp");
		assertThat(response.status()).isEqualTo(200);
		JsonContent<Object> json = response.json();
		assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("DEGRADED");
		assertThat(json).extractingJsonPathStringValue("$.details.reason").contains("warning threshold of 300 ms");
		// The server's delay starts when it accepts the connection, so it is all inside the total
		assertThat(json).extractingJsonPathNumberValue("$.details.responseTimeMs")
			.satisfies((millis) -> assertThat(millis.longValue()).isGreaterThanOrEqualTo(1000));
		assertThat(json).extractingJsonPathStringValue("$.details.authMechanism").isEqualTo("PLAIN");
	}

	@Test
	void healthWhenSmtpIsDegradedShouldAggregateToDegradedWithHttp200() {
		Response response = this.actuator.getJson("/actuator/health");
		assertThat(response.status()).isEqualTo(200);
		JsonContent<Object> json = response.json();
		assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("DEGRADED");
		assertThat(json).extractingJsonPathStringValue("$.components.smtp.status").isEqualTo("DEGRADED");
	}

	@Test
	void readinessWhenSmtpIsDegradedShouldStayReady() {
		Response response = this.actuator.getJson("/actuator/health/readiness");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).extractingJsonPathStringValue("$.status").isEqualTo("DEGRADED");
	}

	@Test
	void prometheusWhenSmtpIsDegradedShouldCountDegradedProbes() {
		assertThat(this.actuator.getJson("/actuator/health/smtp").status()).isEqualTo(200);
		Response response = this.actuator.getPrometheus();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("smtp_check_up{server=\"default\"} 1.0")
			.containsPattern("smtp_check_seconds_count\\{[^}]*status=\"degraded\"[^}]*\\} [1-9]");
	}

}
