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

package io.github.smtphealth.probe;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.smtphealth.testsupport.LeakCheck;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.smtphealth.probe.ProbeFixtures.HELO;
import static io.github.smtphealth.probe.ProbeFixtures.assertFailure;
import static io.github.smtphealth.probe.ProbeFixtures.assertWithinDeadline;
import static io.github.smtphealth.probe.ProbeFixtures.failureOf;
import static io.github.smtphealth.probe.ProbeFixtures.probe;
import static io.github.smtphealth.probe.ProbeFixtures.probeInTime;
import static io.github.smtphealth.probe.ProbeFixtures.probeSucceeding;
import static io.github.smtphealth.probe.ProbeFixtures.resolvingTo;
import static io.github.smtphealth.probe.ProbeFixtures.settings;
import static io.github.smtphealth.probe.ProbeFixtures.warmedUpBaseline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link SmtpProbe} against a {@link ScriptedSmtpServer} that misbehaves in
 * every way the probe must survive: each asserts the failed phase, the reason, the reply
 * code and that the probe kept its deadline. No thread or socket may outlive the
 * scenarios.
 */
class SmtpProbeFaultTests {

	/**
	 * The deadline of probes that should end long before it.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/**
	 * The deadline of the slow-loris probe, which receives a byte a second.
	 */
	private static final Duration DRIBBLE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static LeakCheck baseline;

	@BeforeAll
	static void warmUpAndTakeBaseline() {
		baseline = warmedUpBaseline(SmtpScript::happyPath, (server) -> settings("warm-up.test", server, TIMEOUT));
	}

	@AfterAll
	static void noThreadOrSocketOutlivesTheScenarios() {
		baseline.assertBackToBaseline(WAIT);
	}

	@Test
	void probeWhenServerBehavesShouldSucceedAndTimeEveryPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpProbeResult result = probeSucceeding(settings(server, TIMEOUT));
			assertThat(result.failure()).isNull();
			assertThat(result.phases()).containsOnlyKeys(Phase.DNS, Phase.CONNECT, Phase.GREETING, Phase.EHLO,
					Phase.MAIL, Phase.RSET, Phase.QUIT);
			assertThat(result.phases().keySet()).containsExactly(Phase.DNS, Phase.CONNECT, Phase.GREETING, Phase.EHLO,
					Phase.MAIL, Phase.RSET, Phase.QUIT);
			assertThat(result.phases().values())
				.allSatisfy((duration) -> assertThat(duration).isGreaterThanOrEqualTo(Duration.ZERO));
			assertThat(result.total()).isGreaterThanOrEqualTo(result.phases().get(Phase.GREETING));
			assertThat(result.remoteAddress()).isEqualTo("127.0.0.1:" + server.port());
			assertThat(result.greeting()).isEqualTo("220 scripted.test ESMTP ready");
			assertThat(result.capabilities()).containsExactly("PIPELINING", "SIZE 10240000", "8BITMIME");
			assertThat(result.tls()).isNull();
			assertThat(result.authMechanism()).isNull();
			assertThat(result.quitProblem()).isNull();
			assertThat(result.checkedAt()).isNotNull();
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("EHLO " + HELO, "MAIL FROM:<>", "RSET", "QUIT");
			assertThat(server.errors()).isEmpty();
		}
	}

	@Test
	void probeWhenSenderAndRecipientAreSetShouldSendBoth() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> ehloDone(script).answerCommands())) {
			SmtpProbeResult result = probeSucceeding(
					settings(server, TIMEOUT).mailFrom("probe@example.com").rcptTo("postmaster@example.com"));
			assertThat(result.phases()).containsKeys(Phase.MAIL, Phase.RCPT, Phase.RSET);
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("EHLO " + HELO, "MAIL FROM:<probe@example.com>",
					"RCPT TO:<postmaster@example.com>", "RSET", "QUIT");
		}
	}

	@Test
	void probeWhenGreetingIsMultiLineShouldKeepItsFirstLine() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220-mail.test ESMTP", "220-No UCE", "220 Welcome").answerCommands())) {
			SmtpProbeResult result = probeSucceeding(settings(server, TIMEOUT));
			assertThat(result.greeting()).isEqualTo("220 mail.test ESMTP");
		}
	}

	@Test
	void probeWhenGreetingIs421ShouldFailInGreetingWithTheCode() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("421 4.3.2 Service shutting down").close())) {
			SmtpProbeResult result = probeInTime(settings(server, TIMEOUT));
			assertFailure(result, Phase.GREETING, FailureKind.REJECTED, 421,
					"server refused the session: 421 4.3.2 Service shutting down");
			assertThat(result.greeting()).isEqualTo("421 4.3.2 Service shutting down");
			assertThat(result.phases()).doesNotContainKey(Phase.EHLO);
		}
	}

	@Test
	void probeWhenGreetingIs554ShouldFailInGreetingWithTheCode() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.sayOnce("554 5.7.1 No SMTP service for you")) {
			SmtpProbeResult result = probeInTime(settings(server, TIMEOUT));
			assertFailure(result, Phase.GREETING, FailureKind.REJECTED, 554,
					"server refused the session: 554 5.7.1 No SMTP service for you");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).isEmpty();
		}
	}

	@Test
	void probeWhenGreetingIsGarbageShouldFailWithAProtocolError() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.sayOnce("HTTP/1.1 400 Bad Request")) {
			SmtpProbeResult result = probeInTime(settings(server, TIMEOUT));
			assertFailure(result, Phase.GREETING, FailureKind.PROTOCOL, null,
					"invalid reply while waiting for the greeting: not an SMTP reply: 'HTTP/1.1 400 Bad Request'");
			assertThat(result.greeting()).isNull();
		}
	}

	@Test
	void probeWhenGreetingIsBinaryShouldQuoteOnlyPrintableCharacters() {
		byte[] tlsAlert = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46, '\r', '\n' };
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.sendRaw(tlsAlert).silence())) {
			ProbeFailure failure = failureOf(probe(settings(server, TIMEOUT)));
			assertThat(failure.phase()).isEqualTo(Phase.GREETING);
			assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
			assertThat(failure.reason()).startsWith("invalid reply while waiting for the greeting: not an SMTP reply")
				.matches("[\\x20-\\x7e]*");
		}
	}

	@Test
	void probeWhenServerClosesBeforeTheGreetingShouldFailInGreeting() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(SmtpScript::close)) {
			SmtpProbeResult result = probeInTime(settings(server, TIMEOUT));
			assertFailure(result, Phase.GREETING, FailureKind.CONNECTION, null,
					"connection closed by server while waiting for the greeting");
			assertThat(result.remoteAddress()).isEqualTo("127.0.0.1:" + server.port());
		}
	}

	@Test
	void probeWhenServerClosesAfterTheGreetingShouldFailInEhlo() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> greeting(script).close())) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.phase()).isEqualTo(Phase.EHLO);
			assertThat(failure.kind()).isEqualTo(FailureKind.CONNECTION);
			assertThat(failure.reason()).matches("connection closed by server while waiting for the reply to EHLO"
					+ "|connection failed (sending EHLO|waiting for the reply to EHLO): .+");
			assertThat(result.greeting()).isEqualTo("220 scripted.test ESMTP ready");
		}
	}

	@Test
	void probeWhenRepliesAreLongOrHoldControlCharactersShouldKeepShortPrintableText() {
		String longText = "Service unavailable \u001b[2J\u0007" + "z".repeat(1000);
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("554-" + longText, "554 second line").silence())) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.replyCode()).isEqualTo(554);
			assertThat(failure.reason()).startsWith("server refused the session: 554 Service unavailable ?[2J?zzz")
				.hasSizeLessThanOrEqualTo(200)
				.endsWith("...")
				.matches("[\\x20-\\x7e]*");
			assertThat(result.greeting()).startsWith("554 Service unavailable ?[2J?zzz")
				.hasSizeLessThanOrEqualTo(200)
				.matches("[\\x20-\\x7e]*");
		}
	}

	@Test
	void probeWhenEhloIsUnrecognizedShouldFallBackToHelo() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> greeting(script).expect("EHLO")
			.send("500 5.5.1 Command unrecognized")
			.expect("HELO")
			.send("250 old.test")
			.answerCommands())) {
			SmtpProbeResult result = probeSucceeding(settings(server, TIMEOUT));
			assertThat(result.capabilities()).isEmpty();
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).startsWith("EHLO " + HELO, "HELO " + HELO, "MAIL FROM:<>");
			assertThat(server.errors()).isEmpty();
		}
	}

	@Test
	void probeWhenEhloIsNotImplementedShouldFallBackToHelo() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> greeting(script).expect("EHLO")
			.send("502 5.5.2 Not implemented")
			.expect("HELO")
			.send("250 old.test")
			.answerCommands())) {
			assertThat(probe(settings(server, TIMEOUT)).isSuccess()).isTrue();
		}
	}

	@Test
	void probeWhenHeloIsRejectedTooShouldFailInEhlo() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> greeting(script).expect("EHLO")
			.send("500 5.5.1 Command unrecognized")
			.expect("HELO")
			.send("501 5.5.4 Invalid domain name")
			.silence())) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT));
			assertFailure(result, Phase.EHLO, FailureKind.REJECTED, 501,
					"HELO rejected: 501 5.5.4 Invalid domain name");
		}
	}

	@Test
	void probeWhenEhloIsRefusedForPolicyShouldNotFallBackToHelo() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(
				(script) -> greeting(script).expect("EHLO").send("554 5.7.1 Go away").silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT));
			assertFailure(result, Phase.EHLO, FailureKind.REJECTED, 554, "EHLO rejected: 554 5.7.1 Go away");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("EHLO " + HELO);
		}
	}

	@Test
	void probeWhenLmtpShouldSendLhlo() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.send("220 lmtp.test LMTP")
			.expect("LHLO")
			.send("250-lmtp.test", "250-PIPELINING", "250 ENHANCEDSTATUSCODES")
			.answerCommands())) {
			SmtpProbeResult result = probeSucceeding(settings(server, TIMEOUT).lmtp(true));
			assertThat(result.capabilities()).containsExactly("PIPELINING", "ENHANCEDSTATUSCODES");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).first().isEqualTo("LHLO " + HELO);
			assertThat(server.received()).noneMatch((line) -> line.startsWith("EHLO") || line.startsWith("HELO"));
		}
	}

	@Test
	void probeWhenLhloIsRejectedShouldNotFallBackToHelo() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.send("220 lmtp.test LMTP")
			.expect("LHLO")
			.send("500 5.5.1 Command unrecognized")
			.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT).lmtp(true));
			assertFailure(result, Phase.EHLO, FailureKind.REJECTED, 500,
					"LHLO rejected: 500 5.5.1 Command unrecognized");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("LHLO " + HELO);
		}
	}

	@Test
	void probeWhenAuthIsRejectedShouldFailInAuthWith535() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.offerAuth("PLAIN LOGIN")
			.expect("AUTH PLAIN ")
			.send("535 5.7.8 Authentication credentials invalid")
			.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probeInTime(
					settings(server, TIMEOUT).credentials(SmtpCredentials.ofPassword("alice", "wrong-password"))
						.allowPlaintextAuth(true));
			assertFailure(result, Phase.AUTH, FailureKind.REJECTED, 535,
					"AUTH rejected: 535 5.7.8 Authentication credentials invalid");
			assertThat(result.authMechanism()).isEqualTo("PLAIN");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).noneMatch((line) -> line.startsWith("MAIL"));
		}
	}

	@Test
	void probeWhenMailFromIsRejectedShouldFailInMailWithTheCode() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> ehloDone(script).expect("MAIL FROM:<>")
			.send("550 5.7.1 Null sender not accepted here")
			.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probeInTime(settings(server, TIMEOUT));
			assertFailure(result, Phase.MAIL, FailureKind.REJECTED, 550,
					"MAIL FROM rejected: 550 5.7.1 Null sender not accepted here");
		}
	}

	@Test
	void probeWhenMailFromIsAnsweredWithATransientErrorShouldFail() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> ehloDone(script).expect("MAIL")
			.send("451 4.3.0 Try again later")
			.silence(Duration.ofSeconds(5)))) {
			assertFailure(probe(settings(server, TIMEOUT)), Phase.MAIL, FailureKind.REJECTED, 451,
					"MAIL FROM rejected: 451 4.3.0 Try again later");
		}
	}

	@Test
	void probeWhenRecipientIsRejectedShouldFailInRcptWithTheCode() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> ehloDone(script).expect("MAIL")
			.send("250 OK")
			.expect("RCPT TO:<nobody@example.com>")
			.send("550 5.1.1 User unknown")
			.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT).rcptTo("nobody@example.com"));
			assertFailure(result, Phase.RCPT, FailureKind.REJECTED, 550, "RCPT TO rejected: 550 5.1.1 User unknown");
		}
	}

	@Test
	void probeWhenRsetIsRejectedShouldFailInRsetWithTheCode() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> ehloDone(script).expect("MAIL")
			.send("250 OK")
			.expect("RSET")
			.send("500 5.5.1 Command unrecognized")
			.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT));
			assertFailure(result, Phase.RSET, FailureKind.REJECTED, 500,
					"RSET rejected: 500 5.5.1 Command unrecognized");
		}
	}

	@Test
	void probeWhenQuitIsDroppedShouldSucceedAndRecordTheProblem() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> upToQuit(script).expect("QUIT").close())) {
			SmtpProbeResult result = probeSucceeding(settings(server, TIMEOUT));
			assertThat(result.quitProblem())
				.isEqualTo("connection closed by server while waiting for the reply to QUIT");
			assertThat(result.phases()).containsKey(Phase.QUIT);
		}
	}

	@Test
	void probeWhenQuitIsAnsweredWithoutA221ShouldSucceedAndRecordTheReply() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> upToQuit(script).expect("QUIT").send("250 whatever").close())) {
			SmtpProbeResult result = probeSucceeding(settings(server, TIMEOUT));
			assertThat(result.quitProblem()).isEqualTo("QUIT answered 250 whatever");
		}
	}

	@Test
	void probeWhenQuitIsNeverAnsweredShouldSucceedWithinTheDeadline() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> upToQuit(script).silence())) {
			SmtpProbeResult result = probeSucceeding(settings(server, SHORT_TIMEOUT));
			assertThat(result.quitProblem()).isEqualTo("no reply to QUIT before the deadline");
			assertWithinDeadline(result, SHORT_TIMEOUT);
		}
	}

	@Test
	void probeWhenQuitIsNeverAnsweredShouldNotWaitForItLongerThanTheQuitWait() {
		Duration timeout = Duration.ofSeconds(8);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> upToQuit(script).silence())) {
			SmtpProbeResult result = probeSucceeding(settings(server, timeout));
			assertThat(result.quitProblem()).isEqualTo("no reply to QUIT within 2 s");
			assertThat(result.phases().get(Phase.QUIT)).isLessThan(Duration.ofSeconds(3));
			assertThat(result.total()).isLessThan(timeout);
		}
	}

	@Test
	void probeWhenServerSendsAReplyNobodyAskedForShouldFailBeforeTheNextCommand() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 scripted.test ESMTP ready", "250 unsolicited").answerCommands())) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT));
			assertFailure(result, Phase.EHLO, FailureKind.PROTOCOL, null,
					"server sent data nobody asked for before EHLO"
							+ " (an extra reply, or an attempt to inject commands)");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).isEmpty();
		}
	}

	@Test
	void probeWhenMultiLineReplyChangesItsCodeShouldFailWithAProtocolError() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> greeting(script).expect("EHLO")
			.send("250-scripted.test", "250-PIPELINING", "251 SIZE 1000")
			.silence())) {
			SmtpProbeResult result = probeInTime(settings(server, TIMEOUT));
			assertFailure(result, Phase.EHLO, FailureKind.PROTOCOL, null,
					"invalid reply while waiting for the reply to EHLO: multi-line reply mixes codes 250 and 251");
		}
	}

	@Test
	void probeWhenLineNeverEndsShouldFailAfter4096Bytes() {
		byte[] endless = ("220 " + "x".repeat(256 * 1024)).getBytes(StandardCharsets.US_ASCII);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.sendRaw(endless).silence())) {
			SmtpProbeResult result = probeInTime(settings(server, TIMEOUT));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.phase()).isEqualTo(Phase.GREETING);
			assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
			assertThat(failure.replyCode()).isNull();
			assertThat(failure.reason())
				.startsWith("invalid reply while waiting for the greeting: reply line longer than 4096 bytes: '220 xxx")
				.hasSizeLessThanOrEqualTo(200);
		}
	}

	@Test
	void probeWhenReplyHas10000ContinuationLinesShouldFailAfter100() {
		String[] lines = new String[10_001];
		for (int i = 0; i < 10_000; i++) {
			lines[i] = "250-X-FILLER-" + i;
		}
		lines[10_000] = "250 OK";
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> greeting(script).expect("EHLO").send(lines).silence())) {
			SmtpProbeResult result = probeInTime(settings(server, TIMEOUT));
			assertFailure(result, Phase.EHLO, FailureKind.PROTOCOL, null,
					"invalid reply while waiting for the reply to EHLO: reply longer than 100 lines");
			assertThat(result.capabilities()).isEmpty();
		}
	}

	@Test
	void probeWhenGreetingDribblesOneBytePerSecondShouldTimeOutAtTheDeadline() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.dribble("220 slow.test ESMTP\r\n", Duration.ofSeconds(1)).answerCommands())) {
			SmtpProbeResult result = probeInTime(settings(server, DRIBBLE_TIMEOUT));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.phase()).isEqualTo(Phase.GREETING);
			assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
			assertThat(failure.isTimeout()).isTrue();
			assertThat(failure.replyCode()).isNull();
			assertThat(failure.reason()).startsWith("timed out after 2 s waiting for the greeting");
			assertThat(result.greeting()).isNull();
		}
	}

	@Test
	void probeWhenGreetingDribblesShouldNotSuggestSmtps() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.dribble("220 slow.test ESMTP\r\n", Duration.ofMillis(400)).answerCommands())) {
			SmtpProbeResult result = probe(settings(server, SHORT_TIMEOUT));
			assertFailure(result, Phase.GREETING, FailureKind.TIMEOUT, null,
					"timed out after 1 s waiting for the greeting");
		}
	}

	@Test
	void probeWhenServerAcceptsAndNeverSpeaksShouldTimeOutInGreeting() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			SmtpProbeResult result = probeInTime(settings(server, SHORT_TIMEOUT));
			assertFailure(result, Phase.GREETING, FailureKind.TIMEOUT, null,
					"timed out after 1 s waiting for the greeting (if the port expects TLS from the start, use smtps)");
			assertThat(result.remoteAddress()).isEqualTo("127.0.0.1:" + server.port());
		}
	}

	@Test
	void probeWhenServerStopsAnsweringMidDialogueShouldTimeOutInThatPhase() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> ehloDone(script).expect("MAIL").silence())) {
			SmtpProbeResult result = probeInTime(settings(server, SHORT_TIMEOUT));
			assertFailure(result, Phase.MAIL, FailureKind.TIMEOUT, null,
					"timed out after 1 s waiting for the reply to MAIL FROM");
		}
	}

	@Test
	void probeWhenConnectionIsRefusedShouldFailInConnect() throws IOException {
		int closedPort = closedPort();
		SmtpProbeResult result = probeInTime(
				SmtpProbeSettings.builder("127.0.0.1").port(closedPort).heloName(HELO).timeout(TIMEOUT));
		assertFailure(result, Phase.CONNECT, FailureKind.CONNECTION, null,
				"could not connect to 127.0.0.1:" + closedPort + ": connection refused");
		assertThat(result.remoteAddress()).isNull();
		assertThat(result.greeting()).isNull();
		assertThat(result.phases()).containsOnlyKeys(Phase.DNS, Phase.CONNECT);
	}

	@Test
	void probeWhenServerResetsMidReplyShouldFailWithAConnectionError() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> greeting(script).expect("EHLO")
			.sendRaw("250-scripted.test\r\n250-PIPEL".getBytes(StandardCharsets.US_ASCII))
			.reset())) {
			SmtpProbeResult result = probeInTime(settings(server, TIMEOUT));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.phase()).isEqualTo(Phase.EHLO);
			assertThat(failure.replyCode()).isNull();
			assertThat(failure.kind()).isIn(FailureKind.CONNECTION, FailureKind.PROTOCOL);
			assertThat(failure.reason()).matches("connection failed waiting for the reply to EHLO: .*reset.*"
					+ "|invalid reply while waiting for the reply to EHLO: "
					+ "connection closed in the middle of a reply.*");
		}
	}

	@Test
	void probeWhenServerClosesMidReplyShouldFailWithAProtocolError() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> greeting(script).expect("EHLO").send("250-scripted.test", "250-PIPELINING").close())) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT));
			assertFailure(result, Phase.EHLO, FailureKind.PROTOCOL, null,
					"invalid reply while waiting for the reply to EHLO: connection closed in the middle of a reply");
		}
	}

	@Test
	void probeWhenResolverNeverAnswersShouldFailInDnsAtTheDeadline() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch asked = new CountDownLatch(1);
		HostResolver stuck = (host) -> {
			asked.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new UnknownHostException(host);
		};
		try {
			SmtpProbeResult result = probeInTime(
					SmtpProbeSettings.builder("stuck.test").heloName(HELO).timeout(SHORT_TIMEOUT).resolver(stuck));
			assertFailure(result, Phase.DNS, FailureKind.TIMEOUT, null,
					"timed out after 1 s resolving 'stuck.test' (DNS did not answer)");
			assertThat(result.phases()).containsOnlyKeys(Phase.DNS);
			assertThat(result.remoteAddress()).isNull();
			assertThat(asked.await(0, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void probeWhenHostIsUnknownShouldFailInDns() {
		SmtpProbeResult result = probe(
				SmtpProbeSettings.builder("nowhere.test").heloName(HELO).timeout(TIMEOUT).resolver((host) -> {
					throw new UnknownHostException(host);
				}));
		assertFailure(result, Phase.DNS, FailureKind.CONNECTION, null,
				"could not resolve 'nowhere.test': unknown host");
	}

	@Test
	void probeWhenHostHasNoAddressOfTheWantedFamilyShouldFailInDns() {
		SmtpProbeResult result = probe(SmtpProbeSettings.builder("v4only.test")
			.heloName(HELO)
			.timeout(TIMEOUT)
			.ipFamily(IpFamily.IPV6)
			.resolver(resolvingTo("127.0.0.1")));
		assertFailure(result, Phase.DNS, FailureKind.CONNECTION, null, "'v4only.test' has no IPv6 address");
	}

	@Test
	void probeWhenFirstAddressRefusesShouldConnectToTheNext() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpProbeResult result = probeSucceeding(
					settings(server, TIMEOUT).host("two.test").resolver(resolvingTo("127.0.0.2", "127.0.0.1")));
			assertThat(result.remoteAddress()).isEqualTo("127.0.0.1:" + server.port());
			assertThat(server.connectionCount()).isOne();
		}
	}

	@Test
	void probeWhenEveryAddressRefusesShouldNameEachOne() throws IOException {
		int closedPort = closedPort();
		SmtpProbeResult result = probe(SmtpProbeSettings.builder("two.test")
			.port(closedPort)
			.heloName(HELO)
			.timeout(TIMEOUT)
			.resolver(resolvingTo("127.0.0.2", "127.0.0.1")));
		assertFailure(result, Phase.CONNECT, FailureKind.CONNECTION, null,
				"could not connect to any of 2 addresses: 127.0.0.2:" + closedPort + ": connection refused; 127.0.0.1:"
						+ closedPort + ": connection refused");
	}

	@Test
	void probeWhenServerIsOnIpv6LoopbackShouldBracketItsAddress() {
		assumeThat(ipv6LoopbackAvailable()).as("IPv6 loopback available").isTrue();
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().ipv6().script(SmtpScript::happyPath).start()) {
			SmtpProbeResult result = probeSucceeding(settings(server, TIMEOUT));
			assertThat(result.remoteAddress()).isEqualTo("[::1]:" + server.port());
		}
	}

	@Test
	void probeWhenHostIsAnAddressLiteralShouldNotAskTheResolver() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT).resolver((host) -> {
				throw new UnknownHostException("the resolver was asked for " + host);
			}));
			assertThat(result.isSuccess()).as("%s", result).isTrue();
		}
	}

	@Test
	void probeWhenRunTwiceShouldReturnIndependentResults() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script(SmtpScript::happyPath)
			.script((script) -> script.send("421 busy").close())
			.start()) {
			SmtpProbe probe = new SmtpProbe(settings(server, TIMEOUT).build());
			SmtpProbeResult first = probe.run();
			SmtpProbeResult second = probe.run();
			assertThat(first.isSuccess()).as("%s", first).isTrue();
			assertThat(failureOf(second).replyCode()).isEqualTo(421);
			assertThat(first.failure()).isNull();
			assertThat(server.connectionCount()).isEqualTo(2);
		}
	}

	@Test
	void probeWhenRunConcurrentlyShouldGiveEachRunItsOwnResult() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpProbe probe = new SmtpProbe(settings(server, TIMEOUT).build());
			ExecutorService executor = Executors.newFixedThreadPool(4);
			try {
				List<Future<SmtpProbeResult>> runs = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					runs.add(executor.submit(() -> probe.run()));
				}
				for (Future<SmtpProbeResult> run : runs) {
					SmtpProbeResult result = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
					assertThat(result.isSuccess()).as("%s", result).isTrue();
					assertThat(result.phases()).containsKeys(Phase.GREETING, Phase.QUIT);
				}
			}
			finally {
				executor.shutdown();
				assertThat(executor.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			}
			server.awaitCompleted(8, WAIT);
			assertThat(server.errors()).isEmpty();
			assertThat(server.received()).filteredOn("QUIT"::equals).hasSize(8);
		}
	}

	/**
	 * Greet and answer EHLO with no capabilities.
	 */
	private static SmtpScript ehloDone(SmtpScript script) {
		return greeting(script).expect("EHLO").send("250 scripted.test");
	}

	/**
	 * Greet, answer EHLO, MAIL and RSET: what comes next is the probe's QUIT.
	 */
	private static SmtpScript upToQuit(SmtpScript script) {
		return ehloDone(script).expect("MAIL").send("250 OK").expect("RSET").send("250 OK");
	}

	private static SmtpScript greeting(SmtpScript script) {
		return script.send("220 scripted.test ESMTP ready");
	}

	private static boolean ipv6LoopbackAvailable() {
		try (ServerSocket socket = new ServerSocket(0, 1, ProbeFixtures.address("::1"))) {
			return socket.getLocalPort() > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, ProbeFixtures.address("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
