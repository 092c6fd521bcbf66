package io.github.smtphealth.probe;

import org.jspecify.annotations.Nullable;

/**
 * Why a probe failed.
 *
 * @param phase the phase that failed
 * @param kind the broad kind of failure
 * @param replyCode the server's reply code, when a reply caused the failure
 * @param reason a readable, printable reason, free of secrets, for example
 * {@code AUTH rejected: 535 5.7.8 Authentication credentials invalid}
 * @since 0.1.0
 */
public record ProbeFailure(Phase phase, FailureKind kind, @Nullable Integer replyCode, String reason) {

	/**
	 * Return whether the deadline ended the probe.
	 * @return {@code true} for a timeout
	 */
	public boolean isTimeout() {
		return this.kind == FailureKind.TIMEOUT;
	}

}
