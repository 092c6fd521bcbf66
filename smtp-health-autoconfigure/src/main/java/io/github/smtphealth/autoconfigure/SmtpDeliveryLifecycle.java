package io.github.smtphealth.autoconfigure;

import io.github.smtphealth.delivery.DeliveryChecks;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Runs the {@link DeliveryChecks} bean with the application context, as the probe checks are run: its
 * threads start with the context, its first delivery check (and the schedule) once the application
 * is ready rather than during the refresh, and on shutdown, early among the lifecycle beans, checks
 * in flight are interrupted and abandoned.
 */
final class SmtpDeliveryLifecycle implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

	private final DeliveryChecks checks;

	SmtpDeliveryLifecycle(DeliveryChecks checks) {
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
