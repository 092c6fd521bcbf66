package io.github.smtphealth.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.smtphealth.check.CheckStatus;
import io.github.smtphealth.check.CheckVerdict;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Turns a check outcome into {@link Health}: the status and stable camelCase details. The settings'
 * details come first so they appear whatever failed. Nothing secret is ever added: results are free of
 * secrets by construction, and of the settings only host, port and security are shown.
 */
final class SmtpHealthDetails {

	private SmtpHealthDetails() {
	}

	static Health toHealth(SmtpCheckOutcome outcome) {
		Health.Builder builder = Health.status(status(outcome.verdict().status()));
		SmtpProbeSettings settings = outcome.settings();
		builder.withDetail("host", settings.host());
		builder.withDetail("port", settings.port());
		builder.withDetail("security", settings.security().name().toLowerCase(Locale.ROOT));
		if (settings.security() != io.github.smtphealth.probe.Security.NONE && !settings.tls().fullyVerified()) {
			builder.withDetail("tlsVerification", "disabled");
		}
		SmtpProbeResult result = outcome.result();
		if (result != null) {
			addResult(builder, result);
		}
		builder.withDetail("cached", outcome.cached());
		addVerdict(builder, outcome.verdict(), result);
		return builder.build();
	}

	private static void addResult(Health.Builder builder, SmtpProbeResult result) {
		builder.withDetail("responseTimeMs", result.total().toMillis());
		Map<String, Double> phases = new LinkedHashMap<>();
		result.phases().forEach((phase, duration) -> phases.put(phase.id(), millis(duration)));
		builder.withDetail("phasesMs", phases);
		if (result.greeting() != null) {
			builder.withDetail("greeting", result.greeting());
		}
		if (!result.capabilities().isEmpty()) {
			builder.withDetail("capabilities", result.capabilities());
		}
		if (result.authMechanism() != null) {
			builder.withDetail("authMechanism", result.authMechanism());
		}
		TlsInfo tls = result.tls();
		if (tls != null) {
			builder.withDetail("tls", tlsDetails(tls, result.checkedAt()));
		}
		builder.withDetail("checkedAt", result.checkedAt().toString());
		ProbeFailure failure = result.failure();
		if (failure != null) {
			builder.withDetail("failedPhase", failure.phase().id());
			if (failure.replyCode() != null) {
				builder.withDetail("replyCode", failure.replyCode());
			}
		}
		if (result.quitProblem() != null) {
			builder.withDetail("quitProblem", result.quitProblem());
		}
	}

	private static Map<String, Object> tlsDetails(TlsInfo tls, Instant now) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("protocol", tls.protocol());
		details.put("cipherSuite", tls.cipherSuite());
		details.put("subject", tls.subject());
		details.put("issuer", tls.issuer());
		details.put("notAfter", tls.notAfter().toString());
		details.put("daysUntilExpiry", tls.timeUntilExpiry(now).toDays());
		return details;
	}

	/**
	 * A failed probe's reason is its {@code error}; a working server that breaks a threshold explains
	 * itself in {@code reason}.
	 */
	private static void addVerdict(Health.Builder builder, CheckVerdict verdict,
			@Nullable SmtpProbeResult result) {
		if (verdict.reason() == null) {
			return;
		}
		boolean failed = result == null || result.failure() != null;
		builder.withDetail((failed && verdict.status() == CheckStatus.DOWN) ? "error" : "reason", verdict.reason());
	}

	private static Status status(CheckStatus status) {
		return switch (status) {
			case UP -> Status.UP;
			case DEGRADED -> SmtpHealthStatus.DEGRADED;
			case DOWN -> Status.DOWN;
			case UNKNOWN -> Status.UNKNOWN;
		};
	}

	private static double millis(Duration duration) {
		return Math.round(duration.toNanos() / 10_000.0) / 100.0;
	}

}
