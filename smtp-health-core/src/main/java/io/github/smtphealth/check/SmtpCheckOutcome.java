package io.github.smtphealth.check;

import java.util.Objects;

import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import org.jspecify.annotations.Nullable;

/**
 * A verdict on one server together with the probe result behind it.
 *
 * @param serverName the server's configured name
 * @param settings the settings the probe ran with
 * @param result the probe result, or {@code null} before the first background check
 * @param verdict the verdict
 * @param cached whether the result was reused rather than produced for this request
 * @since 0.1.0
 */
public record SmtpCheckOutcome(String serverName, SmtpProbeSettings settings, @Nullable SmtpProbeResult result,
		CheckVerdict verdict, boolean cached) {

	/**
	 * Create an outcome.
	 * @param serverName the server's configured name
	 * @param settings the settings the probe ran with
	 * @param result the probe result, or {@code null}
	 * @param verdict the verdict
	 * @param cached whether the result was reused
	 */
	public SmtpCheckOutcome {
		Objects.requireNonNull(serverName, "'serverName' must not be null");
		Objects.requireNonNull(settings, "'settings' must not be null");
		Objects.requireNonNull(verdict, "'verdict' must not be null");
	}

	SmtpCheckOutcome asCached() {
		return this.cached ? this : new SmtpCheckOutcome(this.serverName, this.settings, this.result, this.verdict, true);
	}

}
