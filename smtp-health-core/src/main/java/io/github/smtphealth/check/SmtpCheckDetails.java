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
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.smtphealth.probe.ChainCertificate;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsInfo;
import org.jspecify.annotations.Nullable;

/**
 * The details of a check outcome as stable camelCase keys, shared by every front end: the
 * health indicator's details and {@code smtp-check --json} are this map. The settings'
 * keys come first so they appear whatever failed. Nothing secret is ever added: results
 * are free of secrets by construction, and of the settings only host, port, security and
 * whether TLS verification is off are shown.
 * <p>
 * Values are strings, integers ({@code Integer}, {@code Long}), {@code Double},
 * {@code Boolean}, lists of strings and nested maps of the same.
 *
 * @since 0.1.0
 */
public final class SmtpCheckDetails {

	private SmtpCheckDetails() {
	}

	/**
	 * Return the details of an outcome, in a stable order.
	 * @param outcome the outcome
	 * @return an unmodifiable map of detail key to value
	 */
	public static Map<String, Object> of(SmtpCheckOutcome outcome) {
		Map<String, Object> details = new LinkedHashMap<>();
		SmtpProbeSettings settings = outcome.settings();
		details.put("host", settings.host());
		details.put("port", settings.port());
		details.put("security", settings.security().name().toLowerCase(Locale.ROOT));
		if (settings.security() != Security.NONE && !settings.tls().fullyVerified()) {
			details.put("tlsVerification", "disabled");
		}
		SmtpProbeResult result = outcome.result();
		if (result != null) {
			addResult(details, result);
		}
		details.put("cached", outcome.cached());
		if (result != null) {
			details.put("ageMs", outcome.age().toMillis());
		}
		details.put("refreshing", outcome.refreshing());
		addVerdict(details, outcome.verdict(), result);
		return Collections.unmodifiableMap(details);
	}

	private static void addResult(Map<String, Object> details, SmtpProbeResult result) {
		details.put("responseTimeMs", result.total().toMillis());
		Map<String, Double> phases = new LinkedHashMap<>();
		result.phases().forEach((phase, duration) -> phases.put(phase.id(), millis(duration)));
		details.put("phasesMs", phases);
		putIfPresent(details, "greeting", result.greeting());
		if (!result.capabilities().isEmpty()) {
			details.put("capabilities", result.capabilities());
		}
		putIfPresent(details, "authMechanism", result.authMechanism());
		TlsInfo tls = result.tls();
		if (tls != null) {
			details.put("tls", tlsDetails(tls, result.checkedAt()));
		}
		details.put("checkedAt", result.checkedAt().toString());
		ProbeFailure failure = result.failure();
		if (failure != null) {
			details.put("failedPhase", failure.phase().id());
			putIfPresent(details, "replyCode", failure.replyCode());
		}
		putIfPresent(details, "quitProblem", result.quitProblem());
	}

	private static Map<String, Object> tlsDetails(TlsInfo tls, Instant now) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("protocol", tls.protocol());
		details.put("cipherSuite", tls.cipherSuite());
		details.put("subject", tls.subject());
		details.put("issuer", tls.issuer());
		// Expiry is the chain's: the certificate that expires first, which may not be the
		// leaf.
		ChainCertificate first = tls.expiresFirst();
		details.put("notAfter", first.notAfter().toString());
		details.put("daysUntilExpiry", tls.timeUntilExpiry(now).toDays());
		Map<String, Object> expiresFirst = new LinkedHashMap<>();
		expiresFirst.put("subject", first.subject());
		expiresFirst.put("position", first.position());
		expiresFirst.put("chain", first.presented() ? "presented" : "verified");
		details.put("expiresFirst", expiresFirst);
		return details;
	}

	/**
	 * A failed probe's reason is its {@code error}; a working server that breaks a
	 * threshold explains itself in {@code reason}.
	 */
	private static void addVerdict(Map<String, Object> details, CheckVerdict verdict,
			@Nullable SmtpProbeResult result) {
		if (verdict.reason() == null) {
			return;
		}
		boolean failed = result == null || result.failure() != null;
		details.put((failed && verdict.status() == CheckStatus.DOWN) ? "error" : "reason", verdict.reason());
	}

	private static void putIfPresent(Map<String, Object> details, String key, @Nullable Object value) {
		if (value != null) {
			details.put(key, value);
		}
	}

	/**
	 * Milliseconds with two decimals: enough to see a 10 µs phase, short enough to read.
	 */
	private static double millis(Duration duration) {
		return Math.round(duration.toNanos() / 10_000.0) / 100.0;
	}

}
