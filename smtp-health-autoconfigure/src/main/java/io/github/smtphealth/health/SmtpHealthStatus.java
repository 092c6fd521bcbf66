package io.github.smtphealth.health;

import org.springframework.boot.health.contributor.Status;

/**
 * The status smtp-health adds to Boot's own.
 *
 * @since 0.1.0
 */
public final class SmtpHealthStatus {

	/**
	 * The server works but is slower than the warning threshold, or its certificate is close to expiry.
	 * It ranks between DOWN and UP; the starter contributes a default status order that says so.
	 */
	public static final Status DEGRADED = new Status("DEGRADED");

	private SmtpHealthStatus() {
	}

}
