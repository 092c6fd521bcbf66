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

package io.github.smtphealth.reliability;

import java.time.Duration;

import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;

import static io.github.smtphealth.reliability.Scripts.acceptPlain;
import static io.github.smtphealth.reliability.Scripts.ehlo;
import static io.github.smtphealth.reliability.Scripts.greet;
import static io.github.smtphealth.reliability.Scripts.mailRsetQuit;
import static io.github.smtphealth.reliability.Scripts.of;
import static io.github.smtphealth.reliability.Scripts.startTls;

/**
 * One complete STARTTLS and AUTH dialogue with a generous deadline, so that a test
 * class's first two-second probe does not pay for loading the TLS, SASL and probe classes
 * on a busy machine.
 */
final class WarmUp {

	private static final TestCertificate CERTIFICATE = TestCertificates.selfSigned("127.0.0.1");

	private WarmUp() {
	}

	static void probeOverStartTlsWithAuth() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(of(greet(), ehlo("STARTTLS"),
				startTls(CERTIFICATE.serverSslContext()), ehlo("AUTH PLAIN"), acceptPlain(), mailRsetQuit()))) {
			SmtpProbeSettings settings = SmtpProbeSettings.builder(server.host())
				.port(server.port())
				.security(Security.STARTTLS)
				.tls(TlsSettings.trusting(CERTIFICATE.trustManagers()))
				.credentials(SmtpCredentials.ofPassword("warm-up", "warm-up-password"))
				.heloName("probe.test")
				.timeout(Duration.ofSeconds(10))
				.build();
			Indicators.onDemand("warm-up", settings).health();
		}
	}

}
