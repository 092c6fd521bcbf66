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

import static io.github.smtphealth.lab.LabListener.OPENSMTPD_STRICT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpProbe} against what only the lab's OpenSMTPD 7.4 has: a strict listener that
 * answers {@code MAIL} with {@code 530} until STARTTLS and AUTH. What every server does (STARTTLS,
 * implicit TLS, AUTH mechanisms, unknown recipient) is in {@link LabServersRealServerTests}.
 */
class OpenSmtpdRealServerTests {

	private final SmtpLab lab = SmtpLab.get();

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.github.smtphealth.probe.LabProbes#loopbacks")
	void strictListenerProbedWithoutTlsShouldFailInPhaseMailWith530(String host) {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, OPENSMTPD_STRICT, host).security(Security.NONE));
		ProbeFailure failure = LabProbes.failure(result, Phase.MAIL, FailureKind.REJECTED);
		assertThat(failure.replyCode()).isEqualTo(530);
		assertThat(failure.reason()).startsWith("MAIL FROM rejected: 530").contains("STARTTLS");
		assertThat(result.capabilities()).contains("STARTTLS");
	}

	@Test
	void strictListenerProbedWithStartTlsButWithoutAuthShouldFailInPhaseMailWith530() {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, OPENSMTPD_STRICT, this.lab.host4()));
		ProbeFailure failure = LabProbes.failure(result, Phase.MAIL, FailureKind.REJECTED);
		assertThat(failure.replyCode()).isEqualTo(530);
		assertThat(failure.reason()).contains("AUTH");
		assertThat(result.tls()).isNotNull();
	}

}
