package io.github.smtphealth.check;

import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Told about every probe that actually ran (never about cached results), for example to record
 * metrics.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SmtpCheckListener {

	/**
	 * Called after a probe finished, on the thread that ran it.
	 * @param outcome the fresh outcome
	 */
	void probed(SmtpCheckOutcome outcome);

	/**
	 * Return a listener that tells each of the given listeners in turn; one that fails is logged and
	 * does not keep the others from hearing of the outcome.
	 * @param listeners the listeners
	 * @return the combined listener
	 */
	static SmtpCheckListener all(List<? extends SmtpCheckListener> listeners) {
		List<SmtpCheckListener> copy = List.copyOf(listeners);
		return (outcome) -> {
			for (SmtpCheckListener listener : copy) {
				try {
					listener.probed(outcome);
				}
				catch (RuntimeException ex) {
					System.getLogger(SmtpCheckListener.class.getName())
						.log(Level.WARNING, "SMTP check listener " + listener.getClass().getName() + " failed", ex);
				}
			}
		};
	}

}
