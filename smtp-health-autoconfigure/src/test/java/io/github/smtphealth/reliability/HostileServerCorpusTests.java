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

package io.github.smtphealth.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.health.SmtpHealthIndicator;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * The hostile-server corpus ({@link HostileScenarios}), each scenario through a real
 * {@link SmtpHealthIndicator}: the verdict, the failed phase and the reason are as
 * expected, the health call returns within the probe's timeout plus
 * {@link SmtpCheck#WAIT_MARGIN}, the details are printable and free of secrets, and
 * threads and file descriptors are back to their baseline. The observed table is written
 * to {@code target/reliability/corpus.md}.
 */
class HostileServerCorpusTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final Duration LEAK_WAIT = Duration.ofSeconds(5);

	/**
	 * Scenarios run once before the baseline is taken, so that classes, jars, the JDK's
	 * random sources and the probe's watchdog thread are already loaded or started.
	 */
	private static final Set<String> WARM_UP = Set.of("control: a well-behaved server",
			"lowercase capabilities (starttls, size, auth)", "certificate chain missing its intermediate",
			"TLS 1.0-only server (JSSE server restricted to TLSv1)", "plain server on the TLS port (smtps)",
			"AUTH= style capabilities (AUTH=LOGIN)", "lowercase AUTH mechanisms (auth plain login)",
			"first address refuses, second works", "TLS 1.2 renegotiation started by the server mid-dialogue",
			"reset during QUIT");

	private static final CorpusReport report = new CorpusReport(TIMEOUT);

	@BeforeAll
	static void warmUp() {
		WarmUp.probeOverStartTlsWithAuth();
		for (Scenario scenario : HostileScenarios.all()) {
			if (WARM_UP.contains(scenario.name())) {
				run(scenario);
			}
		}
	}

	@AfterAll
	static void writeReport() {
		if (!report.isEmpty()) {
			report.write();
		}
	}

	static List<Scenario> scenarios() {
		return HostileScenarios.all();
	}

	@Test
	void corpusShouldHaveAtLeastFortyDistinctScenarios() {
		List<String> names = HostileScenarios.all().stream().map(Scenario::name).toList();
		assertThat(names).hasSizeGreaterThanOrEqualTo(40).doesNotHaveDuplicates();
		assertThat(names).containsAll(WARM_UP);
	}

	@Test
	void serverInitiatedRenegotiationShouldBeFollowedByTheProbe() {
		ScriptedSmtpServer server = ScriptedSmtpServer
			.start(Scripts.renegotiatingSmtps(HostileScenarios.CERTIFICATE.serverSslContext("TLSv1.2")));
		Health health;
		try {
			SmtpProbeSettings settings = SmtpProbeSettings.builder(server.host())
				.port(server.port())
				.security(Security.SMTPS)
				.tls(TlsSettings.trusting(HostileScenarios.CERTIFICATE.trustManagers()))
				.heloName("probe.test")
				.timeout(TIMEOUT)
				.build();
			health = Indicators.onDemand("renegotiation", settings).health();
			server.awaitCompleted(1, TIMEOUT);
		}
		finally {
			server.close();
		}
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).doesNotContainKey("quitProblem");
		// JSSE's client answers a TLS 1.2 HelloRequest with a new, secure (RFC 5746)
		// handshake
		assertThat(server.errors()).isEmpty();
		// JSSE reports the renegotiated handshake on a thread of its own, possibly after
		// the dialogue ended
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(server.tlsProtocols()).containsExactly("TLSv1.2", "TLSv1.2"));
		assertThat(server.received()).extracting((line) -> line.split(" ", 2)[0])
			.containsExactly("EHLO", "MAIL", "RSET", "QUIT");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void healthShouldReachTheExpectedVerdictInTimeAndGiveBackEverything(Scenario scenario) {
		LeakGuard baseline = LeakGuard.snapshot();
		Observation observation = run(scenario);
		Health health = observation.health();
		String failedPhase = Details.text(health, "failedPhase");
		String reason = Details.first(health, "error", "reason", "quitProblem");
		String expectedPhase = (scenario.failedPhase() != null) ? scenario.failedPhase().id() : null;
		boolean asExpected = health.getStatus().equals(scenario.status()) && Objects.equals(failedPhase, expectedPhase)
				&& reason.contains(scenario.reason());
		report.add(new CorpusReport.Row(scenario.name(), health.getStatus().getCode(), failedPhase, reason,
				observation.elapsed().toMillis(), asExpected));
		assertSoftly((softly) -> {
			softly.assertThat(health.getStatus()).as("status").isEqualTo(scenario.status());
			softly.assertThat(failedPhase).as("failedPhase").isEqualTo(expectedPhase);
			softly.assertThat(reason).as("error, reason or quitProblem").contains(scenario.reason());
			softly.assertThat(observation.elapsed())
				.as("time taken by health()")
				.isLessThanOrEqualTo(TIMEOUT.plus(SmtpCheck.WAIT_MARGIN));
			softly.assertThat(Details.texts(health))
				.as("texts in the details")
				.allSatisfy((text) -> assertThat(text).matches(Details::isPrintable, "is printable ASCII")
					.doesNotContain(HostileScenarios.secrets()));
			softly.assertThatCode(() -> baseline.assertBackToBaseline(LEAK_WAIT))
				.as("threads and file descriptors")
				.doesNotThrowAnyException();
		});
	}

	private static Observation run(Scenario scenario) {
		try (Target target = scenario.target().get()) {
			SmtpProbeSettings settings = scenario.tweaks()
				.apply(target.settings().heloName("probe.test").timeout(TIMEOUT))
				.build();
			SmtpHealthIndicator indicator = Indicators.onDemand("corpus", settings);
			long start = System.nanoTime();
			Health health = indicator.health();
			return new Observation(health, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	/**
	 * What a scenario's health call returned, and how long it took.
	 *
	 * @param health the health
	 * @param elapsed the time {@code health()} took
	 */
	private record Observation(Health health, Duration elapsed) {

	}

}
