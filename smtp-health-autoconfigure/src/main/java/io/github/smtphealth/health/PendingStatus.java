package io.github.smtphealth.health;

import org.springframework.boot.health.contributor.Status;

/**
 * What health says about a server whose first check is still running.
 *
 * @since 0.2.0
 */
public enum PendingStatus {

	/**
	 * OUT_OF_SERVICE (HTTP 503): a readiness group with smtp keeps the pod out of the load balancer
	 * until its relay has been checked once.
	 */
	OUT_OF_SERVICE(Status.OUT_OF_SERVICE),

	/**
	 * UNKNOWN (HTTP 200, lowest in the status order): the pod may become ready before its relay was
	 * ever checked.
	 */
	UNKNOWN(Status.UNKNOWN);

	private final Status status;

	PendingStatus(Status status) {
		this.status = status;
	}

	/**
	 * Return the health status.
	 * @return the status
	 */
	public Status status() {
		return this.status;
	}

}
