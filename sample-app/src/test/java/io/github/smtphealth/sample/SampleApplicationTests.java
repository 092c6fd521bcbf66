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
 * The sample as a newcomer runs it: the embedded server, checked over STARTTLS with AUTH, seen
 * through real HTTP calls to the actuator.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "smtp.check.cache-ttl=0", "smtp.check.warning=5s" })
@DirtiesContext
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedSmtpServer embeddedSmtpServer;

	private ActuatorClient actuator;

	@BeforeEach
	void createClient() {
		this.actuator = new ActuatorClient(this.port);
	}

	@Test
	void smtpHealthShouldBeUpWithStartTlsAuthAndEveryPhase() {
		Response response = this.actuator.getJson("/actuator/health/smtp");
		assertThat(response.status()).isEqualTo(200);
		JsonContent<Object> json = response.json();
		assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("UP");
		assertThat(json).extractingJsonPathStringValue("$.details.host").isEqualTo("localhost");
		assertThat(json).extractingJsonPathNumberValue("$.details.port").isEqualTo(this.embeddedSmtpServer.port());
		assertThat(json).extractingJsonPathStringValue("$.details.security").isEqualTo("starttls");
		assertThat(json).doesNotHaveJsonPath("$.details.tlsVerification");
		assertThat(json).extractingJsonPathStringValue("$.details.greeting").startsWith("220 localhost ESMTP");
		assertThat(json).extractingJsonPathArrayValue("$.details.capabilities").contains("STARTTLS", "AUTH PLAIN LOGIN");
		assertThat(json).extractingJsonPathStringValue("$.details.authMechanism").isEqualTo("PLAIN");
		assertThat(json).extractingJsonPathStringValue("$.details.tls.protocol").startsWith("TLSv1.");
		assertThat(json).extractingJsonPathStringValue("$.details.tls.cipherSuite").startsWith("TLS_");
		assertThat(json).extractingJsonPathStringValue("$.details.tls.subject").contains("CN=localhost");
		assertThat(json).extractingJsonPathStringValue("$.details.tls.issuer").contains("CN=localhost");
		assertThat(json).extractingJsonPathNumberValue("$.details.tls.daysUntilExpiry")
			.satisfies((days) -> assertThat(days.intValue()).isBetween(88, 90));
		assertThat(json).extractingJsonPathMapValue("$.details.phasesMs")
			.containsOnlyKeys("dns", "connect", "greeting", "ehlo", "starttls", "tls", "auth", "mail", "rset", "quit");
		assertThat(json).extractingJsonPathBooleanValue("$.details.cached").isFalse();
		assertThat(json).doesNotHaveJsonPath("$.details.error");
		assertThat(response.body()).doesNotContain("demo-password");
	}

	@Test
	void healthShouldBeUpAndIncludeSmtpAndTheProbeGroups() {
		Response response = this.actuator.getJson("/actuator/health");
		assertThat(response.status()).isEqualTo(200);
		JsonContent<Object> json = response.json();
		assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("UP");
		assertThat(json).extractingJsonPathStringValue("$.components.smtp.status").isEqualTo("UP");
		assertThat(json).extractingJsonPathStringValue("$.components.smtp.details.security").isEqualTo("starttls");
		assertThat(json).extractingJsonPathArrayValue("$.groups").containsExactlyInAnyOrder("liveness", "readiness");
	}

	@Test
	void readinessShouldIncludeSmtp() {
		Response response = this.actuator.getJson("/actuator/health/readiness");
		assertThat(response.status()).isEqualTo(200);
		JsonContent<Object> json = response.json();
		assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("UP");
		assertThat(json).extractingJsonPathMapValue("$.components").containsOnlyKeys("readinessState", "smtp");
		assertThat(json).extractingJsonPathStringValue("$.components.smtp.status").isEqualTo("UP");
	}

	@Test
	void livenessShouldNotIncludeSmtp() {
		Response response = this.actuator.getJson("/actuator/health/liveness");
		assertThat(response.status()).isEqualTo(200);
		JsonContent<Object> json = response.json();
		assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("UP");
		assertThat(json).extractingJsonPathMapValue("$.components").containsOnlyKeys("livenessState");
	}

	@Test
	void prometheusShouldExposeTheCheckMeters() {
		assertThat(this.actuator.getJson("/actuator/health/smtp").status()).isEqualTo(200);
		Response response = this.actuator.getPrometheus();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("smtp_check_up{server=\"default\"} 1.0")
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
