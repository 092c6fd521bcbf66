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

package io.github.smtphealth.check;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SmtpChecks}.
 */
class SmtpChecksTests {

	@Test
	void backgroundRefreshShouldKeepItsScheduleWhenARefreshThrows() {
		AtomicInteger probes = new AtomicInteger();
		SmtpCheckListener failing = (outcome) -> {
			probes.incrementAndGet();
			throw new AssertionError("a listener that breaks every time");
		};
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpProbeSettings settings = SmtpProbeSettings.builder(server.host())
				.port(server.port())
				.heloName("client.test")
				.timeout(Duration.ofSeconds(5))
				.build();
			SmtpCheck check = new SmtpCheck("default", new SmtpProbe(settings), CheckPolicy.DEFAULT, Duration.ZERO,
					RefreshMode.BACKGROUND, Duration.ofMillis(50), failing, Clock.systemUTC());
			try (SmtpChecks checks = new SmtpChecks(List.of(check))) {
				checks.startProbing();
				// Generous under a loaded 2-core machine: three probes 50 ms apart.
				await().atMost(Duration.ofSeconds(20)).until(() -> probes.get() >= 3);
			}
		}
	}

}
