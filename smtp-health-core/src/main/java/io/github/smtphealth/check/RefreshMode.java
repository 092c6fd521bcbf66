package io.github.smtphealth.check;

/**
 * When a server is probed.
 *
 * @since 0.1.0
 */
public enum RefreshMode {

	/**
	 * When health is asked for, reusing a result younger than the cache TTL.
	 */
	ON_DEMAND,

	/**
	 * On a schedule, every interval; health requests are served the last result and never wait for a
	 * probe.
	 */
	BACKGROUND

}
