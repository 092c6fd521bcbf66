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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.smtphealth.probe.ProbeFixtures.failureOf;
import static io.github.smtphealth.probe.ProbeFixtures.probe;
import static io.github.smtphealth.probe.ProbeFixtures.probeSucceeding;
import static io.github.smtphealth.probe.ProbeFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the password and the token never leave the probe: not in the settings' or
 * result's {@code toString()}, not in a failure reason or QUIT problem, not in a log
 * line, even when a hostile server echoes what it received.
 */
class SecretRedactionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String USER = "alice";

	private static final String PASSWORD = "correct-horse-battery-staple";

	private static final String TOKEN = "ya29.bearer-token-never-shown";

	private static final String PLAIN_PAYLOAD = base64("\u0000" + USER + "\u0000" + PASSWORD);

	@Test
	void settingsToStringShouldHideThePasswordAndTheToken() {
		SmtpProbeSettings withPassword = SmtpProbeSettings.builder("mail.test")
			.credentials(SmtpCredentials.ofPassword(USER, PASSWORD))
			.build();
		SmtpProbeSettings withToken = SmtpProbeSettings.builder("mail.test")
			.credentials(SmtpCredentials.ofToken(USER, TOKEN))
			.authMechanism(AuthMechanism.XOAUTH2)
			.build();
		assertThat(withPassword.toString()).contains("username=alice").contains("password=******");
		assertFreeOfSecrets(withPassword.toString());
		assertFreeOfSecrets(withPassword.credentials().toString());
		assertThat(withToken.toString()).contains("token=******");
		assertFreeOfSecrets(withToken.toString());
	}

	/**
	 * {@code (case, server)} for successful authentications after which nothing may hold
	 * a secret.
	 */
	static Stream<Arguments> successfulAuthentications() {
		Consumer<SmtpScript> plain = (script) -> offeringAuth(script).acceptAuthPlain().answerCommands();
		Consumer<SmtpScript> echoingCapability = (script) -> script.send("220 scripted.test ESMTP")
			.expect("EHLO")
			.send("250-scripted.test", "250-X-LAST-PASSWORD " + PASSWORD, "250 AUTH PLAIN")
			.acceptAuthPlain()
			.answerCommands();
		return Stream.of(Arguments.of("after authentication, in the result", plain),
				Arguments.of("in a capability that echoes the password", echoingCapability));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("successfulAuthentications")
	void resultToStringShouldHoldNoSecret(String description, Consumer<SmtpScript> dialogue) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(dialogue)) {
			assertFreeOfSecrets(probeSucceeding(withPassword(server)).toString());
		}
	}

	@Test
	void failureWhenServerEchoesThePlainPayloadShouldMaskIt() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> offeringAuth(script).expect("AUTH PLAIN ")
			.send("535 5.7.8 You sent " + PLAIN_PAYLOAD + ", that is " + PASSWORD + " or " + base64(PASSWORD))
			.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(withPassword(server));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.replyCode()).isEqualTo(535);
			assertThat(failure.reason())
				.startsWith("AUTH rejected: 535 5.7.8 You sent ******, that is ****** or ******");
			assertFreeOfSecrets(failure.reason());
			assertFreeOfSecrets(result.toString());
		}
	}

	@Test
	void failureWhenServerEchoesTheLoginAnswersShouldMaskThem() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> offeringAuth(script).expect("AUTH LOGIN")
			.send("334 VXNlcm5hbWU6")
			.readLine()
			.send("334 UGFzc3dvcmQ6")
			.readLine()
			.send("535 5.7.8 Password " + base64(PASSWORD) + " (" + PASSWORD + ") is wrong")
			.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(withPassword(server).authMechanism(AuthMechanism.LOGIN));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.reason()).isEqualTo("AUTH rejected: 535 5.7.8 Password ****** (******) is wrong");
			assertFreeOfSecrets(result.toString());
		}
	}

	@Test
	void failureWhenServerEchoesTheTokenShouldMaskIt() {
		String payload = base64("user=" + USER + "\u0001auth=Bearer " + TOKEN + "\u0001\u0001");
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> offeringAuth(script).expect("AUTH XOAUTH2 ")
				.send("334 " + base64("{\"status\":\"401\",\"echo\":\"" + TOKEN + "\"}"))
				.expect("")
				.send("535 5.7.8 Token " + TOKEN + " from " + payload + " rejected")
				.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT).credentials(SmtpCredentials.ofToken(USER, TOKEN))
				.authMechanism(AuthMechanism.XOAUTH2)
				.allowPlaintextAuth(true));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.reason()).isEqualTo("AUTH rejected: 535 5.7.8 Token ****** from ****** rejected");
			assertThat(result.toString()).doesNotContain(TOKEN).doesNotContain(payload).doesNotContain(base64(TOKEN));
		}
	}

	@Test
	void quitProblemWhenServerEchoesThePasswordShouldMaskIt() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> offeringAuth(script).acceptAuthPlain()
			.expect("MAIL")
			.send("250 OK")
			.expect("RSET")
			.send("250 OK")
			.expect("QUIT")
			.send("500 Bye " + PASSWORD)
			.close())) {
			SmtpProbeResult result = probeSucceeding(withPassword(server));
			assertThat(result.quitProblem()).isEqualTo("QUIT answered 500 Bye ******");
			assertFreeOfSecrets(result.toString());
		}
	}

	@Test
	void greetingAndFailureShouldMaskThePasswordEvenBeforeAuth() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("554 I know " + PASSWORD).silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(withPassword(server));
			assertThat(result.greeting()).isEqualTo("554 I know ******");
			assertThat(failureOf(result).reason()).isEqualTo("server refused the session: 554 I know ******");
		}
	}

	@Test
	void failureWhenServerEchoesANonAsciiPasswordShouldMaskIt() {
		String password = "Grüße-aus-dem-Passwort-42";
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> offeringAuth(script).expect("AUTH PLAIN ")
			.send("535 5.7.8 Wrong password " + password)
			.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(
					settings(server, TIMEOUT).credentials(SmtpCredentials.ofPassword(USER, password))
						.allowPlaintextAuth(true));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.replyCode()).isEqualTo(535);
			assertThat(failure.reason()).doesNotContain("-aus-dem-Passwort-42");
		}
	}

	@Test
	void failureWhenMalformedReplyEchoesThePasswordShouldNotKeepAnyOfIt() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> offeringAuth(script).expect("AUTH PLAIN ")
			.send("x".repeat(30) + " " + PASSWORD)
			.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(withPassword(server));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.phase()).isEqualTo(Phase.AUTH);
			assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
			assertFreeOfSecrets(failure.reason());
		}
	}

	@Test
	void logWhenServerEchoesThePasswordShouldNotContainIt() {
		List<String> logged;
		try (CapturedLog log = CapturedLog.of(SmtpConnection.class);
				ScriptedSmtpServer server = ScriptedSmtpServer
					.start((script) -> offeringAuth(script).expect("AUTH PLAIN ")
						.send("535 5.7.8 Wrong password " + PASSWORD)
						.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(withPassword(server));
			assertThat(failureOf(result).replyCode()).isEqualTo(535);
			logged = log.lines();
		}
		assertThat(logged).as("the probe's debug log").anyMatch((line) -> line.contains("220 scripted.test"));
		assertThat(logged).contains("C: <secret>");
		logged.forEach(SecretRedactionTests::assertFreeOfSecrets);
	}

	@Test
	void logShouldNeverShowTheAuthLinesThemselves() {
		List<String> logged;
		try (CapturedLog log = CapturedLog.of(SmtpConnection.class);
				ScriptedSmtpServer server = ScriptedSmtpServer
					.start((script) -> offeringAuth(script).acceptAuthLogin().answerCommands())) {
			SmtpProbeResult result = probeSucceeding(withPassword(server).authMechanism(AuthMechanism.LOGIN));
			logged = log.lines();
		}
		assertThat(logged).as("the probe's debug log").contains("C: MAIL FROM:<>");
		assertThat(logged).contains("C: <secret>");
		logged.forEach(SecretRedactionTests::assertFreeOfSecrets);
	}

	private static SmtpProbeSettings.Builder withPassword(ScriptedSmtpServer server) {
		return settings(server, TIMEOUT).credentials(SmtpCredentials.ofPassword(USER, PASSWORD))
			.allowPlaintextAuth(true);
	}

	private static SmtpScript offeringAuth(SmtpScript script) {
		return script.send("220 scripted.test ESMTP ready")
			.expect("EHLO")
			.send("250-scripted.test", "250 AUTH PLAIN LOGIN XOAUTH2");
	}

	/**
	 * Assert that no part of the password of eight characters or more appears, nor the
	 * base64 forms that were sent.
	 */
	private static void assertFreeOfSecrets(String text) {
		assertThat(text).doesNotContain(PASSWORD).doesNotContain(base64(PASSWORD)).doesNotContain(PLAIN_PAYLOAD);
		for (int i = 0; i + 8 <= PASSWORD.length(); i++) {
			assertThat(text).as("text with a piece of the password").doesNotContain(PASSWORD.substring(i, i + 8));
		}
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Collects what a class logs through {@link System.Logger}, which the JDK backs with
	 * {@code java.util.logging} unless another logging backend is installed.
	 */
	private static final class CapturedLog extends Handler implements AutoCloseable {

		private final Logger logger;

		private final Level previousLevel;

		private final List<String> lines = new ArrayList<>();

		private CapturedLog(Logger logger) {
			this.logger = logger;
			this.previousLevel = logger.getLevel();
			setLevel(Level.ALL);
			logger.setLevel(Level.ALL);
			logger.addHandler(this);
		}

		static CapturedLog of(Class<?> source) {
			return new CapturedLog(Logger.getLogger(source.getName()));
		}

		List<String> lines() {
			synchronized (this.lines) {
				return List.copyOf(this.lines);
			}
		}

		@Override
		public void publish(LogRecord record) {
			synchronized (this.lines) {
				this.lines.add(new SimpleFormatter().formatMessage(record));
			}
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
			this.logger.removeHandler(this);
			this.logger.setLevel(this.previousLevel);
		}

	}

}
