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

import java.util.Locale;

import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link SmtpCheckObservationConvention}: observation {@value #NAME},
 * contextual (span) name {@code smtp check <server>}; low-cardinality keys {@code server}
 * (the configured name), {@code security}, {@code outcome} ({@code success},
 * {@code failure}, {@code timeout}) and {@code status} ({@code up}, {@code degraded},
 * {@code down}, {@code unknown}; both {@code unknown} for a probe abandoned because the
 * application stopped); high-cardinality keys {@code server.address} and
 * {@code server.port}, the standard names. No key carries text a server sent.
 *
 * @since 0.1.0
 */
public class DefaultSmtpCheckObservationConvention implements SmtpCheckObservationConvention {

	/**
	 * The observation's name. It is not a meter: {@link SmtpCheckMetrics} records the
	 * probe's timers itself, and the meters an observation handler would derive from this
	 * name are denied.
	 */
	public static final String NAME = "smtp.check.probe";

	private static final String UNKNOWN = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SmtpCheckObservationContext context) {
		return "smtp check " + context.getServerName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SmtpCheckObservationContext context) {
		SmtpCheckOutcome outcome = context.getOutcome();
		return KeyValues.of("server", context.getServerName(), "security", lowercase(context.getSettings().security()),
				"outcome", outcome(outcome), "status",
				(outcome != null) ? lowercase(outcome.verdict().status()) : UNKNOWN);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SmtpCheckObservationContext context) {
		return KeyValues.of("server.address", context.getSettings().host(), "server.port",
				String.valueOf(context.getSettings().port()));
	}

	private static String outcome(@Nullable SmtpCheckOutcome outcome) {
		if (outcome == null) {
			return UNKNOWN;
		}
		SmtpProbeResult result = outcome.result();
		if (result == null) {
			return "failure";
		}
		ProbeFailure failure = result.failure();
		if (failure == null) {
			return "success";
		}
		return failure.isTimeout() ? "timeout" : "failure";
	}

	private static String lowercase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
