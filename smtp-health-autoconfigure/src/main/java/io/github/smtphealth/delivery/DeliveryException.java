package io.github.smtphealth.delivery;

/**
 * Why a delivery check stopped, with its phase. Thrown inside the check only; it carries no stack
 * trace, because it reports what a server did, not a bug.
 */
final class DeliveryException extends Exception {

	private static final long serialVersionUID = 1L;

	private final DeliveryPhase phase;

	DeliveryException(DeliveryPhase phase, String reason) {
		super(reason, null, false, false);
		this.phase = phase;
	}

	DeliveryPhase phase() {
		return this.phase;
	}

}
