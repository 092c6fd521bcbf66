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
