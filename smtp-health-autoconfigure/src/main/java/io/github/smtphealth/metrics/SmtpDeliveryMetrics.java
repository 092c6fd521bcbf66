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

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtphealth.check.CheckStatus;
import io.github.smtphealth.delivery.DeliveryListener;
import io.github.smtphealth.delivery.DeliveryOutcome;
import io.github.smtphealth.delivery.DeliveryPhase;
import io.github.smtphealth.delivery.DeliveryResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link DeliveryListener} that records Micrometer meters for every delivery check:
 * <ul>
 * <li>{@code smtp.delivery}, a timer per check, tagged {@code server} and {@code outcome}
 * ({@code success}, {@code failure}, {@code timeout}): the delivery time when the message
 * arrived, the time the check took otherwise;</li>
 * <li>{@code smtp.delivery.up}, a gauge per server: 1 when the last check was UP or
 * DEGRADED, 0 when it was DOWN.</li>
 * </ul>
 * Tag values come from a fixed set and from the configured server name.
 *
 * @since 0.1.0
 */
public final class SmtpDeliveryMetrics implements DeliveryListener {

	private final MeterRegistry registry;

	/**
	 * The gauges' values by server name. Gauges hold their state weakly: this map keeps
	 * it alive.
	 */
	private final Map<String, AtomicInteger> up = new ConcurrentHashMap<>();

	/**
	 * Create the listener.
	 * @param registry where to record
	 */
	public SmtpDeliveryMetrics(MeterRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
	}

	@Override
	public void delivered(DeliveryOutcome outcome) {
		String server = outcome.settings().serverName();
		DeliveryResult result = outcome.result();
		Timer.builder("smtp.delivery")
			.description("Time from sending a delivery check's probe message to finding it over IMAP "
					+ "(the time the check took when it failed)")
			.tag("server", server)
			.tag("outcome", outcome(result))
			.register(this.registry)
			.record((result.deliveryTime() != null) ? result.deliveryTime() : result.total());
		CheckStatus status = outcome.verdict().status();
		this.up.computeIfAbsent(server, this::registerUp)
			.set((status == CheckStatus.UP || status == CheckStatus.DEGRADED) ? 1 : 0);
	}

	private AtomicInteger registerUp(String server) {
		AtomicInteger value = new AtomicInteger();
		Gauge.builder("smtp.delivery.up", value, AtomicInteger::get)
			.description("Whether the last delivery check found the server UP or DEGRADED (1) or DOWN (0)")
			.tag("server", server)
			.register(this.registry);
		return value;
	}

	private static String outcome(DeliveryResult result) {
		if (result.isSuccess()) {
			return "success";
		}
		return (result.failedPhase() == DeliveryPhase.TIMEOUT) ? "timeout" : "failure";
	}

}
