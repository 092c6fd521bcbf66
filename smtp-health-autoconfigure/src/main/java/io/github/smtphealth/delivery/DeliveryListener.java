package io.github.smtphealth.delivery;

import java.util.List;

/**
 * Told about every delivery check that ran, on the check's thread; metrics listen here.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DeliveryListener {

	/**
	 * A listener that does nothing.
	 */
	DeliveryListener NONE = (outcome) -> {
	};

	/**
	 * Called after each delivery check. Must not throw or block.
	 * @param outcome what the check found
	 */
	void delivered(DeliveryOutcome outcome);

	/**
	 * Return a listener that tells each of the given listeners in turn.
	 * @param listeners the listeners
	 * @return the combined listener
	 */
	static DeliveryListener all(List<DeliveryListener> listeners) {
		List<DeliveryListener> copy = List.copyOf(listeners);
		return (outcome) -> copy.forEach((listener) -> listener.delivered(outcome));
	}

}
