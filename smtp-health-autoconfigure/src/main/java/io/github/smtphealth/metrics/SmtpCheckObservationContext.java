package io.github.smtphealth.metrics;

import java.util.Objects;

import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Observation.Context} of one probe: what is probed, and, once it has finished, its
 * outcome.
 *
 * @since 0.1.0
 */
public final class SmtpCheckObservationContext extends Observation.Context {

	private final String serverName;

	private final SmtpProbeSettings settings;

	private @Nullable SmtpCheckOutcome outcome;

	/**
	 * Create the context of a probe that is about to start.
	 * @param serverName the server's configured name
	 * @param settings the settings the probe runs with
	 */
	public SmtpCheckObservationContext(String serverName, SmtpProbeSettings settings) {
		this.serverName = Objects.requireNonNull(serverName, "'serverName' must not be null");
		this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
	}

	/**
	 * Return the server's configured name.
	 * @return the name
	 */
	public String getServerName() {
		return this.serverName;
	}

	/**
	 * Return the settings the probe runs with.
	 * @return the settings
	 */
	public SmtpProbeSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the probe's outcome.
	 * @return the outcome, or {@code null} while the probe runs
	 */
	public @Nullable SmtpCheckOutcome getOutcome() {
		return this.outcome;
	}

	void setOutcome(SmtpCheckOutcome outcome) {
		this.outcome = outcome;
	}

}
