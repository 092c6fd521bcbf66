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

import static io.github.smtphealth.lab.LabListener.EXIM_STARTTLS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpProbe} against what only the lab's Exim 4 (heavy daemon) does: it advertises
 * {@code PIPECONNECT} and answers {@code QUIT} late. What every server does (STARTTLS, implicit TLS with
 * {@code tls_on_connect_ports}, AUTH mechanisms, unknown recipient) is in {@link LabServersRealServerTests}.
 */
class EximRealServerTests {

	private final SmtpLab lab = SmtpLab.get();

	@Test
	void probeWithoutTlsShouldSeePipeConnectAndGetTheLateQuitReply() {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, EXIM_STARTTLS, this.lab.host4()).security(Security.NONE));
		assertThat(result.failure()).isNull();
		assertThat(result.capabilities()).contains("STARTTLS", "PIPECONNECT")
			.noneMatch((line) -> line.startsWith("AUTH"));
		assertThat(result.quitProblem()).isNull();
	}

}
