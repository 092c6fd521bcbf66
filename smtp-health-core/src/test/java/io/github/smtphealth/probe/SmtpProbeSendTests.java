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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

import static io.github.smtphealth.probe.ProbeFixtures.HELO;
import static io.github.smtphealth.probe.ProbeFixtures.assertFailure;
import static io.github.smtphealth.probe.ProbeFixtures.assertWithinDeadline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmtpProbe#send(SmtpMessage)}: the message as SubEthaSMTP (in this JVM)
 * receives it after STARTTLS and AUTH, and the DATA failures a scripted server produces,
 * each with the probe's guarantees (strict replies, one deadline, no plaintext AUTH,
 * masking).
 */
class SmtpProbeSendTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String TOKEN = "0f8e7d6c-5b4a-4321-8765-0123456789ab";

	@Test
	void sendWithStartTlsAndAuthShouldDeliverMessageWithTokenAndUnstuffedBody() {
		List<String> received = new CopyOnWriteArrayList<>();
		SmtpProbeInProcessServerTests.withSubEthaSmtp((server) -> {
			SmtpProbeInProcessServerTests.requireTlsAndAuth(server);
			server.messageHandlerFactory((context) -> recording(received, null));
		}, (port) -> {
			SmtpMessage message = message("line one\n.starts with a dot\n..two dots\n.\nlast line");
			SmtpProbeResult result = new SmtpProbe(SmtpProbeInProcessServerTests.startTls(port)
				.credentials(SmtpCredentials.ofPassword(SmtpProbeInProcessServerTests.USER,
						SmtpProbeInProcessServerTests.PASSWORD))
				.mailFrom("probe@example.com")
				.build()).send(message);
			assertThat(result.isSuccess()).as("%s", result).isTrue();
			assertThat(result.phases()).containsKeys(Phase.TLS, Phase.AUTH, Phase.MAIL, Phase.RCPT, Phase.DATA,
					Phase.QUIT);
			assertThat(result.phases()).doesNotContainKey(Phase.RSET);
			assertThat(received).hasSize(2);
			assertThat(received.get(0)).isEqualTo("probe@example.com -> probes@example.com");
			String content = received.get(1);
			assertThat(content).contains("\r\nSubject: smtp-health probe " + TOKEN + "\r\n")
				.contains("\r\nX-Smtp-Health-Probe: " + TOKEN + "\r\n")
				.contains("\r\nFrom: <probe@example.com>\r\n")
				.contains("\r\nTo: <probes@example.com>\r\n")
				.containsPattern("\r\nMessage-ID: <[0-9a-f-]{36}@" + HELO + ">\r\n")
				.contains("\r\nDate: ")
				.endsWith("\r\n\r\nline one\r\n.starts with a dot\r\n..two dots\r\n.\r\nlast line\r\n");
		});
	}

	@Test
	void sendWhenServerRejectsMessageShouldFailInDataWithItsReply() {
		SmtpProbeInProcessServerTests.withSubEthaSmtp(
				(server) -> server.messageHandlerFactory(
						(context) -> recording(new CopyOnWriteArrayList<>(), "5.7.1 Message looks like spam")),
				(port) -> {
					SmtpProbeResult result = new SmtpProbe(SmtpProbeInProcessServerTests.settings(port).build())
						.send(message("hello"));
					assertFailure(result, Phase.DATA, FailureKind.REJECTED, 554,
							"message rejected: 554 5.7.1 Message looks like spam");
				});
	}

	@Test
	void sendWhenDataIsAnsweredWith250ShouldFailInDataWithoutSendingContent() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script((script) -> upToData(script).send("250 OK").expect("QUIT").send("221 Bye").close())
			.start()) {
			SmtpProbeResult result = new SmtpProbe(ProbeFixtures.settings(server, TIMEOUT).build())
				.send(message("hello"));
			assertFailure(result, Phase.DATA, FailureKind.REJECTED, 250, "DATA rejected: 250 OK");
			assertThat(server.received()).noneMatch((line) -> line.contains(TOKEN));
		}
	}

	@Test
	void sendWhenServerNeverAnswersTheFinalDotShouldTimeOutInDataWithinDeadline() {
		Duration timeout = Duration.ofSeconds(2);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script((script) -> upToData(script).send("354 go ahead").silence(Duration.ofSeconds(10)))
			.start()) {
			SmtpProbeResult result = new SmtpProbe(ProbeFixtures.settings(server, timeout).build())
				.send(message("hello"));
			assertFailure(result, Phase.DATA, FailureKind.TIMEOUT, null,
					"timed out after 2 s waiting for the reply to the end of the message");
			assertWithinDeadline(result, timeout);
		}
	}

	@Test
	void sendWithCredentialsOverPlaintextShouldRefuseAuthAndSendNoMessage() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script((script) -> offeringAuth(script).silence(Duration.ofSeconds(10)))
			.start()) {
			ProbeFailure failure = ProbeFixtures.failureOf(sendWithPassword(server, false));
			assertThat(failure.phase()).isEqualTo(Phase.AUTH);
			assertThat(failure.kind()).isEqualTo(FailureKind.POLICY);
			assertThat(server.received()).noneMatch((line) -> line.startsWith("AUTH") || line.startsWith("DATA"));
		}
	}

	@Test
	void sendShouldMaskThePasswordWhenTheServerEchoesIt() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script((script) -> offeringAuth(script).expect("AUTH")
				.send("235 ok")
				.expect("MAIL")
				.send("250 OK")
				.expect("RCPT")
				.send("250 OK")
				.expect("DATA")
				.send("554 no thanks, " + SmtpProbeInProcessServerTests.PASSWORD)
				.close())
			.start()) {
			ProbeFailure failure = ProbeFixtures.failureOf(sendWithPassword(server, true));
			assertThat(failure.phase()).isEqualTo(Phase.DATA);
			assertThat(failure.reason()).doesNotContain(SmtpProbeInProcessServerTests.PASSWORD)
				.contains(SecretRedactor.MASK);
		}
	}

	private static SmtpProbeResult sendWithPassword(ScriptedSmtpServer server, boolean allowPlaintextAuth) {
		return new SmtpProbe(ProbeFixtures.settings(server, TIMEOUT)
			.credentials(SmtpCredentials.ofPassword(SmtpProbeInProcessServerTests.USER,
					SmtpProbeInProcessServerTests.PASSWORD))
			.allowPlaintextAuth(allowPlaintextAuth)
			.build()).send(message("hello"));
	}

	private static SmtpScript offeringAuth(SmtpScript script) {
		return script.send("220 scripted.test ESMTP").expect("EHLO").send("250-scripted.test", "250 AUTH PLAIN");
	}

	/**
	 * Greeting, EHLO, MAIL and RCPT answered; DATA read but not answered.
	 */
	private static SmtpScript upToData(SmtpScript script) {
		return script.greetAndAnswerMail("220 scripted.test ESMTP", "250 scripted.test", "250 OK")
			.expect("RCPT")
			.send("250 OK")
			.expect("DATA");
	}

	private static SmtpMessage message(String body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Smtp-Health-Probe", TOKEN);
		return new SmtpMessage("probes@example.com", "smtp-health probe " + TOKEN, headers, body);
	}

	/**
	 * Record "from -> to" and the content (SubEthaSMTP removes the dot-stuffing); reject
	 * the content with 554 and the given text if there is one.
	 */
	private static MessageHandler recording(List<String> received, String rejection) {
		return new MessageHandler() {

			private String from;

			@Override
			public void from(String from) {
				this.from = from;
			}

			@Override
			public void recipient(String recipient) {
				received.add(this.from + " -> " + recipient);
			}

			@Override
			public String data(InputStream data) throws RejectException {
				try {
					received.add(new String(data.readAllBytes(), StandardCharsets.US_ASCII));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				if (rejection != null) {
					throw new RejectException(554, rejection);
				}
				return null;
			}

			@Override
			public void done() {
			}

		};
	}

}
