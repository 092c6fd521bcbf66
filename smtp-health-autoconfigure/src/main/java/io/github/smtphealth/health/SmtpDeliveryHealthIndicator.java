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

import io.github.smtphealth.delivery.DeliveryCheck;
import io.github.smtphealth.delivery.DeliveryOutcome;
import io.github.smtphealth.delivery.DeliveryPhase;
import io.github.smtphealth.delivery.DeliveryResult;
import io.github.smtphealth.delivery.DeliverySettings;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} for one server's end-to-end delivery check: the latest outcome
 * of the background schedule, never a new check (a health request never sends mail or
 * waits for it). UNKNOWN until the first check has finished; then UP, DEGRADED or DOWN
 * with {@code deliveryTimeMs}, {@code sentAt}, {@code receivedAt}, {@code checkedAt} and,
 * on failure, {@code failedPhase} and {@code error}. Nothing secret is shown: of the
 * mailbox only host, port and folder. Several servers' indicators make a composite
 * ({@code CompositeHealthContributor.fromMap}).
 *
 * @param check the delivery check of the server
 * @since 0.1.0
 */
public record SmtpDeliveryHealthIndicator(DeliveryCheck check) implements HealthIndicator {

	/**
	 * Create an indicator.
	 * @param check the delivery check of the server
	 */
	public SmtpDeliveryHealthIndicator {
		Assert.notNull(check, "'check' must not be null");
	}

	@Override
	public Health health() {
		DeliveryOutcome outcome = this.check.latest();
		DeliverySettings settings = this.check.settings();
		Health.Builder builder = Health
			.status((outcome != null) ? SmtpHealthDetails.status(outcome.verdict().status()) : Status.UNKNOWN);
		builder.withDetail("to", settings.to());
		builder.withDetail("imap", settings.imap().host() + ":" + settings.imap().port());
		builder.withDetail("folder", settings.imap().folder());
		if (outcome == null) {
			return builder.withDetail("reason", "the first delivery check has not finished yet").build();
		}
		DeliveryResult result = outcome.result();
		if (result.deliveryTime() != null) {
			builder.withDetail("deliveryTimeMs", result.deliveryTime().toMillis());
		}
		if (result.sentAt() != null) {
			builder.withDetail("sentAt", result.sentAt().toString());
		}
		if (result.receivedAt() != null) {
			builder.withDetail("receivedAt", result.receivedAt().toString());
		}
		builder.withDetail("checkedAt", result.checkedAt().toString());
		DeliveryPhase failedPhase = result.failedPhase();
		if (failedPhase != null) {
			builder.withDetail("failedPhase", failedPhase.id());
		}
		String reason = outcome.verdict().reason();
		if (reason != null) {
			builder.withDetail((failedPhase != null) ? "error" : "reason", reason);
		}
		return builder.build();
	}

}
