package io.github.smtphealth.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for SMTP probes; implement it (or extend
 * {@link DefaultSmtpCheckObservationConvention}) and declare it as a bean to change names or key
 * values.
 *
 * @since 0.1.0
 */
public interface SmtpCheckObservationConvention extends ObservationConvention<SmtpCheckObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SmtpCheckObservationContext;
	}

}
