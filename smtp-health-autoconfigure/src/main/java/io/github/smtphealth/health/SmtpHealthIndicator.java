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

package io.github.smtphealth.health;

import io.github.smtphealth.check.SmtpCheck;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} for one SMTP server: UP, DEGRADED or DOWN from a real SMTP
 * dialogue, with its timings, TLS session and, on failure, the phase that failed and why.
 * It serves the check's latest verdict and never waits for a probe once one exists (see
 * {@link SmtpCheck#current()}).
 *
 * @since 0.1.0
 */
public class SmtpHealthIndicator implements HealthIndicator {

	private static final Log logger = LogFactory.getLog(SmtpHealthIndicator.class);

	private final SmtpCheck check;

	private final PendingStatus pendingStatus;

	/**
	 * Create an indicator that reports OUT_OF_SERVICE while the first check runs.
	 * @param check the check of the server
	 */
	public SmtpHealthIndicator(SmtpCheck check) {
		this(check, PendingStatus.OUT_OF_SERVICE);
	}

	/**
	 * Create an indicator.
	 * @param check the check of the server
	 * @param pendingStatus what to report while the first check runs
	 */
	public SmtpHealthIndicator(SmtpCheck check, PendingStatus pendingStatus) {
		Assert.notNull(check, "'check' must not be null");
		Assert.notNull(pendingStatus, "'pendingStatus' must not be null");
		this.check = check;
		this.pendingStatus = pendingStatus;
	}

	/**
	 * Like Boot's {@code AbstractHealthIndicator}, an unexpected exception is DOWN with a
	 * WARN, never an HTTP 500.
	 */
	@Override
	public Health health() {
		try {
			return SmtpHealthDetails.toHealth(this.check.current(), this.pendingStatus);
		}
		catch (RuntimeException ex) {
			logger.warn("SMTP health check of server '" + this.check.name() + "' failed unexpectedly", ex);
			return Health.down()
				.withDetail("host", this.check.probe().settings().host())
				.withDetail("port", this.check.probe().settings().port())
				.withDetail("error", "unexpected " + ex.getClass().getName() + " (see the log)")
				.build();
		}
	}

}
