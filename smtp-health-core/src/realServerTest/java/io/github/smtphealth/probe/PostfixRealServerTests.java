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

package io.github.smtphealth.probe;

import java.time.Duration;

import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.smtphealth.lab.LabListener.POSTFIX_PLAIN;
import static io.github.smtphealth.lab.LabListener.POSTFIX_SMTPS;
import static io.github.smtphealth.lab.LabListener.POSTFIX_STARTTLS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpProbe} against what only the lab's Postfix (Dovecot SASL) has: a plain listener
 * with neither STARTTLS nor AUTH, and a certificate for {@code localhost}. What every server does
 * (STARTTLS, implicit TLS, AUTH mechanisms, unknown recipient) is in {@link LabServersRealServerTests}.
 */
class PostfixRealServerTests {

	private final SmtpLab lab = SmtpLab.get();

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.github.smtphealth.probe.LabProbes#loopbacks")
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
	void probeRequiringStartTlsOfPlainListenerShouldFailInPhaseStartTlsWithoutSendingCredentials() {
		SmtpProbeResult result = LabProbes.run(LabProbes.withCredentials(this.lab, POSTFIX_PLAIN, Security.STARTTLS));
		ProbeFailure failure = LabProbes.failure(result, Phase.STARTTLS, FailureKind.TLS);
		assertThat(failure.reason()).isEqualTo("STARTTLS not advertised by server");
		assertThat(result.phases()).doesNotContainKeys(Phase.TLS, Phase.AUTH, Phase.MAIL);
		assertThat(result.authMechanism()).isNull();
	}

	@Test
	void probeWithPlaintextAuthAllowedShouldFailBecausePostfixOffersAuthOnlyAfterTls() {
		SmtpProbeResult result = LabProbes.run(LabProbes.plaintextAuthAllowed(this.lab, POSTFIX_STARTTLS));
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(Phase.AUTH);
		assertThat(failure.reason()).isEqualTo("AUTH not advertised by server");
	}

	@Test
	void probeWithSmtpsOfPlainListenerShouldFailInPhaseTls() {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, POSTFIX_STARTTLS, this.lab.host4()).security(Security.SMTPS));
		LabProbes.failure(result, Phase.TLS, FailureKind.TLS);
		assertThat(result.greeting()).isNull();
	}

	@Test
	void probeWithStartTlsOfSmtpsListenerShouldTimeOutWaitingForGreeting() {
		Duration timeout = Duration.ofSeconds(1);
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, POSTFIX_SMTPS, this.lab.host4())
			.security(Security.STARTTLS)
			.timeout(timeout));
		LabProbes.failure(result, Phase.GREETING, FailureKind.TIMEOUT);
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
