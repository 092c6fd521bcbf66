package io.github.smtphealth.delivery;

import java.util.Locale;

/**
 * The step of a delivery check that failed.
 *
 * @since 0.1.0
 */
public enum DeliveryPhase {

	/**
	 * Sending the probe message through the SMTP server.
	 */
	SMTP,

	/**
	 * Connecting to the IMAP server (TCP, TLS, STARTTLS).
	 */
	IMAP_CONNECT,

	/**
	 * Logging in to the IMAP server.
	 */
	IMAP_LOGIN,

	/**
	 * Opening the folder, searching it, or deleting the probe messages.
	 */
	SEARCH,

	/**
	 * The probe message did not arrive in time.
	 */
	TIMEOUT;

	/**
	 * Return the identifier used in health details and metric tags.
	 * @return the identifier, for example {@code "imap-login"}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
