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

package io.github.smtphealth.delivery;

import java.time.Duration;
import java.util.Objects;

import io.github.smtphealth.check.CheckStatus;
import io.github.smtphealth.check.CheckVerdict;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The delivery check of one server: runs its {@link DeliveryProbe} when told to (by
 * {@link DeliveryChecks}' schedule, never by a health request), judges the delivery time
 * against the thresholds and keeps the latest outcome for the health endpoint.
 *
 * @since 0.1.0
 */
public final class DeliveryCheck {

	private static final Log logger = LogFactory.getLog(DeliveryCheck.class);

	private final DeliveryProbe probe;

	private final DeliveryListener listener;

	private volatile @Nullable DeliveryOutcome latest;

	/**
	 * Create a check.
	 * @param probe the probe it runs
	 * @param listener told about every outcome
	 */
	public DeliveryCheck(DeliveryProbe probe, DeliveryListener listener) {
		this.probe = Objects.requireNonNull(probe, "'probe' must not be null");
		this.listener = Objects.requireNonNull(listener, "'listener' must not be null");
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public DeliverySettings settings() {
		return this.probe.settings();
	}

	/**
	 * Return the latest outcome, without waiting.
	 * @return the outcome, or {@code null} before the first check has finished
	 */
	public @Nullable DeliveryOutcome latest() {
		return this.latest;
	}

	/**
	 * Run the check now, on the calling thread.
	 * @return the outcome
	 */
	public DeliveryOutcome run() {
		DeliveryResult result = this.probe.run();
		DeliveryOutcome outcome = new DeliveryOutcome(settings(), result, verdict(result));
		DeliveryOutcome previous = this.latest;
		this.latest = outcome;
		logChange(previous, outcome);
		try {
			this.listener.delivered(outcome);
		}
		catch (RuntimeException ex) {
			logger.warn("Delivery check listener failed for SMTP server '" + settings().serverName() + "'", ex);
		}
		return outcome;
	}

	private CheckVerdict verdict(DeliveryResult result) {
		if (!result.isSuccess()) {
			return new CheckVerdict(CheckStatus.DOWN, result.error());
		}
		Duration time = Objects.requireNonNull(result.deliveryTime());
		Duration critical = settings().critical();
		if (critical != null && time.compareTo(critical) > 0) {
			return new CheckVerdict(CheckStatus.DOWN,
					"delivery took " + time.toMillis() + " ms, more than the critical " + critical.toMillis() + " ms");
		}
		Duration warning = settings().warning();
		if (warning != null && time.compareTo(warning) > 0) {
			return new CheckVerdict(CheckStatus.DEGRADED,
					"delivery took " + time.toMillis() + " ms, more than the warning " + warning.toMillis() + " ms");
		}
		return new CheckVerdict(CheckStatus.UP, null);
	}

	/**
	 * A change of status is one line; a steady state is silence.
	 */
	private void logChange(@Nullable DeliveryOutcome previous, DeliveryOutcome current) {
		CheckStatus before = (previous != null) ? previous.verdict().status() : CheckStatus.UP;
		CheckStatus now = current.verdict().status();
		if (before == now) {
			return;
		}
		String server = settings().serverName();
		if (now == CheckStatus.UP) {
			logger.info("Delivery check of SMTP server '" + server + "' is UP again");
		}
		else {
			logger.warn("Delivery check of SMTP server '" + server + "' is " + now + ": " + current.verdict().reason());
		}
	}

}
