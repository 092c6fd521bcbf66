package io.github.smtphealth.probe;

import java.util.List;
import java.util.stream.Stream;

import io.github.smtphealth.lab.LabListener;
import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.smtphealth.lab.LabListener.DOVECOT_LMTP;
import static io.github.smtphealth.lab.LabListener.DOVECOT_SUBMISSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpProbe} against the lab's Dovecot: LMTP ({@code LHLO}) and submission, which
 * treats loopback as secure and offers AUTH before STARTTLS.
 */
class DovecotRealServerTests {

	private final SmtpLab lab = SmtpLab.get();

	static List<String> loopbacks() {
		return SmtpLab.get().hosts();
	}

	static Stream<Arguments> mechanisms() {
		return LabProbes.advertisedMechanisms(DOVECOT_SUBMISSION);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("loopbacks")
	void lmtpProbeWithLhloAndRecipientShouldSucceed(String host) {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, DOVECOT_LMTP, host).rcptTo(LabProbes.recipient(this.lab)));
		assertThat(result.failure()).isNull();
		assertThat(LabProbes.remoteAddress(result)).isEqualTo(LabProbes.address(host));
		assertThat(result.greeting()).startsWith("220 ").contains("Dovecot");
		assertThat(result.capabilities()).as("LHLO reply").contains("PIPELINING", "STARTTLS");
		assertThat(result.phases()).containsKeys(Phase.EHLO, Phase.MAIL, Phase.RCPT, Phase.RSET, Phase.QUIT);
		assertThat(result.quitProblem()).isNull();
	}

	@Test
	void lmtpProbeWithStartTlsShouldSucceed() {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, DOVECOT_LMTP, this.lab.host4()).security(Security.STARTTLS));
		LabProbes.assertSucceededOverTls(result, this.lab.host4());
		assertThat(result.capabilities()).as("LHLO reply after STARTTLS").doesNotContain("STARTTLS");
	}

	@Test
	void lmtpServerProbedWithEhloShouldFailInPhaseEhlo() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, DOVECOT_LMTP, this.lab.host4()).lmtp(false));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.EHLO);
		assertThat(failure.kind()).isEqualTo(FailureKind.REJECTED);
		assertThat(failure.replyCode()).isEqualTo(500);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("loopbacks")
	void submissionProbeWithStartTlsAuthAndRecipientShouldSucceed(String host) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, DOVECOT_SUBMISSION, host)
			.credentials(LabProbes.credentials(this.lab))
			.rcptTo(LabProbes.recipient(this.lab)));
		LabProbes.assertSucceededOverTls(result, host);
		assertThat(result.greeting()).contains("Dovecot");
		assertThat(result.authMechanism())
			.isEqualTo(LabProbes.autoMechanism(LabProbes.authMechanisms(this.lab, DOVECOT_SUBMISSION)));
		assertThat(result.phases()).containsKeys(Phase.STARTTLS, Phase.TLS, Phase.AUTH, Phase.RCPT);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("mechanisms")
	void submissionProbeWithEachAdvertisedMechanismShouldAuthenticate(LabListener listener,
			AuthMechanism mechanism) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, listener, this.lab.host4())
			.credentials(LabProbes.credentials(this.lab))
			.authMechanism(mechanism));
		LabProbes.assertSucceededOverTls(result, this.lab.host4());
		assertThat(result.authMechanism()).isEqualTo(mechanism.saslName());
	}

	@Test
	void advertisedAuthMechanismsShouldBeThoseOfLabEnvAndThoseTheIssueAsksFor() {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, DOVECOT_SUBMISSION, this.lab.host4()).credentials(LabProbes.credentials(this.lab)));
		assertThat(result.failure()).isNull();
		assertThat(LabProbes.advertisedAuthMechanisms(result))
			.containsExactlyElementsOf(this.lab.authMechanismNames(DOVECOT_SUBMISSION))
			.contains("PLAIN", "LOGIN", "CRAM-MD5");
	}

	@Test
	void submissionProbeWithoutCredentialsShouldFailInPhaseMailWith530() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, DOVECOT_SUBMISSION, this.lab.host4()));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.MAIL);
		assertThat(failure.kind()).isEqualTo(FailureKind.REJECTED);
		assertThat(failure.replyCode()).isEqualTo(530);
		assertThat(result.tls()).isNotNull();
	}

	@Test
	void submissionProbeWithCredentialsWithoutTlsShouldRefuseToSendThemThoughAuthIsOffered() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, DOVECOT_SUBMISSION, this.lab.host4())
			.security(Security.NONE)
			.credentials(LabProbes.credentials(this.lab)));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.AUTH);
		assertThat(failure.kind()).isEqualTo(FailureKind.POLICY);
		assertThat(failure.reason()).startsWith("refusing to send credentials over an unencrypted connection");
		assertThat(result.capabilities()).contains("STARTTLS").anyMatch((line) -> line.startsWith("AUTH "));
		assertThat(result.authMechanism()).isNull();
	}

	@Test
	void submissionProbeWithPlaintextAuthAllowedShouldAuthenticateWithoutTls() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, DOVECOT_SUBMISSION, this.lab.host4())
			.security(Security.NONE)
			.credentials(LabProbes.credentials(this.lab))
			.allowPlaintextAuth(true));
		assertThat(result.failure()).isNull();
		assertThat(result.tls()).isNull();
		assertThat(result.authMechanism()).isNotNull();
	}

}
