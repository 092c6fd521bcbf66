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

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import io.github.smtphealth.testsupport.SmtpScript;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;

import static io.github.smtphealth.reliability.Scripts.acceptPlain;
import static io.github.smtphealth.reliability.Scripts.ehlo;
import static io.github.smtphealth.reliability.Scripts.greet;
import static io.github.smtphealth.reliability.Scripts.mailRsetQuit;
import static io.github.smtphealth.reliability.Scripts.of;
import static io.github.smtphealth.reliability.Scripts.startTls;

/**
 * Every failure that involves the {@link Canary} credentials, mostly over STARTTLS so
 * that nothing secret is ever meant to cross the wire without TLS.
 */
final class CanaryScenarios {

	private static final TestCertificate CERTIFICATE = TestCertificates.selfSigned("127.0.0.1", "localhost");

	private static final TestCertificate EXPIRED = TestCertificates.expired("127.0.0.1");

	private static final String INVALID = "535 5.7.8 Authentication credentials invalid";

	private static final String XOAUTH2_ERROR = "{\"status\":\"401\",\"schemes\":\"bearer\","
			+ "\"scope\":\"https://mail.google.com/\"}";

	private CanaryScenarios() {
	}

	static List<Scenario> all() {
		return Stream.of(rejected(), echoed(), beforeAuth(), interrupted()).flatMap(List::stream).toList();
	}

	private static List<Scenario> rejected() {
		return List.of(
				Scenario.named("wrong password, AUTH PLAIN")
					.server(overTls(ehlo("AUTH PLAIN"), (script) -> script.expect("AUTH PLAIN ").send(INVALID)))
					.with(password(AuthMechanism.AUTO))
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8"),
				Scenario.named("wrong password, AUTH LOGIN")
					.server(overTls(ehlo("AUTH LOGIN"),
							(script) -> script.expect("AUTH LOGIN")
								.send("334 VXNlcm5hbWU6")
								.readLine()
								.send("334 UGFzc3dvcmQ6")
								.readLine()
								.send(INVALID)))
					.with(password(AuthMechanism.AUTO))
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8"),
				Scenario.named("wrong password, AUTH CRAM-MD5")
					.server(overTls(ehlo("AUTH CRAM-MD5 PLAIN"),
							(script) -> script.expect("AUTH CRAM-MD5")
								.send("334 " + Scripts.base64(Canary.CRAM_MD5_CHALLENGE))
								.readLine()
								.send(INVALID)))
					.with(password(AuthMechanism.AUTO))
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8"),
				Scenario.named("XOAUTH2 error challenge, then 535")
					.server(overTls(ehlo("AUTH XOAUTH2"),
							(script) -> script.expect("AUTH XOAUTH2 ")
								.send("334 " + Scripts.base64(XOAUTH2_ERROR))
								.readLine()
								.send("535 5.7.8 Username and Password not accepted")))
					.with(token())
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8 Username and Password not accepted"),
				Scenario.named("AUTH PLAIN configured, server offers only LOGIN")
					.server(overTls(ehlo("AUTH LOGIN")))
					.with(password(AuthMechanism.PLAIN))
					.down(Phase.AUTH, "AUTH PLAIN not offered by server (it offers LOGIN)"));
	}

	private static List<Scenario> echoed() {
		return List.of(
				Scenario.named("server echoes the PLAIN payload and the password in 535")
					.server(overTls(ehlo("AUTH PLAIN"),
							(script) -> script.expect("AUTH PLAIN ")
								.send("535 5.7.8 Bad credentials " + Canary.PLAIN_RESPONSE + " = " + Canary.PASSWORD)))
					.with(password(AuthMechanism.PLAIN))
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8 Bad credentials ****** = ******"),
				Scenario.named("server echoes LOGIN answers in its challenges")
					.server(overTls(ehlo("AUTH LOGIN"),
							(script) -> script.expect("AUTH LOGIN")
								.send("334 VXNlcm5hbWU6")
								.readLine()
								.send("334 UGFzc3dvcmQ6")
								.readLine()
								.send("334 " + Scripts.base64(Canary.PASSWORD))
								.readLine()
								.send("535 5.7.8 Wrong password " + Canary.PASSWORD)))
					.with(password(AuthMechanism.LOGIN))
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8 Wrong password ******"),
				Scenario.named("server echoes the token and the XOAUTH2 payload in 535")
					.server(overTls(ehlo("AUTH XOAUTH2"),
							(script) -> script.expect("AUTH XOAUTH2 ")
								.send("535 5.7.8 Invalid token " + Canary.TOKEN + " in " + Canary.XOAUTH2_RESPONSE)))
					.with(token())
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8 Invalid token ****** in ******"),
				Scenario.named("server echoes the password as a 334 challenge after PLAIN")
					.server(overTls(ehlo("AUTH PLAIN"),
							(script) -> script.expect("AUTH PLAIN ")
								.send("334 " + Scripts.base64(Canary.PASSWORD))
								.readLine()
								.send("535 5.7.8 no")))
					.with(password(AuthMechanism.PLAIN))
					.down(Phase.AUTH, "PLAIN"),
				Scenario.named("server echoes the password as unpadded base64 and as hex in 535")
					.server(overTls(ehlo("AUTH PLAIN"),
							(script) -> script.expect("AUTH PLAIN ")
								.send("535 5.7.8 Bad password " + Canary.unpadded(Canary.PASSWORD) + " hex "
										+ Canary.hex(Canary.PASSWORD))))
					.with(password(AuthMechanism.PLAIN))
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8 Bad password ****** hex ******"),
				Scenario.named("server re-encodes the password in a form nobody sent in 535")
					.server(overTls(ehlo("AUTH PLAIN"),
							(script) -> script.expect("AUTH PLAIN ")
								.send("535 5.7.8 Bad password " + Scripts.base64("p=" + Canary.PASSWORD))))
					.with(password(AuthMechanism.PLAIN))
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8 [reply text withheld"),
				Scenario.named("server echoes the CRAM-MD5 digest in 535")
					.server(overTls(ehlo("AUTH CRAM-MD5"),
							(script) -> script.expect("AUTH CRAM-MD5")
								.send("334 " + Scripts.base64(Canary.CRAM_MD5_CHALLENGE))
								.readLine()
								.send("535 5.7.8 digest " + Canary.CRAM_MD5_DIGEST + " is wrong")))
					.with(password(AuthMechanism.CRAM_MD5))
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8 digest ****** is wrong"),
				Scenario.named("MAIL rejected after AUTH, echoing the password")
					.server(overTls(ehlo("AUTH PLAIN"), acceptPlain(),
							(script) -> script.expect("MAIL")
								.send("550 5.7.1 Sender " + Canary.USERNAME + ":" + Canary.PASSWORD + " not allowed")))
					.with(password(AuthMechanism.AUTO))
					.down(Phase.MAIL, "MAIL FROM rejected: 550 5.7.1 Sender canary-user:****** not allowed"),
				Scenario.named("server replays a password learned earlier in greeting, EHLO and QUIT")
					.server(of((script) -> script.send("220 " + Scripts.DOMAIN + " last password " + Canary.PASSWORD),
							ehlo("STARTTLS"), startTls(CERTIFICATE.serverSslContext()), ehlo("AUTH PLAIN",
									"X-LAST-PASSWORD " + Canary.PASSWORD, "X-LAST-PAYLOAD " + Canary.PLAIN_RESPONSE),
							acceptPlain(),
							(script) -> script.expect("MAIL")
								.send("250 OK")
								.expect("RSET")
								.send("250 OK")
								.expect("QUIT")
								.send("250 Bye " + Canary.PASSWORD)
								.close()))
					.with(password(AuthMechanism.AUTO))
					.up("QUIT answered 250 Bye ******"));
	}

	private static List<Scenario> beforeAuth() {
		TestCertificate stranger = TestCertificates.selfSigned("127.0.0.1", "localhost");
		return List.of(
				Scenario.named("plaintext AUTH refused by the probe")
					.server(of(greet(), ehlo("AUTH PLAIN LOGIN"), mailRsetQuit()))
					.with((settings) -> settings
						.credentials(SmtpCredentials.ofPassword(Canary.USERNAME, Canary.PASSWORD)))
					.down(Phase.AUTH, "refusing to send credentials over an unencrypted connection"),
				Scenario.named("untrusted certificate before AUTH (STARTTLS)")
					.server(of(greet(), ehlo("STARTTLS", "AUTH PLAIN"), startTls(stranger.serverSslContext()),
							ehlo("AUTH PLAIN"), acceptPlain(), mailRsetQuit()))
					.with(password(AuthMechanism.AUTO))
					.down(Phase.TLS, ") is not trusted"),
				Scenario.named("expired certificate before AUTH (smtps)")
					.server(of((script) -> script.startTls(EXPIRED.serverSslContext()), greet(), ehlo("AUTH PLAIN"),
							acceptPlain(), mailRsetQuit()))
					.with(password(AuthMechanism.AUTO))
					.with((settings) -> settings.security(Security.SMTPS)
						.tls(TlsSettings.trusting(EXPIRED.trustManagers())))
					.down(Phase.TLS, "certificate expired on"),
				Scenario.named("server hangs up right after STARTTLS 220")
					.server(of(greet(), ehlo("STARTTLS", "AUTH PLAIN"),
							(script) -> script.expect("STARTTLS").send("220 Go ahead").close()))
					.with(password(AuthMechanism.AUTO))
					.down(Phase.TLS, "the server closed the connection during the handshake"),
				Scenario.named("TLS 1.3 server requires a client certificate before AUTH (STARTTLS)")
					.server(of(greet(), ehlo("STARTTLS", "AUTH PLAIN"),
							(script) -> script.expect("STARTTLS")
								.send("220 Go ahead")
								.startTlsRequiringClientCertificate(CERTIFICATE.serverSslContext("TLSv1.3")),
							ehlo("AUTH PLAIN"), acceptPlain(), mailRsetQuit()))
					.with(password(AuthMechanism.AUTO))
					.down(Phase.TLS, HostileScenarios.CLIENT_CERTIFICATE_REQUESTED),
				Scenario.named("expired intermediate before AUTH, tls.verify false (smtps)")
					.server(of((script) -> script.startTls(HostileScenarios.EXPIRED_INTERMEDIATE.serverSslContext()),
							greet(), ehlo("AUTH PLAIN"), acceptPlain(), mailRsetQuit()))
					.with(password(AuthMechanism.AUTO))
					.with((settings) -> settings.security(Security.SMTPS)
						.tls(TlsSettings.DEFAULT.withVerifyCertificate(false)))
					.down(Phase.TLS, "certificate 2 of the chain expired on"),
				Scenario.named("intermediate expiring in 2 days, AUTH accepted (smtps)")
					.server(of((script) -> script.startTls(HostileScenarios.EXPIRING_INTERMEDIATE.serverSslContext()),
							greet(), ehlo("AUTH PLAIN"), acceptPlain(), mailRsetQuit()))
					.with(password(AuthMechanism.AUTO))
					.with((settings) -> settings.security(Security.SMTPS)
						.tls(TlsSettings.trusting(HostileScenarios.EXPIRING_INTERMEDIATE.trustManagers())))
					.degraded("certificate 2 of the chain"));
	}

	private static List<Scenario> interrupted() {
		return List.of(
				Scenario.named("timeout waiting for the AUTH PLAIN reply")
					.server(overTls(ehlo("AUTH PLAIN"), (script) -> script.expect("AUTH PLAIN ").silence()))
					.with(password(AuthMechanism.AUTO))
					.down(Phase.AUTH, "timed out after 2 s waiting for the reply to AUTH PLAIN"),
				Scenario.named("timeout after the LOGIN password line")
					.server(overTls(ehlo("AUTH LOGIN"),
							(script) -> script.expect("AUTH LOGIN")
								.send("334 VXNlcm5hbWU6")
								.readLine()
								.send("334 UGFzc3dvcmQ6")
								.readLine()
								.silence()))
					.with(password(AuthMechanism.LOGIN))
					.down(Phase.AUTH, "timed out after 2 s waiting for the reply to AUTH LOGIN data"),
				Scenario.named("timeout waiting for the XOAUTH2 reply")
					.server(overTls(ehlo("AUTH XOAUTH2"), (script) -> script.expect("AUTH XOAUTH2 ").silence()))
					.with(token())
					.down(Phase.AUTH, "timed out after 2 s waiting for the reply to AUTH XOAUTH2"),
				Scenario.named("connection reset after AUTH")
					.server(overTls(ehlo("AUTH PLAIN"), (script) -> script.expect("AUTH PLAIN ").reset()))
					.with(password(AuthMechanism.AUTO))
					.down(Phase.AUTH, "waiting for the reply to AUTH PLAIN"));
	}

	/**
	 * Greeting, EHLO offering STARTTLS and the TLS handshake, then the given parts.
	 */
	@SafeVarargs
	private static Consumer<SmtpScript> overTls(Consumer<SmtpScript>... afterTls) {
		List<Consumer<SmtpScript>> parts = new ArrayList<>(
				List.of(greet(), ehlo("STARTTLS"), startTls(CERTIFICATE.serverSslContext())));
		for (Consumer<SmtpScript> part : afterTls) {
			parts.add(part);
		}
		return (script) -> parts.forEach((part) -> part.accept(script));
	}

	private static UnaryOperator<SmtpProbeSettings.Builder> password(AuthMechanism mechanism) {
		return (settings) -> overStartTls(settings)
			.credentials(SmtpCredentials.ofPassword(Canary.USERNAME, Canary.PASSWORD))
			.authMechanism(mechanism);
	}

	private static UnaryOperator<SmtpProbeSettings.Builder> token() {
		return (settings) -> overStartTls(settings).credentials(SmtpCredentials.ofToken(Canary.USERNAME, Canary.TOKEN))
			.authMechanism(AuthMechanism.XOAUTH2);
	}

	private static SmtpProbeSettings.Builder overStartTls(SmtpProbeSettings.Builder settings) {
		return settings.security(Security.STARTTLS).tls(TlsSettings.trusting(CERTIFICATE.trustManagers()));
	}

}
