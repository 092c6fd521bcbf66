package io.github.smtphealth.probe;

import java.util.Locale;

/**
 * A step of the SMTP dialogue, in the order the probe runs them. Each is timed separately.
 *
 * @since 0.1.0
 */
public enum Phase {

	/**
	 * Resolving the host name.
	 */
	DNS,

	/**
	 * Opening the TCP connection.
	 */
	CONNECT,

	/**
	 * The TLS handshake, implicit (smtps) or after STARTTLS.
	 */
	TLS,

	/**
	 * Waiting for the 220 greeting.
	 */
	GREETING,

	/**
	 * EHLO (or HELO, or LHLO), both before and after STARTTLS.
	 */
	EHLO,

	/**
	 * The STARTTLS command and its 220 reply.
	 */
	STARTTLS,

	/**
	 * SMTP AUTH.
	 */
	AUTH,

	/**
	 * {@code MAIL FROM}.
	 */
	MAIL,

	/**
	 * {@code RCPT TO}, when a recipient is configured or a message is sent.
	 */
	RCPT,

	/**
	 * {@code DATA}, its 354, the message and the reply to the final dot; only when the probe sends a
	 * message ({@link SmtpProbe#send(SmtpMessage)}).
	 */
	DATA,

	/**
	 * {@code RSET}; not run after a message was sent.
	 */
	RSET,

	/**
	 * {@code QUIT}; its failure is recorded but never fails the probe.
	 */
	QUIT;

	/**
	 * Return the lowercase name used in health details and metric tags.
	 * @return the identifier, for example {@code "ehlo"}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
