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

import java.util.Objects;

import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.probe.SmtpProbeSettings;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code smtp-check} run does: the probe's settings, the verdict policy and how
 * to report.
 *
 * @param settings the probe settings
 * @param policy the thresholds, the same policy the health indicator uses
 * @param json whether to print the result as JSON instead of the plugin line
 * @param verbose whether to print the dialogue on standard error
 * @param secret the password or token, so that every output can be checked for it;
 * {@code null} without AUTH
 */
record CheckRequest(SmtpProbeSettings settings, CheckPolicy policy, boolean json, boolean verbose,
		@Nullable String secret) {

	CheckRequest {
		Objects.requireNonNull(settings, "'settings' must not be null");
		Objects.requireNonNull(policy, "'policy' must not be null");
	}

	@Override
	public String toString() {
		return "CheckRequest[settings=" + this.settings + ", policy=" + this.policy + ", json=" + this.json
				+ ", verbose=" + this.verbose + "]";
	}

}
