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

package io.github.smtphealth.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.check.RefreshMode;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.subethamail.smtp.server.SMTPServer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * Tests for {@link SmtpHealthIndicator} against real in-process SMTP servers: the
 * scripted server and SubEthaSMTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmtpHealthIndicatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final CheckPolicy NO_THRESHOLDS = new CheckPolicy(null, null, Duration.ZERO, Duration.ZERO);

	private static final String PASSWORD = "canary-P4ss";

	@Test
	void healthWhenServerAnswersShouldBeUpWithDetails() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			Health health = indicator(settings(server).build(), NO_THRESHOLDS).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			Map<String, Object> details = health.getDetails();
			assertThat(details).containsEntry("host", "127.0.0.1")
				.containsEntry("port", server.port())
				.containsEntry("security", "none")
				.containsEntry("greeting", "220 scripted.test ESMTP ready")
				.containsEntry("capabilities", List.of("PIPELINING", "SIZE 10240000", "8BITMIME"))
				.containsEntry("cached", false)
				.doesNotContainKeys("error", "reason", "failedPhase", "replyCode", "tls", "tlsVerification",
						"authMechanism", "quitProblem");
			assertThat(details.get("port")).isInstanceOf(Integer.class);
			assertThat(details.get("responseTimeMs")).isInstanceOfAny(Integer.class, Long.class);
			assertThat(((Number) details.get("responseTimeMs")).longValue()).isNotNegative().isLessThan(5000);
			assertThat(details.get("phasesMs")).asInstanceOf(MAP)
				.containsKeys("dns", "connect", "greeting", "ehlo", "mail", "rset", "quit")
				.allSatisfy((phase, millis) -> assertThat(millis).isInstanceOf(Number.class));
			assertThat(Instant.parse((String) details.get("checkedAt"))).isBetween(Instant.now().minusSeconds(60),
					Instant.now());
		}
	}

	@Test
	void healthWhenAskedAgainWithinCacheTtlShouldReportCachedResult() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpHealthIndicator indicator = indicator(settings(server).build(), NO_THRESHOLDS);
			Health first = indicator.health();
			Health second = indicator.health();
			assertThat(first.getDetails()).containsEntry("cached", false);
			assertThat(second.getDetails()).containsEntry("cached", true)
				.containsEntry("refreshing", false)
				.containsEntry("checkedAt", first.getDetails().get("checkedAt"));
			assertThat(((Number) second.getDetails().get("ageMs")).longValue()).isNotNegative().isLessThan(60_000);
			assertThat(second.getStatus()).isEqualTo(Status.UP);
			assertThat(server.connectionCount()).isOne();
		}
	}

	@Test
	void healthAgainstSubEthaSmtpShouldBeUp() {
		SMTPServer server = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("subetha.test")
			.build();
		server.start();
		try {
			Health health = indicator(SmtpProbeSettings.builder("127.0.0.1")
				.port(server.getPortAllocated())
				.heloName("client.test")
				.timeout(TIMEOUT)
				.build(), NO_THRESHOLDS).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("security", "none")
				.containsKey("capabilities")
				.doesNotContainKey("error");
			assertThat((String) health.getDetails().get("greeting")).startsWith("220 subetha.test");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void healthAgainstSubEthaSmtpWithStartTlsShouldBeUpWithTlsDetails() {
		TestCertificate certificate = TestCertificates.selfSigned("127.0.0.1");
		SMTPServer server = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("subetha.test")
			.enableTLS()
			.startTlsSocketFactory(certificate.serverSslContext())
			.build();
		server.start();
		try {
			Health health = indicator(SmtpProbeSettings.builder("127.0.0.1")
				.port(server.getPortAllocated())
				.security(Security.STARTTLS)
				.tls(TlsSettings.trusting(certificate.trustManagers()))
				.heloName("client.test")
				.timeout(TIMEOUT)
				.build(), CheckPolicy.DEFAULT).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("security", "starttls").doesNotContainKey("tlsVerification");
			assertThat(health.getDetails().get("tls")).asInstanceOf(MAP)
				.containsKeys("protocol", "cipherSuite", "subject", "issuer", "notAfter", "daysUntilExpiry",
						"expiresFirst");
			assertThat(health.getDetails().get("phasesMs")).asInstanceOf(MAP).containsKeys("starttls", "tls");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void healthWhenGreetingIsSlowerThanWarningShouldBeDegraded() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.delay(Duration.ofMillis(400)).happyPath())) {
			Health health = indicator(settings(server).build(),
					new CheckPolicy(Duration.ofMillis(200), null, Duration.ZERO, Duration.ZERO))
				.health();
			assertThat(health.getStatus()).isEqualTo(SmtpHealthStatus.DEGRADED);
			assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
			assertThat((String) health.getDetails().get("reason")).contains("warning threshold of 200 ms");
			assertThat(((Number) health.getDetails().get("responseTimeMs")).longValue()).isGreaterThanOrEqualTo(200);
			assertThat(health.getDetails()).doesNotContainKeys("error", "failedPhase");
		}
	}

	@Test
	void healthWhenGreetingIsSlowerThanCriticalShouldBeDown() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.delay(Duration.ofMillis(400)).happyPath())) {
			Health health = indicator(settings(server).build(),
					new CheckPolicy(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ZERO, Duration.ZERO))
				.health();
			assertDownByThreshold(health, "critical threshold of 200 ms", "greeting");
		}
	}

	@Test
	void healthWhenGreetingIsRejectedShouldBeDownWithFailedPhaseAndReplyCode() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("554 5.3.2 no service here").answerCommands())) {
			Health health = indicator(settings(server).build(), NO_THRESHOLDS).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("failedPhase", "greeting")
				.containsEntry("replyCode", 554)
				.containsEntry("host", "127.0.0.1")
				.containsEntry("cached", false)
				.doesNotContainKey("reason");
			assertThat((String) health.getDetails().get("error")).contains("554 5.3.2 no service here");
		}
	}

	@Test
	void healthWhenMailFromIsRejectedShouldBeDownAtMailPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.greetAndAnswerMail("220 ready", "250 scripted.test", "550 5.7.1 sender rejected")
				.answerCommands())) {
			Health health = indicator(settings(server).build(), NO_THRESHOLDS).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("failedPhase", "mail")
				.containsEntry("replyCode", 550)
				.containsEntry("greeting", "220 ready");
			assertThat((String) health.getDetails().get("error")).contains("550 5.7.1 sender rejected");
		}
	}

	@Test
	void healthWhenConnectionIsRefusedShouldBeDownWithoutReplyCode() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Health health = indicator(
				SmtpProbeSettings.builder("127.0.0.1").port(port).heloName("client.test").timeout(TIMEOUT).build(),
				NO_THRESHOLDS)
			.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("failedPhase", "connect")
			.containsEntry("port", port)
			.containsKey("error")
			.doesNotContainKeys("replyCode", "greeting", "reason");
	}

	@Test
	void healthWhenServerNeverGreetsShouldBeDownAtGreetingWithinTimeout() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			long start = System.nanoTime();
			Health health = indicator(settings(server).timeout(Duration.ofMillis(500)).build(), NO_THRESHOLDS).health();
			assertThat(Duration.ofNanos(System.nanoTime() - start))
				.isLessThan(Duration.ofMillis(500).plus(SmtpCheck.WAIT_MARGIN));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("failedPhase", "greeting").doesNotContainKey("replyCode");
			assertThat((String) health.getDetails().get("error")).isNotBlank();
		}
	}

	@Test
	void healthWhenCertificateExpiresWithinWarningWindowShouldBeDegraded() {
		TestCertificate certificate = expiringIn(Duration.ofDays(5));
		Health health = healthOverSmtps(certificate, new CheckPolicy(null, null, Duration.ofDays(14), Duration.ZERO));
		assertThat(health.getStatus()).isEqualTo(SmtpHealthStatus.DEGRADED);
		assertThat(health.getDetails()).containsEntry("security", "smtps").doesNotContainKey("error");
		assertThat((String) health.getDetails().get("reason")).contains("certificate expires in 4 days")
			.contains("warning window of 14 days");
		Map<?, ?> tls = (Map<?, ?>) health.getDetails().get("tls");
		assertThat(tls.get("daysUntilExpiry")).isInstanceOfAny(Integer.class, Long.class);
		assertThat(((Number) tls.get("daysUntilExpiry")).longValue()).isEqualTo(4);
		assertThat(Instant.parse((String) tls.get("notAfter")))
			.isEqualTo(certificate.certificate().getNotAfter().toInstant());
		assertThat((String) tls.get("protocol")).startsWith("TLSv1.");
		assertThat((String) tls.get("subject")).contains("127.0.0.1");
		assertThat(tls.get("issuer")).isEqualTo(tls.get("subject"));
		assertThat((String) tls.get("cipherSuite")).isNotBlank();
	}

	@Test
	void healthWhenIntermediateExpiresFirstShouldJudgeAndReportTheIntermediate() {
		Instant now = Instant.now();
		TestCertificate certificate = TestCertificates.builder("127.0.0.1")
			.validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(300)))
			.intermediateValidity(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(2)))
			.build();
		Health health = healthOverSmtps(certificate, CheckPolicy.DEFAULT);
		assertThat(health.getStatus()).isEqualTo(SmtpHealthStatus.DEGRADED);
		assertThat((String) health.getDetails().get("reason"))
			.startsWith("certificate 2 of the chain (CN=smtp-health Test Intermediate CA")
			.contains("expires in 1 day, within the warning window of 14 days");
		Map<?, ?> tls = (Map<?, ?>) health.getDetails().get("tls");
		assertThat((String) tls.get("subject")).contains("CN=127.0.0.1");
		assertThat((String) tls.get("issuer")).contains("Intermediate CA");
		assertThat(((Number) tls.get("daysUntilExpiry")).longValue()).isEqualTo(1);
		assertThat(Instant.parse((String) tls.get("notAfter")))
			.isEqualTo(certificate.chain().get(1).getNotAfter().toInstant());
		assertThat(tls.get("expiresFirst")).asInstanceOf(MAP)
			.containsEntry("position", 2)
			.containsEntry("chain", "presented")
			.hasEntrySatisfying("subject", (subject) -> assertThat((String) subject).contains("Intermediate CA"));
	}

	@Test
	void healthWhenCertificateExpiresWithinCriticalWindowShouldBeDown() {
		TestCertificate certificate = expiringIn(Duration.ofDays(5));
		Health health = healthOverSmtps(certificate,
				new CheckPolicy(null, null, Duration.ofDays(14), Duration.ofDays(7)));
		assertDownByThreshold(health, "critical window of 7 days", "tls");
	}

	@Test
	void healthWhenCertificateIsFarFromExpiryShouldBeUp() {
		TestCertificate certificate = expiringIn(Duration.ofDays(60));
		Health health = healthOverSmtps(certificate, CheckPolicy.DEFAULT);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(((Number) ((Map<?, ?>) health.getDetails().get("tls")).get("daysUntilExpiry")).longValue())
			.isEqualTo(59);
	}

	@Test
	void healthWhenCertificateHasExpiredShouldBeDownAtTls() {
		TestCertificate certificate = TestCertificates.expired("127.0.0.1");
		Health health = healthOverSmtps(certificate, CheckPolicy.DEFAULT);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("failedPhase", "tls").containsKey("error");
	}

	@Test
	void healthWhenHostNameVerificationIsOffShouldSayVerificationIsDisabled() {
		TestCertificate certificate = TestCertificates.selfSigned("mail.example.com");
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTls(certificate.serverSslContext()).happyPath())) {
			Health health = indicator(settings(server).security(Security.SMTPS)
				.tls(TlsSettings.trusting(certificate.trustManagers()).withVerifyHostname(false))
				.build(), CheckPolicy.DEFAULT).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("tlsVerification", "disabled");
		}
	}

	@Test
	void healthWithStartTlsShouldReportLowercaseSecurityAndTls() {
		TestCertificate certificate = expiringIn(Duration.ofDays(60));
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.greetAndStartTls(certificate.serverSslContext()).answerCommands("PIPELINING"))) {
			Health health = indicator(settings(server).security(Security.STARTTLS)
				.tls(TlsSettings.trusting(certificate.trustManagers()))
				.build(), CheckPolicy.DEFAULT).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("security", "starttls")
				.containsEntry("capabilities", List.of("PIPELINING"))
				.containsKey("tls");
		}
	}

	@Test
	void healthWhenStartTlsIsNotAdvertisedShouldBeDownWithLowercaseFailedPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 ready").answerCommands("PIPELINING"))) {
			Health health = indicator(settings(server).security(Security.STARTTLS).build(), CheckPolicy.DEFAULT)
				.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("security", "starttls");
			assertThat((String) health.getDetails().get("failedPhase")).isIn("ehlo", "starttls");
		}
	}

	@Test
	void healthWhenServerSendsControlCharactersShouldShowNone() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 evil\u0007\u001b[31m.test \u0000ready\u007f\u0085")
				.expect("EHLO")
				.send("250-scripted.test", "250-PIPE\u001bLINING", "250 SIZE\t1000")
				.expect("MAIL")
				.send("554 5.7.1 \u001b[2Jdenied\u0008\u0008 by\u0001policy")
				.answerCommands())) {
			Health health = indicator(settings(server).build(), NO_THRESHOLDS).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsKeys("greeting", "capabilities", "error");
			assertNoControlCharacters(health.getDetails());
			assertThat((String) health.getDetails().get("greeting")).startsWith("220 evil");
			assertThat((String) health.getDetails().get("error")).contains("denied");
		}
	}

	@Test
	void healthWhenAuthIsRejectedShouldNeverShowThePassword() {
		String plain = Base64.getEncoder().encodeToString(("\0user\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		Consumer<SmtpScript> script = (steps) -> steps.send("220 ready " + PASSWORD)
			.expect("EHLO")
			.send("250-scripted.test " + PASSWORD, "250 AUTH PLAIN LOGIN")
			.expect("AUTH")
			.send("535 5.7.8 credentials " + PASSWORD + " (" + plain + ") rejected")
			.answerCommands();
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script)) {
			Health health = indicator(settings(server).credentials(SmtpCredentials.ofPassword("user", PASSWORD))
				.allowPlaintextAuth(true)
				.build(), NO_THRESHOLDS).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("failedPhase", "auth").containsEntry("replyCode", 535);
			assertThat(health.toString()).doesNotContain(PASSWORD).doesNotContain(plain);
		}
	}

	@Test
	void healthInBackgroundModeBeforeFirstResultShouldBeOutOfService() {
		Health health = new SmtpHealthIndicator(backgroundCheck()).health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("host", "127.0.0.1")
			.containsEntry("port", 25)
			.containsEntry("cached", false)
			.doesNotContainKeys("responseTimeMs", "error", "checkedAt", "ageMs");
		assertThat((String) health.getDetails().get("reason")).contains("no result yet");
	}

	@Test
	void healthInBackgroundModeBeforeFirstResultWithPendingStatusUnknownShouldBeUnknown() {
		Health health = new SmtpHealthIndicator(backgroundCheck(), PendingStatus.UNKNOWN).health();
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat((String) health.getDetails().get("reason")).contains("no result yet");
	}

	@Test
	void healthWhenTheCheckThrowsUnexpectedlyShouldBeDownWithAWarnInsteadOfFailing(CapturedOutput output) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			Clock broken = new Clock() {

				@Override
				public ZoneId getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(ZoneId zone) {
					return this;
				}

				@Override
				public Instant instant() {
					throw new ArithmeticException("long overflow");
				}

			};
			SmtpCheck check = new SmtpCheck("default", new SmtpProbe(settings(server).build()), CheckPolicy.DEFAULT,
					Duration.ZERO, RefreshMode.ON_DEMAND, Duration.ofSeconds(30), (outcome) -> {
					}, broken);
			Health health = new SmtpHealthIndicator(check).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("port", server.port())
				.containsEntry("error", "unexpected java.lang.ArithmeticException (see the log)");
		}
		assertThat(output).contains("WARN").contains("SMTP health check of server 'default' failed unexpectedly");
	}

	private static SmtpCheck backgroundCheck() {
		SmtpProbeSettings settings = SmtpProbeSettings.builder("127.0.0.1").port(25).heloName("client.test").build();
		return new SmtpCheck("default", new SmtpProbe(settings), CheckPolicy.DEFAULT, Duration.ofSeconds(10),
				RefreshMode.BACKGROUND, Duration.ofSeconds(30), (outcome) -> {
				}, Clock.systemUTC());
	}

	private static SmtpHealthIndicator indicator(SmtpProbeSettings settings, CheckPolicy policy) {
		SmtpCheck check = new SmtpCheck("default", new SmtpProbe(settings), policy, Duration.ofMinutes(1),
				RefreshMode.ON_DEMAND, Duration.ofSeconds(30), (outcome) -> {
				}, Clock.systemUTC());
		return new SmtpHealthIndicator(check);
	}

	private static SmtpProbeSettings.Builder settings(ScriptedSmtpServer server) {
		return SmtpProbeSettings.builder(server.host()).port(server.port()).heloName("client.test").timeout(TIMEOUT);
	}

	/**
	 * The health of a one-shot check over SMTPS of a scripted server that presents the
	 * certificate.
	 */
	private static Health healthOverSmtps(TestCertificate certificate, CheckPolicy policy) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTls(certificate.serverSslContext()).happyPath())) {
			return indicator(smtps(server, certificate).build(), policy).health();
		}
	}

	private static SmtpProbeSettings.Builder smtps(ScriptedSmtpServer server, TestCertificate certificate) {
		return settings(server).security(Security.SMTPS).tls(TlsSettings.trusting(certificate.trustManagers()));
	}

	private static TestCertificate expiringIn(Duration left) {
		Instant now = Instant.now();
		return TestCertificates.builder("127.0.0.1").validity(now.minus(Duration.ofDays(1)), now.plus(left)).build();
	}

	/**
	 * A DOWN that a threshold gave: the probe itself finished, so the measured step is
	 * there and no error or failed phase is.
	 */
	private static void assertDownByThreshold(Health health, String reason, String measuredKey) {
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("reason")).contains(reason);
		assertThat(health.getDetails()).containsKey(measuredKey).doesNotContainKeys("error", "failedPhase");
	}

	private static void assertNoControlCharacters(Object value) {
		if (value instanceof String text) {
			assertThat(text.chars()).as("control characters in \"%s\"", text)
				.noneMatch((c) -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
		}
		else if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> {
				assertNoControlCharacters(key);
				assertNoControlCharacters(element);
			});
		}
		else if (value instanceof Collection<?> collection) {
			collection.forEach(SmtpHealthIndicatorTests::assertNoControlCharacters);
		}
	}

}
