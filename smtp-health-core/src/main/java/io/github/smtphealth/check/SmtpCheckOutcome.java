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

package io.github.smtphealth.check;

import java.time.Duration;
import java.util.Objects;

import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import org.jspecify.annotations.Nullable;

/**
 * A verdict on one server together with the probe result behind it.
 *
 * @param serverName the server's configured name
 * @param settings the settings the probe ran with
 * @param result the probe result, or {@code null} while the first check is pending
 * @param verdict the verdict
 * @param cached whether the result was reused rather than produced for this request
 * @param age how long ago the probe behind the result finished (zero for a fresh or
 * pending one)
 * @param refreshing whether a probe of the server is running now
 * @since 0.1.0
 */
public record SmtpCheckOutcome(String serverName, SmtpProbeSettings settings, @Nullable SmtpProbeResult result,
		CheckVerdict verdict, boolean cached, Duration age, boolean refreshing) {

	/**
	 * Create an outcome.
	 * @param serverName the server's configured name
	 * @param settings the settings the probe ran with
	 * @param result the probe result, or {@code null}
	 * @param verdict the verdict
	 * @param cached whether the result was reused
	 * @param age how long ago the probe finished
	 * @param refreshing whether a probe is running now
	 */
	public SmtpCheckOutcome {
		Objects.requireNonNull(serverName, "'serverName' must not be null");
		Objects.requireNonNull(settings, "'settings' must not be null");
		Objects.requireNonNull(verdict, "'verdict' must not be null");
		Objects.requireNonNull(age, "'age' must not be null");
	}

	/**
	 * Create a fresh outcome (age zero, no probe running).
	 * @param serverName the server's configured name
	 * @param settings the settings the probe ran with
	 * @param result the probe result, or {@code null}
	 * @param verdict the verdict
	 * @param cached whether the result was reused
	 */
	public SmtpCheckOutcome(String serverName, SmtpProbeSettings settings, @Nullable SmtpProbeResult result,
			CheckVerdict verdict, boolean cached) {
		this(serverName, settings, result, verdict, cached, Duration.ZERO, false);
	}

	/**
	 * Return this outcome as served again later.
	 * @param age how long ago the probe finished
	 * @param refreshing whether a probe is running now
	 * @return the outcome marked cached
	 */
	SmtpCheckOutcome served(Duration age, boolean refreshing) {
		return new SmtpCheckOutcome(this.serverName, this.settings, this.result, this.verdict, true, age, refreshing);
	}

}
