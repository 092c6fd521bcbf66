package io.github.smtphealth.autoconfigure;

import io.github.smtphealth.delivery.DeliveryChecks;

/**
 * Runs the {@link DeliveryChecks} bean with the application context, as the probe checks are run: its
 * threads start with the context, its first delivery check (and the schedule) once the application
 * is ready rather than during the refresh, and on shutdown, early among the lifecycle beans, checks
 * in flight are interrupted and abandoned.
 */
final class SmtpDeliveryLifecycle extends ReadyStartedLifecycle {

	SmtpDeliveryLifecycle(DeliveryChecks checks) {
		super(requireChecks(checks)::start, checks::startProbing, checks::stop, checks::isRunning);
	}

}
