package io.github.smtphealth.autoconfigure;

import io.github.smtphealth.check.SmtpChecks;

/**
 * Runs the {@link SmtpChecks} bean, the auto-configured one or the user's own, with the application
 * context: its threads start with the context, its first probes (and the background schedule) once
 * the application is ready rather than during the refresh, and on shutdown, first of all the
 * lifecycle beans, probes in flight are abandoned at once so that the JVM can exit.
 */
final class SmtpChecksLifecycle extends ReadyStartedLifecycle {

	SmtpChecksLifecycle(SmtpChecks checks) {
		super(requireChecks(checks)::start, checks::startProbing, checks::stop, checks::isRunning);
	}

}
