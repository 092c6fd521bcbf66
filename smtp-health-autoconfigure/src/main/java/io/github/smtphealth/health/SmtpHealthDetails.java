package io.github.smtphealth.health;

import io.github.smtphealth.check.CheckStatus;
import io.github.smtphealth.check.SmtpCheckDetails;
import io.github.smtphealth.check.SmtpCheckOutcome;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Turns a check outcome into {@link Health}: the status, and the details of
 * {@link SmtpCheckDetails} (the same keys {@code smtp-check --json} prints).
 */
final class SmtpHealthDetails {

	private SmtpHealthDetails() {
	}

	static Health toHealth(SmtpCheckOutcome outcome, PendingStatus pendingStatus) {
		return Health.status(status(outcome.verdict().status(), pendingStatus))
			.withDetails(SmtpCheckDetails.of(outcome))
			.build();
	}

	/**
	 * The status of a verdict for a check without a pending answer of its own (the delivery check).
	 */
	static Status status(CheckStatus status) {
		return status(status, PendingStatus.UNKNOWN);
	}

	static Status status(CheckStatus status, PendingStatus pendingStatus) {
		return switch (status) {
			case UP -> Status.UP;
			case DEGRADED -> SmtpHealthStatus.DEGRADED;
			case DOWN -> Status.DOWN;
			case PENDING -> pendingStatus.status();
		};
	}

}
