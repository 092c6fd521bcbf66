package io.github.smtphealth.sample.embedded;

import java.time.Duration;

import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.SmtpProbeResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmbeddedSmtpWarmUp}.
 */
class EmbeddedSmtpWarmUpTests {

	private static final SelfSignedCertificate certificate = SelfSignedCertificate.generate(Duration.ofDays(90),
			"localhost", "127.0.0.1");

	@Test
	void probeShouldGoThroughStartTlsAndAuthLikeTheHealthCheck() {
		EmbeddedSmtpProperties properties = new EmbeddedSmtpProperties();
		try (EmbeddedSmtpServer server = EmbeddedSmtpServer.start(properties, certificate)) {
			SmtpProbeResult result = EmbeddedSmtpWarmUp.probe(server, properties, certificate);
			assertThat(result.failure()).isNull();
			assertThat(result.phases()).containsKeys(Phase.STARTTLS, Phase.TLS, Phase.AUTH, Phase.MAIL);
		}
	}

	@Test
	void probeOfAStoppedServerShouldReportTheFailureInsteadOfThrowing() {
		EmbeddedSmtpProperties properties = new EmbeddedSmtpProperties();
		EmbeddedSmtpServer server = EmbeddedSmtpServer.start(properties, certificate);
		server.stop();
		SmtpProbeResult result = EmbeddedSmtpWarmUp.probe(server, properties, certificate);
		assertThat(result.failure()).isNotNull();
		assertThat(result.failure().phase()).isEqualTo(Phase.CONNECT);
	}

}
