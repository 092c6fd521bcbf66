package io.github.smtphealth.health;

import io.github.smtphealth.check.SmtpCheck;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} for one SMTP server: UP, DEGRADED or DOWN from a real SMTP dialogue, with
 * its timings, TLS session and, on failure, the phase that failed and why.
 *
 * @since 0.1.0
 */
public class SmtpHealthIndicator implements HealthIndicator {

	private final SmtpCheck check;

	/**
	 * Create an indicator.
	 * @param check the check of the server
	 */
	public SmtpHealthIndicator(SmtpCheck check) {
		Assert.notNull(check, "'check' must not be null");
		this.check = check;
	}

	@Override
	public Health health() {
		return SmtpHealthDetails.toHealth(this.check.current());
	}

}
