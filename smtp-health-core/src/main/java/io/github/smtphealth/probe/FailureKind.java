package io.github.smtphealth.probe;

/**
 * Broad classification of a failed probe, stable enough for a metric tag.
 *
 * @since 0.1.0
 */
public enum FailureKind {

	/**
	 * The deadline passed before the phase completed.
	 */
	TIMEOUT,

	/**
	 * The host name did not resolve, or the connection was refused, reset or closed.
	 */
	CONNECTION,

	/**
	 * The server answered with an unexpected reply code.
	 */
	REJECTED,

	/**
	 * The server's bytes are not valid SMTP.
	 */
	PROTOCOL,

	/**
	 * The TLS handshake failed or the certificate was not accepted.
	 */
	TLS,

	/**
	 * The probe refused to go on for a reason of its own, for example sending credentials without TLS.
	 */
	POLICY

}
