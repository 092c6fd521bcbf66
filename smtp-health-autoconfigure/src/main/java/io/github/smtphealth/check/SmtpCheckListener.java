package io.github.smtphealth.check;

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

}
