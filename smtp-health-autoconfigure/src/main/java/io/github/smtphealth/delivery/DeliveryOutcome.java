package io.github.smtphealth.delivery;

import java.util.Objects;

import io.github.smtphealth.check.CheckVerdict;

/**
 * A delivery check's result and the verdict on it.
 *
 * @param settings the check's settings
 * @param result what the check found
 * @param verdict UP, DEGRADED or DOWN, with the reason
 * @since 0.1.0
 */
public record DeliveryOutcome(DeliverySettings settings, DeliveryResult result, CheckVerdict verdict) {

	/**
	 * Create an outcome.
	 * @param settings the settings
	 * @param result the result
	 * @param verdict the verdict
	 */
	public DeliveryOutcome {
		Objects.requireNonNull(settings, "'settings' must not be null");
		Objects.requireNonNull(result, "'result' must not be null");
		Objects.requireNonNull(verdict, "'verdict' must not be null");
	}

}
