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

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.check.RefreshMode;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.check.SmtpCheckListener;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SmtpCheckObservations}: real probes against scripted servers, observed
 * by a {@link TestObservationRegistry}.
 */
class SmtpCheckObservationsTests {

	private static final String SERVER = "relay";

	private static final CheckPolicy NO_THRESHOLDS = new CheckPolicy(null, null, Duration.ZERO, Duration.ZERO);

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final List<Observation.Event> events = new CopyOnWriteArrayList<>();

	SmtpCheckObservationsTests() {
		this.registry.observationConfig().observationHandler(new EventRecorder(this.events));
	}

	@Test
	void probedWhenProbeSucceedsShouldMakeOneObservationWithDocumentedKeys() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			check(settings(server), Duration.ZERO).refresh();
			assertThat(this.registry).hasNumberOfObservationsEqualTo(1)
				.hasSingleObservationThat()
				.hasNameEqualTo("smtp.check.probe")
				.hasContextualNameEqualTo("smtp check relay")
				.hasBeenStarted()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("server", SERVER)
				.hasLowCardinalityKeyValue("security", "none")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasLowCardinalityKeyValue("status", "up")
				.hasHighCardinalityKeyValue("server.address", server.host())
				.hasHighCardinalityKeyValue("server.port", String.valueOf(server.port()))
				.doesNotHaveError();
		}
	}

	@Test
	void probedShouldRecordEachPhaseAsEventAtTheTimeItEnded() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpProbeResult result = Objects.requireNonNull(check(settings(server), Duration.ZERO).refresh().result());
			assertThat(this.events).extracting(Observation.Event::getName).containsOnly("smtp.check.phase");
			assertThat(this.events).extracting((event) -> event.getContextualName().split(" ")[0])
				.containsExactlyElementsOf(result.phases().keySet().stream().map(Phase::id).toList());
			long start = result.checkedAt().toEpochMilli();
			assertThat(this.events).extracting(Observation.Event::getWallTime)
				.isSorted()
				.allSatisfy((wallTime) -> assertThat(wallTime).isBetween(start, start + result.total().toMillis() + 1));
			assertThat(this.events.get(0).getContextualName()).matches("dns \\d+\\.\\d ms");
		}
	}

	@Test
	void probedWhenMailFromIsRejectedShouldSetErrorWithoutServerText() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.greetAndAnswerMail("220 ready",
				"250 scripted.test", "550 5.7.1 Sender rejected by policy"))) {
			check(settings(server), Duration.ZERO).refresh();
			assertThat(this.registry).hasSingleObservationThat()
				.hasLowCardinalityKeyValue("outcome", "failure")
				.hasLowCardinalityKeyValue("status", "down")
				.assertThatError()
				.hasMessage("SMTP probe failed in phase mail (rejected)");
		}
	}

	@Test
	void probedWhenServerNeverSpeaksShouldHaveTimeoutOutcome() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			SmtpProbeSettings settings = SmtpProbeSettings.builder(server.host())
				.port(server.port())
				.timeout(Duration.ofMillis(500))
				.build();
			check(settings, Duration.ZERO).refresh();
			assertThat(this.registry).hasSingleObservationThat()
				.hasLowCardinalityKeyValue("outcome", "timeout")
				.assertThatError()
				.hasMessage("SMTP probe failed in phase greeting (timeout)");
		}
	}

	@Test
	void probedWhenCacheIsHitShouldMakeNoMoreObservations() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck check = check(settings(server), Duration.ofMinutes(10));
			check.current();
			check.current();
			check.current();
			assertThat(this.registry).hasNumberOfObservationsEqualTo(1);
		}
	}

	@Test
	void probedAgainShouldMakeOneObservationPerProbe() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script((script) -> script.happyPath())
			.script((script) -> script.happyPath())
			.start()) {
			SmtpCheck check = check(settings(server), Duration.ZERO);
			check.refresh();
			check.refresh();
			assertThat(this.registry).hasNumberOfObservationsEqualTo(2)
				.hasNumberOfObservationsWithNameEqualTo("smtp.check.probe", 2);
		}
	}

	@Test
	void probingInsideAnotherObservationShouldBeItsChild() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck check = check(settings(server), Duration.ZERO);
			Observation request = Observation.createNotStarted("http.server.requests", this.registry);
			request.observe(check::refresh);
			assertThat(this.registry).hasObservationWithNameEqualTo("smtp.check.probe")
				.that()
				.hasParentObservationEqualTo(request);
			assertThat(this.registry.getCurrentObservation()).isNull();
		}
	}

	@Test
	void probedWithCustomConventionShouldUseIt() {
		SmtpCheckObservationConvention custom = new DefaultSmtpCheckObservationConvention() {

			@Override
			public String getContextualName(SmtpCheckObservationContext context) {
				return "probe " + context.getServerName();
			}

		};
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			new SmtpCheck(SERVER, new SmtpProbe(settings(server)), NO_THRESHOLDS, Duration.ZERO, RefreshMode.ON_DEMAND,
					Duration.ofSeconds(30), new SmtpCheckObservations(this.registry, custom), Clock.systemUTC())
				.refresh();
			assertThat(this.registry).hasSingleObservationThat().hasContextualNameEqualTo("probe relay");
		}
	}

	@Test
	void probedWithMetricsAndObservationsShouldRecordBoth() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		SmtpCheckListener both = metricsAndObservations(meters);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheckOutcome outcome = new SmtpCheck(SERVER, new SmtpProbe(settings(server)), NO_THRESHOLDS,
					Duration.ZERO, RefreshMode.ON_DEMAND, Duration.ofSeconds(30), both, Clock.systemUTC())
				.refresh();
			assertThat(outcome.verdict().status().name()).isEqualTo("UP");
			assertThat(meters.get("smtp.check").timer().count()).isOne();
			assertThat(this.registry).hasSingleObservationThat().hasBeenStopped();
		}
	}

	@Test
	void probeAbandonedBecauseTheChecksStoppedShouldEndItsObservationAndRecordNoMetric() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		SmtpCheckListener both = metricsAndObservations(meters);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			SmtpProbeSettings settings = SmtpProbeSettings.builder(server.host())
				.port(server.port())
				.timeout(Duration.ofSeconds(30))
				.build();
			SmtpCheck check = new SmtpCheck(SERVER, new SmtpProbe(settings), NO_THRESHOLDS, Duration.ZERO,
					RefreshMode.BACKGROUND, Duration.ofSeconds(30), both, Clock.systemUTC());
			SmtpChecks checks = new SmtpChecks(List.of(check));
			checks.startProbing();
			await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);
			checks.stop();
			await().atMost(Duration.ofSeconds(3))
				.untilAsserted(() -> assertThat(this.registry).hasSingleObservationThat().hasBeenStopped());
			// Shutdown is not a failure of the server: no error, no timer, no DOWN gauge.
			assertThat(this.registry).hasSingleObservationThat()
				.hasLowCardinalityKeyValue("outcome", "unknown")
				.hasLowCardinalityKeyValue("status", "unknown")
				.doesNotHaveError();
			assertThat(meters.find("smtp.check").timers()).isEmpty();
			assertThat(meters.find("smtp.check.up").gauges()).isEmpty();
		}
	}

	private SmtpCheckListener metricsAndObservations(SimpleMeterRegistry meters) {
		return SmtpCheckListener
			.all(List.of(new SmtpCheckMetrics(meters), new SmtpCheckObservations(this.registry, null)));
	}

	private SmtpCheck check(SmtpProbeSettings settings, Duration cacheTtl) {
		return new SmtpCheck(SERVER, new SmtpProbe(settings), NO_THRESHOLDS, cacheTtl, RefreshMode.ON_DEMAND,
				Duration.ofSeconds(30), new SmtpCheckObservations(this.registry, null), Clock.systemUTC());
	}

	private static SmtpProbeSettings settings(ScriptedSmtpServer server) {
		return SmtpProbeSettings.builder(server.host()).port(server.port()).timeout(Duration.ofSeconds(5)).build();
	}

	/**
	 * Records every event; {@link TestObservationRegistry} keeps contexts, not events.
	 */
	private record EventRecorder(List<Observation.Event> events) implements ObservationHandler<Observation.Context> {

		@Override
		public void onEvent(Observation.Event event, Observation.Context context) {
			this.events.add(event);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
