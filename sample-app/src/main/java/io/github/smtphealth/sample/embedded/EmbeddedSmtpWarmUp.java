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

import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;

/**
 * Probes the embedded server once at startup, with the same settings the health check
 * will use, and throws the result away. The first TLS handshake in a JVM loads and
 * initialises the whole TLS stack, which on a busy machine takes longer than the sample's
 * one-second warning threshold by itself: without this, a newcomer's first {@code curl}
 * could show DEGRADED for a reason that has nothing to do with the server. It also shows
 * in the log that the server works. Nothing is recorded: the health check and its metrics
 * only ever see their own probes.
 */
final class EmbeddedSmtpWarmUp {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private EmbeddedSmtpWarmUp() {
	}

	static SmtpProbeResult probe(EmbeddedSmtpServer server, EmbeddedSmtpProperties properties,
			SelfSignedCertificate certificate) {
		SmtpProbeSettings settings = SmtpProbeSettings.builder(EmbeddedSmtpServer.HOST)
			.port(server.port())
			.security(Security.STARTTLS)
			.credentials(SmtpCredentials.ofPassword(properties.getUsername(), properties.getPassword()))
			.tls(TlsSettings.trusting(certificate.trustManagers()))
			.timeout(TIMEOUT.plus(properties.getGreetingDelay()))
			.build();
		return new SmtpProbe(settings).run();
	}

}
