package io.github.smtphealth.autoconfigure;

import io.github.smtphealth.check.SmtpChecks;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Runs the {@link SmtpChecks} bean, the auto-configured one or the user's own, with the application
 * context: its threads start with the context, its first probes (and the background schedule) once
 * the application is ready rather than during the refresh, and on shutdown, first of all the
 * lifecycle beans, probes in flight are abandoned at once so that the JVM can exit.
 */
final class SmtpChecksLifecycle implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

	private final SmtpChecks checks;

	SmtpChecksLifecycle(SmtpChecks checks) {
		Assert.notNull(checks, "'checks' must not be null");
		this.checks = checks;
	}

	@Override
	public void start() {
		this.checks.start();
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (isRunning()) {
			this.checks.startProbing();
		}
	}

	@Override
	public void stop() {
		this.checks.stop();
	}

	@Override
	public boolean isRunning() {
		return this.checks.isRunning();
	}

}
