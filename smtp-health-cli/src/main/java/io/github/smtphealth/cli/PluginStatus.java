package io.github.smtphealth.cli;

import io.github.smtphealth.check.CheckStatus;

/**
 * The four states of the Nagios plugin convention, and their exit codes.
 */
enum PluginStatus {

	OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

	private final int exitCode;

	PluginStatus(int exitCode) {
		this.exitCode = exitCode;
	}

	int exitCode() {
		return this.exitCode;
	}

	/**
	 * UP is OK, DEGRADED is WARNING, DOWN is CRITICAL: the health indicator's verdict, unchanged.
	 */
	static PluginStatus of(CheckStatus status) {
		return switch (status) {
			case UP -> OK;
			case DEGRADED -> WARNING;
			case DOWN -> CRITICAL;
			case PENDING -> UNKNOWN;
		};
	}

}
