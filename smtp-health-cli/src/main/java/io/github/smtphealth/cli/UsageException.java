package io.github.smtphealth.cli;

/**
 * The command line cannot be used: exit 3 (UNKNOWN) with the message and the usage line. The
 * message names the flag and never quotes a secret.
 */
final class UsageException extends Exception {

	private static final long serialVersionUID = 1L;

	UsageException(String message) {
		super(message);
	}

}
