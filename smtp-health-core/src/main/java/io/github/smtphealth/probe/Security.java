package io.github.smtphealth.probe;

/**
 * How the connection to the SMTP server is protected.
 *
 * @since 0.1.0
 */
public enum Security {

	/**
	 * Plain SMTP, no TLS.
	 */
	NONE,

	/**
	 * Plain SMTP upgraded with STARTTLS (RFC 3207); the probe fails if the server does not offer it.
	 */
	STARTTLS,

	/**
	 * Implicit TLS from the first byte (RFC 8314), usually on port 465.
	 */
	SMTPS;

	/**
	 * Return the port used when none is configured.
	 * @return 465 for {@link #SMTPS}, otherwise 25
	 */
	public int defaultPort() {
		return (this == SMTPS) ? 465 : 25;
	}

}
