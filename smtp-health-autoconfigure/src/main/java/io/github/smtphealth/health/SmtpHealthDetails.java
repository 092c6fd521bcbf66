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
	 * The status of a verdict for a check without a pending answer of its own (the
	 * delivery check).
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
