package io.github.smtphealth.check;

/**
 * The verdict on one SMTP server.
 *
 * @since 0.1.0
 */
public enum CheckStatus {

	/**
	 * Every phase succeeded within the thresholds.
	 */
	UP,

	/**
	 * Working, but slower than the warning threshold or with a certificate close to expiry.
	 */
	DEGRADED,

	/**
	 * The probe failed, was slower than the critical threshold, or the certificate is about to expire.
	 */
	DOWN,

	/**
	 * No result yet: the first check of the server is still running (or, in background mode, has not
	 * run). The health indicator shows it as its configured status (OUT_OF_SERVICE by default).
	 */
	PENDING

}
