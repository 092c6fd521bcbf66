package io.github.smtphealth.probe;

import java.util.List;
import java.util.stream.Stream;

import io.github.smtphealth.lab.LabListener;
import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.smtphealth.lab.LabListener.EXIM_SMTPS;
import static io.github.smtphealth.lab.LabListener.EXIM_STARTTLS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpProbe} against the lab's Exim 4 (heavy daemon): STARTTLS with AUTH offered only
 * after TLS, and implicit TLS ({@code tls_on_connect_ports}).
 */
class EximRealServerTests {

	private final SmtpLab lab = SmtpLab.get();

	static List<String> loopbacks() {
		return SmtpLab.get().hosts();
	}

	static Stream<Arguments> mechanisms() {
		return LabProbes.advertisedMechanisms(EXIM_STARTTLS, EXIM_SMTPS);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("loopbacks")
	void probeWithStartTlsAuthAndRecipientShouldSucceed(String host) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, EXIM_STARTTLS, host)
			.credentials(LabProbes.credentials(this.lab))
			.rcptTo(LabProbes.recipient(this.lab)));
		LabProbes.assertSucceededOverTls(result, host);
		assertThat(result.greeting()).startsWith("220 ").contains("Exim");
		assertThat(result.authMechanism()).isEqualTo(LabProbes.autoMechanism(LabProbes.authMechanisms(this.lab, EXIM_STARTTLS)));
		assertThat(result.phases()).containsKeys(Phase.STARTTLS, Phase.TLS, Phase.AUTH, Phase.RCPT);
		assertThat(result.capabilities()).as("capabilities from the EHLO after STARTTLS").doesNotContain("STARTTLS");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("loopbacks")
	void probeWithSmtpsAndAuthShouldSucceed(String host) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, EXIM_SMTPS, host).credentials(LabProbes.credentials(this.lab)));
		LabProbes.assertSucceededOverTls(result, host);
		assertThat(result.phases()).containsKeys(Phase.TLS, Phase.AUTH).doesNotContainKey(Phase.STARTTLS);
	}

	@Test
	void probeWithoutTlsShouldSeeStartTlsButNoAuthAndGetTheLateQuitReply() {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, EXIM_STARTTLS, this.lab.host4()).security(Security.NONE));
		assertThat(result.failure()).isNull();
		assertThat(result.capabilities()).contains("STARTTLS", "PIPECONNECT")
			.noneMatch((line) -> line.startsWith("AUTH"));
		assertThat(result.quitProblem()).isNull();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("mechanisms")
	void probeWithEachAdvertisedMechanismShouldAuthenticate(LabListener listener, AuthMechanism mechanism) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, listener, this.lab.host4())
			.credentials(LabProbes.credentials(this.lab))
			.authMechanism(mechanism));
		LabProbes.assertSucceededOverTls(result, this.lab.host4());
		assertThat(result.authMechanism()).isEqualTo(mechanism.saslName());
	}

	@Test
	void advertisedAuthMechanismsShouldBeThoseOfLabEnvAndThoseTheIssueAsksFor() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, EXIM_SMTPS, this.lab.host4()));
		assertThat(result.failure()).isNull();
		assertThat(LabProbes.advertisedAuthMechanisms(result))
			.containsExactlyElementsOf(this.lab.authMechanismNames(EXIM_SMTPS))
			.contains("PLAIN", "LOGIN", "CRAM-MD5");
	}

	@Test
	void probeWithUnknownRecipientShouldFailInPhaseRcpt() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, EXIM_STARTTLS, this.lab.host4())
			.credentials(LabProbes.credentials(this.lab))
			.rcptTo(LabProbes.unknownRecipient()));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.RCPT);
		assertThat(failure.replyCode()).isEqualTo(550);
	}

}
