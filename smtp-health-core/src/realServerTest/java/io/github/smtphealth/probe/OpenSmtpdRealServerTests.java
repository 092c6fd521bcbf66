package io.github.smtphealth.probe;

import java.util.List;
import java.util.stream.Stream;

import io.github.smtphealth.lab.LabListener;
import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.smtphealth.lab.LabListener.OPENSMTPD_SMTPS;
import static io.github.smtphealth.lab.LabListener.OPENSMTPD_STARTTLS;
import static io.github.smtphealth.lab.LabListener.OPENSMTPD_STRICT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpProbe} against the lab's OpenSMTPD 7.4: STARTTLS and implicit TLS with optional
 * AUTH, and a strict listener that answers {@code MAIL} with {@code 530} until STARTTLS and AUTH.
 */
class OpenSmtpdRealServerTests {

	private final SmtpLab lab = SmtpLab.get();

	static List<String> loopbacks() {
		return SmtpLab.get().hosts();
	}

	static Stream<Arguments> mechanisms() {
		return LabProbes.advertisedMechanisms(OPENSMTPD_STARTTLS, OPENSMTPD_SMTPS, OPENSMTPD_STRICT);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("loopbacks")
	void probeWithStartTlsAuthAndRecipientShouldSucceed(String host) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, OPENSMTPD_STARTTLS, host)
			.credentials(LabProbes.credentials(this.lab))
			.rcptTo(LabProbes.recipient(this.lab)));
		LabProbes.assertSucceededOverTls(result, host);
		assertThat(result.greeting()).startsWith("220 ").contains("OpenSMTPD");
		assertThat(result.authMechanism())
			.isEqualTo(LabProbes.autoMechanism(LabProbes.authMechanisms(this.lab, OPENSMTPD_STARTTLS)));
		assertThat(result.phases()).containsKeys(Phase.STARTTLS, Phase.TLS, Phase.AUTH, Phase.RCPT);
		assertThat(result.capabilities()).as("capabilities from the EHLO after STARTTLS").doesNotContain("STARTTLS");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("loopbacks")
	void probeWithSmtpsAndAuthShouldSucceed(String host) {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, OPENSMTPD_SMTPS, host).credentials(LabProbes.credentials(this.lab)));
		LabProbes.assertSucceededOverTls(result, host);
		assertThat(result.phases()).containsKeys(Phase.TLS, Phase.AUTH).doesNotContainKey(Phase.STARTTLS);
	}

	@Test
	void probeWithoutTlsShouldSeeStartTlsButNoAuth() {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, OPENSMTPD_STARTTLS, this.lab.host4()).security(Security.NONE));
		assertThat(result.failure()).isNull();
		assertThat(result.capabilities()).contains("STARTTLS").noneMatch((line) -> line.startsWith("AUTH"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("mechanisms")
	void probeWithEachAdvertisedMechanismShouldAuthenticate(LabListener listener, AuthMechanism mechanism) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, listener, this.lab.host4())
			.credentials(LabProbes.credentials(this.lab))
			.authMechanism(mechanism)
			.rcptTo(LabProbes.recipient(this.lab)));
		LabProbes.assertSucceededOverTls(result, this.lab.host4());
		assertThat(result.authMechanism()).isEqualTo(mechanism.saslName());
	}

	@Test
	void advertisedAuthMechanismsShouldBeThoseOfLabEnvAndThoseTheIssueAsksFor() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, OPENSMTPD_SMTPS, this.lab.host4()));
		assertThat(result.failure()).isNull();
		assertThat(LabProbes.advertisedAuthMechanisms(result))
			.containsExactlyElementsOf(this.lab.authMechanismNames(OPENSMTPD_SMTPS))
			.contains("PLAIN", "LOGIN");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("loopbacks")
	void strictListenerProbedWithoutTlsShouldFailInPhaseMailWith530(String host) {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, OPENSMTPD_STRICT, host).security(Security.NONE));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.MAIL);
		assertThat(failure.kind()).isEqualTo(FailureKind.REJECTED);
		assertThat(failure.replyCode()).isEqualTo(530);
		assertThat(failure.reason()).startsWith("MAIL FROM rejected: 530").contains("STARTTLS");
		assertThat(result.capabilities()).contains("STARTTLS");
	}

	@Test
	void strictListenerProbedWithStartTlsButWithoutAuthShouldFailInPhaseMailWith530() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, OPENSMTPD_STRICT, this.lab.host4()));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.MAIL);
		assertThat(failure.replyCode()).isEqualTo(530);
		assertThat(failure.reason()).contains("AUTH");
		assertThat(result.tls()).isNotNull();
	}

	@Test
	void probeWithUnknownRecipientShouldFailInPhaseRcpt() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, OPENSMTPD_STARTTLS, this.lab.host4())
			.security(Security.NONE)
			.rcptTo(LabProbes.unknownRecipient()));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.RCPT);
		assertThat(failure.replyCode()).isEqualTo(550);
	}

}
