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

import java.time.Clock;
import java.time.Duration;

import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.check.RefreshMode;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.check.SmtpCheckListener;
import io.github.smtphealth.health.SmtpHealthIndicator;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeSettings;

/**
 * Builds a health indicator the way the auto-configuration does (default thresholds: none
 * for the response time, DEGRADED 14 days before the certificate expires), but probing on
 * every request.
 */
final class Indicators {

	private static final CheckPolicy AUTO_CONFIGURED_POLICY = new CheckPolicy(null, null, Duration.ofDays(14),
			Duration.ZERO);

	private Indicators() {
	}

	static SmtpHealthIndicator onDemand(String name, SmtpProbeSettings settings) {
		return onDemand(name, settings, (outcome) -> {
		});
	}

	static SmtpHealthIndicator onDemand(String name, SmtpProbeSettings settings, SmtpCheckListener listener) {
		SmtpCheck check = new SmtpCheck(name, new SmtpProbe(settings), AUTO_CONFIGURED_POLICY, Duration.ZERO,
				RefreshMode.ON_DEMAND, Duration.ofSeconds(30), listener, Clock.systemUTC());
		return new SmtpHealthIndicator(check);
	}

}
