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
 * Builds a health indicator the way the auto-configuration does (default thresholds: none for the
 * response time, DEGRADED 14 days before the certificate expires), but probing on every request.
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
