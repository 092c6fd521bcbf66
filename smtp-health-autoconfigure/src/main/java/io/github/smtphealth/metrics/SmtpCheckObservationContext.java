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

package io.github.smtphealth.metrics;

import java.util.Objects;

import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Observation.Context} of one probe: what is probed, and, once it has
 * finished, its outcome.
 *
 * @since 0.1.0
 */
public final class SmtpCheckObservationContext extends Observation.Context {

	private final String serverName;

	private final SmtpProbeSettings settings;

	private @Nullable SmtpCheckOutcome outcome;

	/**
	 * Create the context of a probe that is about to start.
	 * @param serverName the server's configured name
	 * @param settings the settings the probe runs with
	 */
	public SmtpCheckObservationContext(String serverName, SmtpProbeSettings settings) {
		this.serverName = Objects.requireNonNull(serverName, "'serverName' must not be null");
		this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
	}

	/**
	 * Return the server's configured name.
	 * @return the name
	 */
	public String getServerName() {
		return this.serverName;
	}

	/**
	 * Return the settings the probe runs with.
	 * @return the settings
	 */
	public SmtpProbeSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the probe's outcome.
	 * @return the outcome, or {@code null} while the probe runs
	 */
	public @Nullable SmtpCheckOutcome getOutcome() {
		return this.outcome;
	}

	void setOutcome(SmtpCheckOutcome outcome) {
		this.outcome = outcome;
	}

}
