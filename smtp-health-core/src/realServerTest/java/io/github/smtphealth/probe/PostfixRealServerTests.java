package io.github.smtphealth.probe;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.smtphealth.lab.LabListener;
import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.smtphealth.lab.LabListener.POSTFIX_PLAIN;
import static io.github.smtphealth.lab.LabListener.POSTFIX_SMTPS;
import static io.github.smtphealth.lab.LabListener.POSTFIX_STARTTLS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpProbe} against the lab's Postfix (Dovecot SASL): STARTTLS with AUTH offered only
 * after TLS, implicit TLS, and a plain listener with neither STARTTLS nor AUTH.
 */
class PostfixRealServerTests {

	private final SmtpLab lab = SmtpLab.get();

	static List<String> loopbacks() {
		return SmtpLab.get().hosts();
	}

	static Stream<Arguments> mechanisms() {
		return LabProbes.advertisedMechanisms(POSTFIX_STARTTLS, POSTFIX_SMTPS);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("loopbacks")
	void probeWithStartTlsAuthAndRecipientShouldSucceed(String host) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, POSTFIX_STARTTLS, host)
			.credentials(LabProbes.credentials(this.lab))
			.rcptTo(LabProbes.recipient(this.lab)));
		LabProbes.assertSucceededOverTls(result, host);
		assertThat(result.greeting()).startsWith("220 ").contains("Postfix");
		assertThat(result.authMechanism()).isEqualTo(LabProbes.autoMechanism(LabProbes.authMechanisms(this.lab, POSTFIX_STARTTLS)));
		assertThat(result.phases()).containsKeys(Phase.STARTTLS, Phase.TLS, Phase.AUTH, Phase.MAIL, Phase.RCPT,
				Phase.RSET, Phase.QUIT);
		assertThat(result.capabilities()).as("capabilities from the EHLO after STARTTLS")
			.doesNotContain("STARTTLS")
			.anyMatch((line) -> line.startsWith("AUTH "));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("loopbacks")
	void probeWithSmtpsAndAuthShouldSucceed(String host) {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, POSTFIX_SMTPS, host).credentials(LabProbes.credentials(this.lab)));
		LabProbes.assertSucceededOverTls(result, host);
		assertThat(result.phases()).containsKeys(Phase.TLS, Phase.AUTH).doesNotContainKey(Phase.STARTTLS);
		assertThat(result.authMechanism()).isNotNull();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("loopbacks")
	void probeWithoutTlsOfPlainListenerShouldSucceed(String host) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, POSTFIX_PLAIN, host));
		assertThat(result.failure()).isNull();
		assertThat(LabProbes.remoteAddress(result)).isEqualTo(LabProbes.address(host));
		assertThat(result.tls()).isNull();
		assertThat(result.capabilities()).isNotEmpty()
			.doesNotContain("STARTTLS")
			.noneMatch((line) -> line.startsWith("AUTH"));
	}

	@Test
	void probeWithoutTlsOfStartTlsListenerShouldSeeStartTlsButNoAuth() {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, POSTFIX_STARTTLS, this.lab.host4()).security(Security.NONE));
		assertThat(result.failure()).isNull();
		assertThat(result.capabilities()).contains("STARTTLS").noneMatch((line) -> line.startsWith("AUTH"));
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
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, POSTFIX_STARTTLS, this.lab.host4()));
		assertThat(result.failure()).isNull();
		assertThat(LabProbes.advertisedAuthMechanisms(result))
			.containsExactlyElementsOf(this.lab.authMechanismNames(POSTFIX_STARTTLS))
			.contains("PLAIN", "LOGIN", "CRAM-MD5");
	}

	@Test
	void probeRequiringStartTlsOfPlainListenerShouldFailInPhaseStartTlsWithoutSendingCredentials() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, POSTFIX_PLAIN, this.lab.host4())
			.security(Security.STARTTLS)
			.credentials(LabProbes.credentials(this.lab)));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.STARTTLS);
		assertThat(failure.kind()).isEqualTo(FailureKind.TLS);
		assertThat(failure.reason()).isEqualTo("STARTTLS not advertised by server");
		assertThat(result.phases()).doesNotContainKeys(Phase.TLS, Phase.AUTH, Phase.MAIL);
		assertThat(result.authMechanism()).isNull();
	}

	@Test
	void probeWithPlaintextAuthAllowedShouldFailBecausePostfixOffersAuthOnlyAfterTls() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, POSTFIX_STARTTLS, this.lab.host4())
			.security(Security.NONE)
			.credentials(LabProbes.credentials(this.lab))
			.allowPlaintextAuth(true));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.AUTH);
		assertThat(failure.reason()).isEqualTo("AUTH not advertised by server");
	}

	@Test
	void probeWithUnknownRecipientShouldFailInPhaseRcpt() {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, POSTFIX_PLAIN, this.lab.host4()).rcptTo(LabProbes.unknownRecipient()));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.RCPT);
		assertThat(failure.kind()).isEqualTo(FailureKind.REJECTED);
		assertThat(failure.replyCode()).isEqualTo(550);
		assertThat(failure.reason()).startsWith("RCPT TO rejected: 550").contains(LabProbes.unknownRecipient());
	}

	@Test
	void probeWithSmtpsOfPlainListenerShouldFailInPhaseTls() {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, POSTFIX_STARTTLS, this.lab.host4()).security(Security.SMTPS));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.TLS);
		assertThat(failure.kind()).isEqualTo(FailureKind.TLS);
		assertThat(result.greeting()).isNull();
	}

	@Test
	void probeWithStartTlsOfSmtpsListenerShouldTimeOutWaitingForGreeting() {
		Duration timeout = Duration.ofSeconds(1);
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, POSTFIX_SMTPS, this.lab.host4())
			.security(Security.STARTTLS)
			.timeout(timeout));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.GREETING);
		assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
		assertThat(result.total()).isLessThan(timeout.plusSeconds(5));
	}

	@Test
	void probeOfLocalhostShouldVerifyCertificateByItsDnsName() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, POSTFIX_STARTTLS, "localhost")
			.ipFamily(IpFamily.IPV4)
			.credentials(LabProbes.credentials(this.lab)));
		LabProbes.assertSucceededOverTls(result, this.lab.host4());
	}

}
