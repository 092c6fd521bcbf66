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
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.smtphealth.probe.ProbeFixtures.HELO;
import static io.github.smtphealth.probe.ProbeFixtures.assertFailure;
import static io.github.smtphealth.probe.ProbeFixtures.probe;
import static io.github.smtphealth.probe.ProbeFixtures.probeSucceeding;
import static io.github.smtphealth.probe.ProbeFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SmtpAuthenticator}: choosing the mechanism, and each mechanism's
 * exchange on the wire against a {@link ScriptedSmtpServer} (plaintext AUTH allowed, so
 * the lines can be read back).
 */
class SmtpAuthenticatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String USER = "alice";

	private static final String PASSWORD = "tr0ub4dor&3";

	private static final String TOKEN = "ya29.a0AfH6SMBx-token";

	@Test
	void chooseWhenAutoShouldPreferCramMd5ThenPlainThenLogin() throws ProbeException {
		assertThat(SmtpAuthenticator.choose(AuthMechanism.AUTO, Set.of("LOGIN", "PLAIN", "CRAM-MD5")))
			.isEqualTo("CRAM-MD5");
		assertThat(SmtpAuthenticator.choose(AuthMechanism.AUTO, Set.of("LOGIN", "PLAIN"))).isEqualTo("PLAIN");
		assertThat(SmtpAuthenticator.choose(AuthMechanism.AUTO, Set.of("LOGIN", "XOAUTH2"))).isEqualTo("LOGIN");
	}

	@Test
	void chooseWhenAutoShouldNeverPickXoauth2() {
		assertThatExceptionOfType(ProbeException.class)
			.isThrownBy(() -> SmtpAuthenticator.choose(AuthMechanism.AUTO, Set.of("XOAUTH2", "GSSAPI")))
			.withMessage("no AUTH mechanism in common (server offers GSSAPI XOAUTH2; "
					+ "supported: CRAM-MD5 PLAIN LOGIN, and XOAUTH2 when configured)")
			.satisfies((ex) -> assertThat(ex.phase()).isEqualTo(Phase.AUTH));
	}

	@Test
	void chooseWhenExplicitShouldUseItIfOffered() throws ProbeException {
		assertThat(SmtpAuthenticator.choose(AuthMechanism.LOGIN, Set.of("LOGIN", "PLAIN", "CRAM-MD5")))
			.isEqualTo("LOGIN");
		assertThat(SmtpAuthenticator.choose(AuthMechanism.XOAUTH2, Set.of("PLAIN", "XOAUTH2"))).isEqualTo("XOAUTH2");
	}

	@Test
	void chooseWhenExplicitIsNotOfferedShouldSayWhatIs() {
		assertThatExceptionOfType(ProbeException.class)
			.isThrownBy(() -> SmtpAuthenticator.choose(AuthMechanism.CRAM_MD5, Set.of("PLAIN", "LOGIN")))
			.withMessage("AUTH CRAM-MD5 not offered by server (it offers LOGIN PLAIN)")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(FailureKind.REJECTED));
	}

	@Test
	void chooseWhenNothingIsOfferedShouldSayAuthIsNotAdvertised() {
		assertThatExceptionOfType(ProbeException.class)
			.isThrownBy(() -> SmtpAuthenticator.choose(AuthMechanism.AUTO, Set.of()))
			.withMessage("AUTH not advertised by server");
	}

	@Test
	void authWhenServerDoesNotAdvertiseAuthShouldFailWithoutSendingIt() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> greeting(script).expect("EHLO")
			.send("250-scripted.test", "250 SIZE 1000")
			.answerCommands())) {
			SmtpProbeResult result = probe(withPassword(server, AuthMechanism.AUTO));
			assertFailure(result, Phase.AUTH, FailureKind.REJECTED, null, "AUTH not advertised by server");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("EHLO " + HELO);
		}
	}

	/**
	 * {@code (case, mechanisms offered, the server's side, mechanism asked for, mechanism used, what
	 * the server must have read in order)} for exchanges that succeed.
	 */
	static Stream<Arguments> acceptedExchanges() {
		return Stream.of(
				Arguments.of("PLAIN, picked by AUTO, sends the initial response", "PLAIN LOGIN",
						(Consumer<SmtpScript>) SmtpScript::acceptAuthPlain, AuthMechanism.AUTO, "PLAIN",
						List.of("EHLO " + HELO, "AUTH PLAIN " + base64("\u0000" + USER + "\u0000" + PASSWORD),
								"MAIL FROM:<>")),
				Arguments.of("LOGIN answers user name, then password", "LOGIN PLAIN",
						(Consumer<SmtpScript>) SmtpScript::acceptAuthLogin, AuthMechanism.LOGIN, "LOGIN",
						List.of("AUTH LOGIN", base64(USER), base64(PASSWORD), "MAIL FROM:<>")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("acceptedExchanges")
	void authShouldAnswerTheServerAsTheMechanismSays(String description, String offered, Consumer<SmtpScript> exchange,
			AuthMechanism mechanism, String used, List<String> read) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> {
			exchange.accept(offering(script, offered));
			script.answerCommands();
		})) {
			SmtpProbeResult result = probeSucceeding(withPassword(server, mechanism));
			assertThat(result.authMechanism()).isEqualTo(used);
			assertThat(result.phases()).containsKey(Phase.AUTH);
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsSubsequence(read);
		}
	}

	@Test
	void authCramMd5ShouldAnswerTheChallengeWithItsHmac() throws GeneralSecurityException {
		String challenge = "<1896.697170952@postoffice.example.net>";
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> offering(script, "LOGIN PLAIN CRAM-MD5").expect("AUTH CRAM-MD5")
				.send("334 " + base64(challenge))
				.readLine()
				.send("235 2.7.0 Authentication successful")
				.answerCommands())) {
			SmtpProbeResult result = probeSucceeding(withPassword(server, AuthMechanism.AUTO));
			assertThat(result.authMechanism()).isEqualTo("CRAM-MD5");
			server.awaitCompleted(1, WAIT);
			String expected = base64(USER + " " + hmacMd5(PASSWORD, challenge));
			assertThat(server.received()).containsSubsequence("AUTH CRAM-MD5", expected, "MAIL FROM:<>");
			assertThat(server.received()).noneMatch((line) -> line.contains(base64(PASSWORD)));
		}
	}

	@Test
	void authXoauth2ShouldSendUserAndBearerToken() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> offering(script, "LOGIN PLAIN XOAUTH2").expect("AUTH XOAUTH2 ")
				.send("235 2.7.0 Accepted")
				.answerCommands())) {
			SmtpProbeResult result = probeSucceeding(withToken(server));
			assertThat(result.authMechanism()).isEqualTo("XOAUTH2");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received())
				.contains("AUTH XOAUTH2 " + base64("user=" + USER + "\u0001auth=Bearer " + TOKEN + "\u0001\u0001"));
		}
	}

	@Test
	void authXoauth2WhenServerSendsAnErrorChallengeShouldEndTheExchangeAndReportTheFinalReply() {
		String error = "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}";
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> offering(script, "XOAUTH2").expect("AUTH XOAUTH2 ")
				.send("334 " + base64(error))
				.expect("")
				.send("535 5.7.8 Username and Password not accepted")
				.silence(Duration.ofSeconds(5)))) {
			SmtpProbeResult result = probe(withToken(server));
			assertFailure(result, Phase.AUTH, FailureKind.REJECTED, 535,
					"AUTH rejected: 535 5.7.8 Username and Password not accepted");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).endsWith("");
			assertThat(server.errors()).isEmpty();
		}
	}

	/**
	 * {@code (case, mechanism, what the server does after offering it, kind, code, reason)}
	 * for AUTH exchanges that go wrong on the server's side.
	 */
	static Stream<Arguments> brokenExchanges() {
		Consumer<SmtpScript> endlessChallenges = (script) -> {
			offering(script, "LOGIN").expect("AUTH LOGIN");
			for (int i = 0; i < 6; i++) {
				script.send("334 VXNlcm5hbWU6").readLine();
			}
		};
		Consumer<SmtpScript> notBase64 = (script) -> offering(script, "LOGIN").expect("AUTH LOGIN").send("334 ====");
		Consumer<SmtpScript> not235 = (script) -> offering(script, "PLAIN").expect("AUTH PLAIN ")
			.send("250 2.0.0 OK but not really");
		return Stream.of(
				Arguments.of("server never stops challenging: give up after five rounds", AuthMechanism.LOGIN,
						endlessChallenges, FailureKind.PROTOCOL, 334, "AUTH LOGIN did not finish after 5 challenges"),
				Arguments.of("challenge is not base64", AuthMechanism.LOGIN, notBase64, FailureKind.PROTOCOL, 334,
						"AUTH LOGIN challenge is not base64"),
				Arguments.of("server answers something other than 235", AuthMechanism.PLAIN, not235,
						FailureKind.REJECTED, 250, "AUTH rejected: 250 2.0.0 OK but not really"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenExchanges")
	void authWhenTheServerBreaksTheExchangeShouldFailInAuth(String description, AuthMechanism mechanism,
			Consumer<SmtpScript> exchange, FailureKind kind, int replyCode, String reason) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start(exchange.andThen((script) -> script.silence(Duration.ofSeconds(5))))) {
			assertFailure(probe(withPassword(server, mechanism)), Phase.AUTH, kind, replyCode, reason);
		}
	}

	@Test
	void authWhenExplicitMechanismIsNotOfferedShouldFailWithoutSendingAuth() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> offering(script, "PLAIN LOGIN").answerCommands("AUTH PLAIN LOGIN"))) {
			SmtpProbeResult result = probe(withPassword(server, AuthMechanism.CRAM_MD5));
			assertFailure(result, Phase.AUTH, FailureKind.REJECTED, null,
					"AUTH CRAM-MD5 not offered by server (it offers LOGIN PLAIN)");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).noneMatch((line) -> line.startsWith("AUTH"));
		}
	}

	private static SmtpProbeSettings.Builder withPassword(ScriptedSmtpServer server, AuthMechanism mechanism) {
		return settings(server, TIMEOUT).credentials(SmtpCredentials.ofPassword(USER, PASSWORD))
			.authMechanism(mechanism)
			.allowPlaintextAuth(true);
	}

	private static SmtpProbeSettings.Builder withToken(ScriptedSmtpServer server) {
		return settings(server, TIMEOUT).credentials(SmtpCredentials.ofToken(USER, TOKEN))
			.authMechanism(AuthMechanism.XOAUTH2)
			.allowPlaintextAuth(true);
	}

	private static SmtpScript offering(SmtpScript script, String mechanisms) {
		return greeting(script).expect("EHLO").send("250-scripted.test", "250 AUTH " + mechanisms);
	}

	private static SmtpScript greeting(SmtpScript script) {
		return script.send("220 scripted.test ESMTP ready");
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String hmacMd5(String key, String text) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacMD5");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
		return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

}
