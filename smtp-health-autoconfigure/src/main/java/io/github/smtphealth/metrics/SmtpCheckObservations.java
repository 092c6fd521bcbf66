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

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.github.smtphealth.check.SmtpCheckListener;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * {@link SmtpCheckListener} that makes every probe that runs one {@link Observation}
 * (with Micrometer Tracing, one span), started just before the probe and stopped when it
 * ends, on the probing thread, in scope meanwhile: an on-demand probe is a child of the
 * health request that caused it, and log lines written during the probe carry its trace.
 * <p>
 * Each phase is an {@linkplain Observation.Event event} named {@code smtp.check.phase},
 * its contextual name the phase and its duration ({@code ehlo 12.3 ms}), stamped with the
 * wall time at which the phase ended. Events rather than child observations: the probe
 * times its phases itself, in the core that knows nothing of Micrometer, so they are
 * known only once it ends, and a child span made then would have the wrong start and
 * length; an event carries its own time stamp. One span per probe also keeps a probe
 * every {@code interval} from filling trace storage with eleven spans each.
 * <p>
 * A failed probe also sets the observation's error, a {@link SmtpProbeFailedException}
 * that names the phase and the kind of failure only, never the server's text.
 *
 * @since 0.1.0
 * @see DefaultSmtpCheckObservationConvention
 */
public final class SmtpCheckObservations implements SmtpCheckListener {

	private static final DefaultSmtpCheckObservationConvention DEFAULT_CONVENTION = new DefaultSmtpCheckObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable SmtpCheckObservationConvention convention;

	/**
	 * The observation of the probe running for each server: a check runs one probe of its
	 * server at a time.
	 */
	private final Map<String, Running> running = new ConcurrentHashMap<>();

	/**
	 * Create the listener.
	 * @param registry the registry
	 * @param convention the convention to use instead of the default, or {@code null}
	 */
	public SmtpCheckObservations(ObservationRegistry registry, @Nullable SmtpCheckObservationConvention convention) {
		this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
		this.convention = convention;
	}

	@Override
	public void probing(String serverName, SmtpProbeSettings settings) {
		SmtpCheckObservationContext context = new SmtpCheckObservationContext(serverName, settings);
		Observation observation = Observation
			.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		Running previous = this.running.put(serverName, new Running(observation, context, observation.openScope()));
		if (previous != null) {
			// Not expected (a check probes its server one at a time); never leave an
			// observation open.
			previous.observation().stop();
		}
	}

	@Override
	public void probed(SmtpCheckOutcome outcome) {
		if (outcome.cached()) {
			return;
		}
		Running run = this.running.remove(outcome.serverName());
		if (run == null) {
			return;
		}
		run.context().setOutcome(outcome);
		SmtpProbeResult result = outcome.result();
		if (result != null) {
			recordPhases(run.observation(), result);
			ProbeFailure failure = result.failure();
			if (failure != null) {
				run.observation().error(new SmtpProbeFailedException(failure));
			}
		}
		run.scope().close();
		run.observation().stop();
	}

	/**
	 * The probe was cut short at shutdown: its observation ends without an outcome
	 * ({@code outcome} and {@code status} {@code unknown}) and without an error, since
	 * the server did nothing wrong.
	 */
	@Override
	public void abandoned(String serverName) {
		Running run = this.running.remove(serverName);
		if (run != null) {
			run.scope().close();
			run.observation().stop();
		}
	}

	private static void recordPhases(Observation observation, SmtpProbeResult result) {
		long startMillis = result.checkedAt().toEpochMilli();
		Duration elapsed = Duration.ZERO;
		for (Map.Entry<Phase, Duration> phase : result.phases().entrySet()) {
			elapsed = elapsed.plus(phase.getValue());
			String contextualName = phase.getKey().id() + " "
					+ String.format(Locale.ROOT, "%.1f ms", phase.getValue().toNanos() / 1e6);
			observation
				.event(Observation.Event.of("smtp.check.phase", contextualName, startMillis + elapsed.toMillis()));
		}
	}

	private record Running(Observation observation, SmtpCheckObservationContext context, Observation.Scope scope) {
	}

	/**
	 * The error of a failed probe's observation: the phase that failed and the kind of
	 * failure, without the server's text or a stack trace.
	 *
	 * @since 0.1.0
	 */
	public static final class SmtpProbeFailedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SmtpProbeFailedException(ProbeFailure failure) {
			super("SMTP probe failed in phase " + failure.phase().id() + " ("
					+ failure.kind().name().toLowerCase(Locale.ROOT) + ")", null, false, false);
		}

	}

}
