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

package io.github.smtphealth.health;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.smtphealth.check.CheckStatus;
import io.github.smtphealth.check.SmtpCheckListener;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.SmtpProbeResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Makes a failure visible in the log whatever {@code show-details} says: one WARN line
 * when a server goes DOWN (from UP, DEGRADED or its first probe), with its name, address,
 * failed phase and reason, and one INFO line when it comes back. A steady state, failing
 * or not, is silence, and so is a probe abandoned because the check stopped. Reasons are
 * the probe's, which are free of secrets by construction.
 *
 * @since 0.1.0
 */
public final class SmtpCheckTransitionLogger implements SmtpCheckListener {

	private static final Log logger = LogFactory.getLog(SmtpCheckTransitionLogger.class);

	private final Map<String, CheckStatus> lastStatus = new ConcurrentHashMap<>();

	@Override
	public void probed(SmtpCheckOutcome outcome) {
		CheckStatus status = outcome.verdict().status();
		CheckStatus previous = this.lastStatus.put(outcome.serverName(), status);
		boolean down = status == CheckStatus.DOWN;
		boolean wasDown = previous == CheckStatus.DOWN;
		if (down && !wasDown) {
			logger.warn("SMTP server '" + outcome.serverName() + "' (" + outcome.settings().address() + ") is DOWN"
					+ failedPhase(outcome.result()) + ": " + outcome.verdict().reason());
		}
		else if (wasDown && !down && logger.isInfoEnabled()) {
			logger.info("SMTP server '" + outcome.serverName() + "' (" + outcome.settings().address() + ") is "
					+ status.name().toUpperCase(Locale.ROOT) + " again");
		}
	}

	private static String failedPhase(@Nullable SmtpProbeResult result) {
		ProbeFailure failure = (result != null) ? result.failure() : null;
		return (failure != null) ? " in phase " + failure.phase().id() : "";
	}

}
