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

import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.smtphealth.lab.LabListener.DOVECOT_LMTP;
import static io.github.smtphealth.lab.LabListener.DOVECOT_SUBMISSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpProbe} against what only the lab's Dovecot does: LMTP ({@code LHLO}), and a
 * submission service that treats loopback as secure and offers AUTH before STARTTLS. What it shares
 * with every server (STARTTLS with AUTH, AUTH mechanisms) is in {@link LabServersRealServerTests}.
 */
class DovecotRealServerTests {

	private final SmtpLab lab = SmtpLab.get();

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.github.smtphealth.probe.LabProbes#loopbacks")
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
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, DOVECOT_LMTP, this.lab.host4()).lmtp(false));
		ProbeFailure failure = LabProbes.failure(result, Phase.EHLO, FailureKind.REJECTED);
		assertThat(failure.replyCode()).isEqualTo(500);
	}

	@Test
	void submissionProbeWithoutCredentialsShouldFailInPhaseMailWith530() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, DOVECOT_SUBMISSION, this.lab.host4()));
		ProbeFailure failure = LabProbes.failure(result, Phase.MAIL, FailureKind.REJECTED);
		assertThat(failure.replyCode()).isEqualTo(530);
		assertThat(result.tls()).isNotNull();
	}

	@Test
	void submissionProbeWithCredentialsWithoutTlsShouldRefuseToSendThemThoughAuthIsOffered() {
		SmtpProbeResult result = LabProbes.run(LabProbes.withCredentials(this.lab, DOVECOT_SUBMISSION, Security.NONE));
		ProbeFailure failure = LabProbes.failure(result, Phase.AUTH, FailureKind.POLICY);
		assertThat(failure.reason()).startsWith("refusing to send credentials over an unencrypted connection");
		assertThat(result.capabilities()).contains("STARTTLS").anyMatch((line) -> line.startsWith("AUTH "));
		assertThat(result.authMechanism()).isNull();
	}

	@Test
	void submissionProbeWithPlaintextAuthAllowedShouldAuthenticateWithoutTls() {
		SmtpProbeResult result = LabProbes.run(LabProbes.plaintextAuthAllowed(this.lab, DOVECOT_SUBMISSION));
		assertThat(result.failure()).isNull();
		assertThat(result.tls()).isNull();
		assertThat(result.authMechanism()).isNotNull();
	}

}
