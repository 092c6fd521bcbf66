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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.github.smtphealth.check.CheckStatus;
import io.github.smtphealth.check.SmtpCheckListener;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.TlsInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * {@link SmtpCheckListener} that records Micrometer meters for every probe that ran:
 * <ul>
 * <li>{@code smtp.check}, a timer per probe, tagged {@code server}, {@code security},
 * {@code outcome} ({@code success}, {@code failure}, {@code timeout}) and {@code status}
 * ({@code up}, {@code degraded}, {@code down});</li>
 * <li>{@code smtp.check.phase}, a timer sample per phase that ran, tagged {@code server},
 * {@code phase} and {@code outcome} (the failed phase has {@code failure} or
 * {@code timeout}, every other phase {@code success}), which also counts failures by
 * phase;</li>
 * <li>{@code smtp.check.up}, a gauge per server: 1 when the last probe's verdict was UP
 * or DEGRADED, 0 when it was DOWN;</li>
 * <li>{@code smtp.check.certificate.expiry}, a gauge per server, in seconds since the
 * Unix epoch: when the chain's earliest-expiring certificate seen by the last probe that
 * completed a TLS handshake expires (presented chain and verified path, as Blackbox's
 * {@code probe_ssl_earliest_cert_expiry}). It appears with the first such probe.</li>
 * </ul>
 * Every name starts with {@code smtp.check}, so Boot's per-prefix properties
 * ({@code management.metrics.enable.smtp.check},
 * {@code ...distribution.percentiles-histogram.smtp.check}) switch all of them at once.
 * The timers are built once, as {@link MeterProvider}s; the durations are the probe's own
 * monotonic measurements, the same as in the health details. Cached results record
 * nothing: a sample means an SMTP conversation happened. Meters are registered when a
 * server's first outcome arrives, so this listener needs neither the list of servers nor
 * the checks themselves. Tag values come from fixed sets, the configured server name and
 * the given extra tags, never from what a server sent.
 *
 * @since 0.1.0
 */
public final class SmtpCheckMetrics implements SmtpCheckListener {

	private static final String SERVER = "server";

	private static final String OUTCOME = "outcome";

	private static final String PHASE = "phase";

	private static final String SUCCESS = "success";

	private static final String FAILURE = "failure";

	private static final String TIMEOUT = "timeout";

	private final MeterRegistry registry;

	private final Tags tags;

	private final MeterProvider<Timer> probeTimers;

	private final MeterProvider<Timer> phaseTimers;

	/**
	 * The gauges' values by server name. Gauges hold their state weakly: this map keeps
	 * it alive.
	 */
	private final Map<String, ServerGauges> gauges = new ConcurrentHashMap<>();

	/**
	 * Create the listener.
	 * @param registry where to record
	 */
	public SmtpCheckMetrics(MeterRegistry registry) {
		this(registry, Tags.empty());
	}

	/**
	 * Create the listener with tags added to every meter, as {@code DiskSpaceMetrics}
	 * takes them. In a Boot application {@code management.metrics.tags.*} usually serves
	 * better: it tags every meter of the application.
	 * @param registry where to record
	 * @param tags tags added to every meter
	 */
	public SmtpCheckMetrics(MeterRegistry registry, Iterable<Tag> tags) {
		this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
		this.tags = Tags.of(Objects.requireNonNull(tags, "'tags' must not be null"));
		this.probeTimers = Timer.builder("smtp.check")
			.description("Duration of SMTP health check probes, from DNS to QUIT")
			.tags(this.tags)
			.withRegistry(registry);
		this.phaseTimers = Timer.builder("smtp.check.phase")
			.description("Duration of each phase of SMTP health check probes")
			.tags(this.tags)
			.withRegistry(registry);
	}

	@Override
	public void probed(SmtpCheckOutcome outcome) {
		SmtpProbeResult result = outcome.result();
		if (outcome.cached() || result == null) {
			return;
		}
		String server = outcome.serverName();
		ProbeFailure failure = result.failure();
		CheckStatus status = outcome.verdict().status();
		this.probeTimers
			.withTags(SERVER, server, "security", lowercase(outcome.settings().security()), OUTCOME, outcome(failure),
					"status", lowercase(status))
			.record(result.total());
		result.phases()
			.forEach((phase, duration) -> this.phaseTimers
				.withTags(SERVER, server, PHASE, phase.id(), OUTCOME, phaseOutcome(phase, failure))
				.record(duration));
		recordGauges(server, status == CheckStatus.UP || status == CheckStatus.DEGRADED, result.tls());
	}

	private void recordGauges(String server, boolean up, @Nullable TlsInfo tls) {
		this.gauges.computeIfAbsent(server, (name) -> new ServerGauges(this.tags.and(SERVER, name)))
			.record(this.registry, up, tls);
	}

	private static String outcome(@Nullable ProbeFailure failure) {
		if (failure == null) {
			return SUCCESS;
		}
		return failure.isTimeout() ? TIMEOUT : FAILURE;
	}

	private static String phaseOutcome(Phase phase, @Nullable ProbeFailure failure) {
		return (failure != null && failure.phase() == phase) ? outcome(failure) : SUCCESS;
	}

	private static String lowercase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The values behind one server's gauges, written by the probing thread, read by the
	 * registry. Each gauge is registered once, after its first value is set.
	 */
	private static final class ServerGauges {

		private final Tags tags;

		private volatile double up;

		private volatile double certificateExpiry;

		private boolean upRegistered;

		private boolean certificateExpiryRegistered;

		ServerGauges(Tags tags) {
			this.tags = tags;
		}

		synchronized void record(MeterRegistry registry, boolean up, @Nullable TlsInfo tls) {
			this.up = up ? 1 : 0;
			if (!this.upRegistered) {
				Gauge.builder("smtp.check.up", this, ServerGauges::up)
					.description("Whether the last SMTP health check probe found the server UP or DEGRADED (1) "
							+ "or DOWN (0)")
					.tags(this.tags)
					.register(registry);
				this.upRegistered = true;
			}
			if (tls != null) {
				// The chain's earliest expiry, as Blackbox's
				// probe_ssl_earliest_cert_expiry.
				this.certificateExpiry = tls.expiresFirst().notAfter().getEpochSecond();
				if (!this.certificateExpiryRegistered) {
					Gauge.builder("smtp.check.certificate.expiry", this, ServerGauges::certificateExpiry)
						.description("When the first certificate of the chain seen by the last SMTP health check "
								+ "probe with TLS expires, in seconds since the Unix epoch")
						.baseUnit("seconds")
						.tags(this.tags)
						.register(registry);
					this.certificateExpiryRegistered = true;
				}
			}
		}

		private double up() {
			return this.up;
		}

		private double certificateExpiry() {
			return this.certificateExpiry;
		}

	}

}
