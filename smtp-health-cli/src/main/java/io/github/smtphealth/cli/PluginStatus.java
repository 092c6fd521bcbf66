/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

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
	 * UP is OK, DEGRADED is WARNING, DOWN is CRITICAL: the health indicator's verdict,
	 * unchanged.
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
