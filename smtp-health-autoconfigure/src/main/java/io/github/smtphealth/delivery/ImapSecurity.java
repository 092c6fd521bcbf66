package io.github.smtphealth.delivery;

/**
 * How the connection to the IMAP server is protected.
 *
 * @since 0.1.0
 */
public enum ImapSecurity {

	/**
	 * No TLS; the password is sent in clear, so this needs {@code imap.allow-plaintext}.
	 */
	NONE,

	/**
	 * Plain IMAP upgraded with STARTTLS, which must be offered (port 143 by default).
	 */
	STARTTLS,

	/**
	 * TLS from the start (port 993 by default).
	 */
	IMAPS;

	/**
	 * Return the default port of this security.
	 * @return 143 or 993
	 */
	public int defaultPort() {
		return (this == IMAPS) ? 993 : 143;
	}

}
