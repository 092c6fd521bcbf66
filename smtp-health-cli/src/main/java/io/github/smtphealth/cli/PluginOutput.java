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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsInfo;
import org.jspecify.annotations.Nullable;

/**
 * The one-line plugin output, as {@code check_smtp} prints it, with performance data for
 * the total and every phase that ran: <pre>
 * SMTP OK - 0.012 sec. response time, STARTTLS TLSv1.3, certificate verified, expires in 364 days, AUTH PLAIN, MAIL FROM accepted|time=0.012000s;1.000000;2.000000;0.000000;5.000000 dns=…s …
 * </pre> A non-OK line puts its reason first, where a monitoring system that cuts long
 * lines keeps it.
 */
final class PluginOutput {

	private PluginOutput() {
	}

	static String line(SmtpCheckOutcome outcome, CheckPolicy policy, Instant now) {
		SmtpProbeResult result = outcome.result();
		if (result == null) {
			throw new IllegalArgumentException("'outcome' must hold a result");
		}
		PluginStatus status = PluginStatus.of(outcome.verdict().status());
		StringBuilder text = new StringBuilder("SMTP ").append(status.name()).append(" - ");
		ProbeFailure failure = result.failure();
		String reason = outcome.verdict().reason();
		if (failure != null) {
			text.append(failure.phase().id()).append(" failed: ").append(failure.reason()).append(" - ");
		}
		else if (reason != null) {
			text.append(reason).append(" - ");
		}
		text.append(seconds(result.total(), 3)).append(" sec. response time");
		for (String part : summary(outcome.settings(), result, now)) {
			text.append(", ").append(part);
		}
		// '|' starts the performance data: a server's text must not.
		return text.toString().replace('|', '/') + "|" + performanceData(result, outcome.settings(), policy, now);
	}

	static String unknown(String message) {
		return "SMTP UNKNOWN - " + message.replace('|', '/');
	}

	private static List<String> summary(SmtpProbeSettings settings, SmtpProbeResult result, Instant now) {
		List<String> parts = new ArrayList<>();
		TlsInfo tls = result.tls();
		if (settings.security() == Security.NONE) {
			parts.add("no TLS");
		}
		else {
			String mode = settings.security().name();
			parts.add((tls != null) ? mode + " " + tls.protocol() : mode);
			if (!settings.tls().fullyVerified()) {
				parts.add("certificate NOT verified (--insecure)");
			}
			else if (tls != null) {
				parts.add("certificate verified");
			}
			if (tls != null) {
				parts.add(expiry(tls, now));
			}
		}
		if (settings.lmtp()) {
			parts.add("LMTP");
		}
		if (result.authMechanism() != null && result.failure() == null) {
			parts.add("AUTH " + result.authMechanism());
		}
		if (result.failure() == null) {
			parts.add("MAIL FROM accepted");
			if (settings.rcptTo() != null) {
				parts.add("RCPT TO accepted");
			}
		}
		return parts;
	}

	private static String expiry(TlsInfo tls, Instant now) {
		long days = tls.timeUntilExpiry(now).toDays();
		if (!tls.notAfter().isAfter(now)) {
			return "expired on " + tls.notAfter();
		}
		return (days == 1) ? "expires in 1 day" : "expires in " + days + " days";
	}

	/**
	 * {@code label=value[UOM];[warn];[crit];[min];[max]}: the total with the thresholds
	 * and the timeout, each phase, and the certificate's days left with Nagios ranges
	 * ({@code 14:} alerts below 14).
	 */
	private static String performanceData(SmtpProbeResult result, SmtpProbeSettings settings, CheckPolicy policy,
			Instant now) {
		StringBuilder data = new StringBuilder();
		data.append("time=")
			.append(seconds(result.total(), 6))
			.append("s;")
			.append(threshold(policy.warning()))
			.append(';')
			.append(threshold(policy.critical()))
			.append(";0.000000;")
			.append(seconds(settings.timeout(), 6));
		result.phases()
			.forEach((phase, duration) -> data.append(' ')
				.append(phase.id())
				.append('=')
				.append(seconds(duration, 6))
				.append("s;;;0.000000"));
		TlsInfo tls = result.tls();
		if (tls != null) {
			data.append(" cert_days=")
				.append(tls.timeUntilExpiry(now).toDays())
				.append(';')
				.append(policy.expiryWarning().isZero() ? "" : policy.expiryWarning().toDays() + ":")
				.append(';')
				.append(policy.expiryCritical().toDays())
				.append(':');
		}
		return data.toString();
	}

	private static String threshold(@Nullable Duration threshold) {
		return (threshold != null) ? seconds(threshold, 6) : "";
	}

	/**
	 * BigDecimal rather than String.format: no Formatter (and its regular expressions) to
	 * load at start-up.
	 */
	static String seconds(Duration duration, int scale) {
		return BigDecimal.valueOf(duration.toNanos(), 9)
			.setScale(scale, RoundingMode.HALF_UP)
			.toPlainString()
			.toLowerCase(Locale.ROOT);
	}

}
