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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.check.CheckStatus;
import io.github.smtphealth.check.CheckVerdict;
import io.github.smtphealth.check.RefreshMode;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link SmtpCheckMetrics}, driving real probes against scripted in-process
 * servers.
 */
class SmtpCheckMetricsTests {

	private static final String SERVER = "relay";

	private static final CheckPolicy NO_THRESHOLDS = new CheckPolicy(null, null, Duration.ZERO, Duration.ZERO);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final SmtpCheckMetrics metrics = new SmtpCheckMetrics(this.registry);

	@Test
	void probedWhenProbeSucceedsShouldRecordProbeAndEveryPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheckOutcome outcome = uncachedCheck(server).refresh();
			SmtpProbeResult result = Objects.requireNonNull(outcome.result());
			Timer timer = this.registry.get("smtp.check")
				.tags("server", SERVER, "security", "none", "outcome", "success", "status", "up")
				.timer();
			assertThat(timer.count()).isOne();
			assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(result.total().toNanos());
			assertThat(this.registry.get("smtp.check").timers()).hasSize(1);
			assertThat(phaseOutcomes()).containsOnly(entry("dns", "success"), entry("connect", "success"),
					entry("greeting", "success"), entry("ehlo", "success"), entry("mail", "success"),
					entry("rset", "success"), entry("quit", "success"));
			Timer ehlo = this.registry.get("smtp.check.phase").tags("server", SERVER, "phase", "ehlo").timer();
			assertThat(ehlo.count()).isOne();
			assertThat(ehlo.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(result.phases().get(Phase.EHLO).toNanos());
			assertThat(upGauge()).isEqualTo(1.0);
			assertThat(this.registry.find("smtp.check.certificate.expiry").gauge()).isNull();
		}
	}

	@Test
	void probedWhenMailFromIsRejectedShouldRecordFailureAtMailPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(
				(script) -> script.greetAndAnswerMail("220 ready", "250 scripted.test", "550 5.7.1 Sender rejected"))) {
			uncachedCheck(server).refresh();
			assertFailure("mail", "failure");
			assertThat(phaseOutcomes()).containsOnly(entry("dns", "success"), entry("connect", "success"),
					entry("greeting", "success"), entry("ehlo", "success"), entry("mail", "failure"));
		}
	}

	@Test
	void probedWhenServerNeverSpeaksShouldRecordTimeoutAtGreetingPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			SmtpCheckOutcome outcome = check(settings(server).timeout(Duration.ofMillis(500)).build(), NO_THRESHOLDS,
					Duration.ZERO)
				.refresh();
			assertFailure("greeting", "timeout");
			assertThat(phaseOutcomes()).containsOnly(entry("dns", "success"), entry("connect", "success"),
					entry("greeting", "timeout"));
			assertThat(this.registry.get("smtp.check").timer().totalTime(TimeUnit.NANOSECONDS))
				.isEqualTo(Objects.requireNonNull(outcome.result()).total().toNanos());
		}
	}

	@Test
	void probedWhenConnectionIsRefusedShouldRecordFailureAtConnectPhase() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		SmtpProbeSettings settings = SmtpProbeSettings.builder("127.0.0.1")
			.port(closedPort)
			.timeout(Duration.ofSeconds(5))
			.build();
		check(settings, NO_THRESHOLDS, Duration.ZERO).refresh();
		assertFailure("connect", "failure");
		assertThat(phaseOutcomes()).containsOnly(entry("dns", "success"), entry("connect", "failure"));
	}

	@Test
	void probedWhenGreetingIsRejectedShouldRecordFailureAtGreetingPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.send("554 go away"))) {
			uncachedCheck(server).refresh();
			assertFailure("greeting", "failure");
		}
	}

	@Test
	void probedWhenGreetingIsNotSmtpShouldRecordFailureAtGreetingPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.send("SSH-2.0-OpenSSH_9.6"))) {
			uncachedCheck(server).refresh();
			assertFailure("greeting", "failure");
		}
	}

	@Test
	void probedWhenStartTlsIsNotAdvertisedShouldRecordFailureAtStartTlsPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 ready").expect("EHLO").send("250 scripted.test"))) {
			check(settings(server).security(Security.STARTTLS).build(), NO_THRESHOLDS, Duration.ZERO).refresh();
			assertFailure("starttls", "failure");
			assertThat(this.registry.get("smtp.check").tag("security", "starttls").timer().count()).isOne();
		}
	}

	@Test
	void probedWhenCertificateIsNotTrustedShouldRecordFailureAtTlsPhaseWithoutExpiryGauge() {
		TestCertificate served = TestCertificates.selfSigned("localhost", "127.0.0.1");
		TestCertificate trusted = TestCertificates.selfSigned("localhost", "127.0.0.1");
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.greetAndStartTls(served.serverSslContext()))) {
			check(settings(server).security(Security.STARTTLS)
				.tls(TlsSettings.trusting(trusted.trustManagers()))
				.build(), NO_THRESHOLDS, Duration.ZERO).refresh();
			assertFailure("tls", "failure");
			assertThat(this.registry.find("smtp.check.certificate.expiry").gauge()).isNull();
		}
	}

	@Test
	void probedWhenPlaintextAuthIsRefusedShouldRecordFailureAtAuthPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 ready").expect("EHLO").send("250-scripted.test", "250 AUTH PLAIN"))) {
			check(settings(server).credentials(SmtpCredentials.ofPassword("user", "secret")).build(), NO_THRESHOLDS,
					Duration.ZERO)
				.refresh();
			assertFailure("auth", "failure");
		}
	}

	@Test
	void probedWhenProbeSucceedsAboveWarningThresholdShouldRecordDegradedAndUp() {
		CheckPolicy warnAlways = new CheckPolicy(Duration.ZERO, null, Duration.ZERO, Duration.ZERO);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			check(settings(server).build(), warnAlways, Duration.ZERO).refresh();
			assertThat(this.registry.get("smtp.check").tags("outcome", "success", "status", "degraded").timer().count())
				.isOne();
			assertThat(upGauge()).isEqualTo(1.0);
		}
	}

	@Test
	void probedWhenProbeSucceedsAboveCriticalThresholdShouldRecordDownAndNotUp() {
		CheckPolicy criticalAlways = new CheckPolicy(null, Duration.ZERO, Duration.ZERO, Duration.ZERO);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			check(settings(server).build(), criticalAlways, Duration.ZERO).refresh();
			assertThat(this.registry.get("smtp.check").tags("outcome", "success", "status", "down").timer().count())
				.isOne();
			assertThat(upGauge()).isZero();
		}
	}

	@Test
	void probedAgainShouldUpdateTheSameUpGaugeAndAddToTimers() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script((script) -> script.happyPath())
			.script((script) -> script.greetAndAnswerMail("220 ready", "250 scripted.test",
					"550 5.7.1 Sender rejected"))
			.script((script) -> script.happyPath())
			.start()) {
			SmtpCheck check = uncachedCheck(server);
			check.refresh();
			assertThat(upGauge()).isEqualTo(1.0);
			check.refresh();
			assertThat(upGauge()).isZero();
			check.refresh();
			assertThat(upGauge()).isEqualTo(1.0);
			assertThat(this.registry.get("smtp.check.up").gauges()).hasSize(1);
			assertThat(this.registry.get("smtp.check").tag("outcome", "success").timer().count()).isEqualTo(2);
			assertThat(this.registry.get("smtp.check").tag("outcome", "failure").timer().count()).isOne();
			assertThat(phaseCount("ehlo", "success")).isEqualTo(3);
			assertThat(phaseCount("mail", "success")).isEqualTo(2);
			assertThat(phaseCount("mail", "failure")).isOne();
		}
	}

	@Test
	void probedWithStartTlsShouldRecordCertificateExpiryInEpochSeconds() {
		TestCertificate certificate = TestCertificates.selfSigned("localhost", "127.0.0.1");
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.greetAndStartTls(certificate.serverSslContext()).answerCommands())) {
			check(settings(server).security(Security.STARTTLS)
				.tls(TlsSettings.trusting(certificate.trustManagers()))
				.build(), NO_THRESHOLDS, Duration.ZERO).refresh();
			Gauge expiry = this.registry.get("smtp.check.certificate.expiry").tag("server", SERVER).gauge();
			assertThat(expiry.value())
				.isEqualTo((double) certificate.certificate().getNotAfter().toInstant().getEpochSecond());
			assertThat(expiry.getId().getBaseUnit()).isEqualTo("seconds");
			assertThat(this.registry.get("smtp.check")
				.tags("security", "starttls", "outcome", "success", "status", "up")
				.timer()
				.count()).isOne();
			assertThat(phaseOutcomes()).contains(entry("starttls", "success"), entry("tls", "success"),
					entry("ehlo", "success"));
		}
	}

	@Test
	void probedWithSmtpsShouldRecordCertificateExpiryAndTlsPhase() {
		TestCertificate certificate = TestCertificates.selfSigned("localhost", "127.0.0.1");
		probeSmtps(certificate);
		assertThat(this.registry.get("smtp.check.certificate.expiry").gauge().value())
			.isEqualTo((double) certificate.certificate().getNotAfter().toInstant().getEpochSecond());
		assertThat(this.registry.get("smtp.check").tags("security", "smtps", "outcome", "success").timer().count())
			.isOne();
		assertThat(phaseOutcomes()).containsOnly(entry("dns", "success"), entry("connect", "success"),
				entry("tls", "success"), entry("greeting", "success"), entry("ehlo", "success"),
				entry("mail", "success"), entry("rset", "success"), entry("quit", "success"));
	}

	private void probeSmtps(TestCertificate certificate) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTls(certificate.serverSslContext()).happyPath())) {
			check(settings(server).security(Security.SMTPS)
				.tls(TlsSettings.trusting(certificate.trustManagers()))
				.build(), NO_THRESHOLDS, Duration.ZERO).refresh();
		}
	}

	@Test
	void certificateExpiryShouldBeTheChainsEarliestNotTheLeafs() {
		Instant now = Instant.now();
		TestCertificate certificate = TestCertificates.builder("localhost", "127.0.0.1")
			.validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(300)))
			.intermediateValidity(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(2)))
			.build();
		probeSmtps(certificate);
		assertThat(this.registry.get("smtp.check.certificate.expiry").gauge().value())
			.isEqualTo((double) certificate.chain().get(1).getNotAfter().toInstant().getEpochSecond())
			.isLessThan((double) certificate.certificate().getNotAfter().toInstant().getEpochSecond());
	}

	@Test
	void probedWhenLaterProbeHasNoTlsSessionShouldKeepLastCertificateExpiry() {
		TestCertificate certificate = TestCertificates.selfSigned("localhost", "127.0.0.1");
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script((script) -> script.startTls(certificate.serverSslContext()).happyPath())
			.script((script) -> script.close())
			.start()) {
			SmtpCheck check = check(settings(server).security(Security.SMTPS)
				.tls(TlsSettings.trusting(certificate.trustManagers()))
				.build(), NO_THRESHOLDS, Duration.ZERO);
			check.refresh();
			check.refresh();
			assertThat(this.registry.get("smtp.check").tag("outcome", "failure").timer().count()).isOne();
			assertThat(upGauge()).isZero();
			assertThat(this.registry.get("smtp.check.certificate.expiry").gauge().value())
				.isEqualTo((double) certificate.certificate().getNotAfter().toInstant().getEpochSecond());
		}
	}

	@Test
	void probedWhenCacheIsHitShouldRecordNothingMore() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck check = check(settings(server).build(), NO_THRESHOLDS, Duration.ofMinutes(10));
			SmtpCheckOutcome first = check.current();
			SmtpCheckOutcome second = check.current();
			assertThat(first.cached()).isFalse();
			assertThat(second.cached()).isTrue();
			assertThat(server.connectionCount()).isOne();
			assertThat(this.registry.get("smtp.check").timer().count()).isOne();
			assertThat(this.registry.get("smtp.check.phase").timers())
				.allSatisfy((timer) -> assertThat(timer.count()).isOne());
		}
	}

	@Test
	void probedWithCachedOrUnfinishedOutcomeShouldRegisterNoMeter() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpProbeSettings settings = settings(server).build();
			SmtpProbeResult result = new SmtpProbe(settings).run();
			this.metrics
				.probed(new SmtpCheckOutcome(SERVER, settings, result, new CheckVerdict(CheckStatus.UP, null), true));
			this.metrics.probed(new SmtpCheckOutcome(SERVER, settings, null,
					new CheckVerdict(CheckStatus.DOWN, "the check did not finish within 6000 ms"), false));
			assertThat(this.registry.getMeters()).isEmpty();
		}
	}

	@Test
	void probedShouldTagOnlyWithConfiguredNameAndFixedValues() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script((script) -> script.greetAndAnswerMail("220 weird.example ESMTP {evil} ready", "250 weird.example",
					"550 5.1.0 <probe@example.net> sender unknown, see https://example.net/why"))
			.script((script) -> script.happyPath())
			.start()) {
			SmtpCheck check = uncachedCheck(server);
			check.refresh();
			check.refresh();
			Set<String> fixed = Stream
				.concat(Stream.of(SERVER, "none", "starttls", "smtps", "success", "failure", "timeout", "up",
						"degraded", "down"), Arrays.stream(Phase.values()).map(Phase::id))
				.collect(Collectors.toSet());
			assertThat(this.registry.getMeters()).isNotEmpty();
			assertThat(this.registry.getMeters().stream().flatMap((meter) -> meter.getId().getTags().stream()))
				.extracting(Tag::getValue)
				.allSatisfy((value) -> assertThat(fixed).contains(value));
		}
	}

	@Test
	void probedShouldDescribeEveryMeter() {
		TestCertificate certificate = TestCertificates.selfSigned("localhost", "127.0.0.1");
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTls(certificate.serverSslContext())
				.send("220 ready")
				.expect("EHLO")
				.send("250 scripted.test")
				.expect("MAIL")
				.send("451 try again later"))) {
			check(settings(server).security(Security.SMTPS)
				.tls(TlsSettings.trusting(certificate.trustManagers()))
				.build(), NO_THRESHOLDS, Duration.ZERO).refresh();
			assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getName())
				.containsOnly("smtp.check", "smtp.check.phase", "smtp.check.up", "smtp.check.certificate.expiry");
			assertThat(this.registry.getMeters()).extracting(Meter::getId)
				.allSatisfy((id) -> assertThat(id.getDescription()).isNotBlank());
		}
	}

	@Test
	void probedWithExtraTagsShouldAddThemToEveryMeter() {
		SimpleMeterRegistry tagged = new SimpleMeterRegistry();
		SmtpCheckMetrics withTags = new SmtpCheckMetrics(tagged, Tags.of("region", "eu"));
		TestCertificate certificate = TestCertificates.selfSigned("localhost", "127.0.0.1");
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTls(certificate.serverSslContext()).happyPath())) {
			SmtpProbeSettings settings = settings(server).security(Security.SMTPS)
				.tls(TlsSettings.trusting(certificate.trustManagers()))
				.build();
			new SmtpCheck(SERVER, new SmtpProbe(settings), NO_THRESHOLDS, Duration.ZERO, RefreshMode.ON_DEMAND,
					Duration.ofSeconds(30), withTags, Clock.systemUTC())
				.refresh();
			assertThat(tagged.getMeters()).extracting((meter) -> meter.getId().getName())
				.containsOnly("smtp.check", "smtp.check.phase", "smtp.check.up", "smtp.check.certificate.expiry");
			assertThat(tagged.getMeters())
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("region")).isEqualTo("eu"));
		}
	}

	private void assertFailure(String phase, String outcome) {
		assertThat(this.registry.get("smtp.check")
			.tags("server", SERVER, "outcome", outcome, "status", "down")
			.timer()
			.count()).isOne();
		assertThat(this.registry.get("smtp.check").timers()).hasSize(1);
		assertThat(this.registry.get("smtp.check.phase")
			.tags("server", SERVER, "phase", phase, "outcome", outcome)
			.timer()
			.count()).isOne();
		assertThat(this.registry.get("smtp.check.phase")
			.timers()
			.stream()
			.filter((timer) -> !"success".equals(tag(timer, "outcome")))).hasSize(1);
		assertThat(upGauge()).isZero();
	}

	private Map<String, String> phaseOutcomes() {
		return this.registry.get("smtp.check.phase")
			.tag("server", SERVER)
			.timers()
			.stream()
			.collect(Collectors.toMap((timer) -> tag(timer, "phase"), (timer) -> tag(timer, "outcome")));
	}

	private long phaseCount(String phase, String outcome) {
		return this.registry.get("smtp.check.phase")
			.tags("server", SERVER, "phase", phase, "outcome", outcome)
			.timer()
			.count();
	}

	private static String tag(Meter meter, String key) {
		return Objects.requireNonNull(meter.getId().getTag(key), key);
	}

	private double upGauge() {
		return this.registry.get("smtp.check.up").tag("server", SERVER).gauge().value();
	}

	private SmtpCheck uncachedCheck(ScriptedSmtpServer server) {
		return check(settings(server).build(), NO_THRESHOLDS, Duration.ZERO);
	}

	private SmtpCheck check(SmtpProbeSettings settings, CheckPolicy policy, Duration cacheTtl) {
		return new SmtpCheck(SERVER, new SmtpProbe(settings), policy, cacheTtl, RefreshMode.ON_DEMAND,
				Duration.ofSeconds(30), this.metrics, Clock.systemUTC());
	}

	private static SmtpProbeSettings.Builder settings(ScriptedSmtpServer server) {
		return SmtpProbeSettings.builder(server.host()).port(server.port()).timeout(Duration.ofSeconds(5));
	}

}
