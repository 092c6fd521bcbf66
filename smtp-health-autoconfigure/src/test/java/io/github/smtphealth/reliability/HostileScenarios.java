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

import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.IpFamily;
import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import io.github.smtphealth.testsupport.SmtpScript;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;

import static io.github.smtphealth.reliability.Scripts.acceptLogin;
import static io.github.smtphealth.reliability.Scripts.acceptPlain;
import static io.github.smtphealth.reliability.Scripts.ehlo;
import static io.github.smtphealth.reliability.Scripts.ehloReply;
import static io.github.smtphealth.reliability.Scripts.greet;
import static io.github.smtphealth.reliability.Scripts.mailRsetQuit;
import static io.github.smtphealth.reliability.Scripts.of;
import static io.github.smtphealth.reliability.Scripts.renegotiatingSmtps;
import static io.github.smtphealth.reliability.Scripts.startTls;

/**
 * The hostile-server corpus: broken relays, middleboxes and attackers, each with the
 * verdict the health indicator must reach.
 */
final class HostileScenarios {

	static final String USERNAME = "corpus-user";

	static final String PASSWORD = "corpus-Secret-42";

	/**
	 * Trusted, for 127.0.0.1 and localhost.
	 */
	static final TestCertificate CERTIFICATE = TestCertificates.selfSigned("127.0.0.1", "localhost");

	/**
	 * Issued through an intermediate CA; the probe trusts the root.
	 */
	static final TestCertificate CHAIN = TestCertificates.chain("127.0.0.1");

	private static final String PLAIN_RESPONSE = Scripts.plainResponse(USERNAME, PASSWORD);

	private static final Instant NOW = Instant.now();

	/**
	 * A leaf valid for 300 days, issued by an intermediate that expires in 2 days.
	 */
	static final TestCertificate EXPIRING_INTERMEDIATE = TestCertificates.builder("127.0.0.1")
		.validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)))
		.intermediateValidity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(2)))
		.build();

	static final TestCertificate EXPIRED_INTERMEDIATE = TestCertificates.builder("127.0.0.1")
		.intermediateValidity(NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(1)))
		.build();

	private static final TestCertificate NOT_YET_VALID = TestCertificates.builder("127.0.0.1").notYetValid().build();

	static final String CLIENT_CERTIFICATE_REQUESTED = "TLS handshake failed: the server asked for a client "
			+ "certificate (CertificateRequest) and none is configured";

	private HostileScenarios() {
	}

	/**
	 * Return the texts no detail may ever contain: the password, its base64 (padded or
	 * not) and hex, and the PLAIN response.
	 * @return the secrets
	 */
	static List<String> secrets() {
		return List.of(PASSWORD, Scripts.base64(PASSWORD), Canary.unpadded(PASSWORD), Canary.hex(PASSWORD),
				PLAIN_RESPONSE);
	}

	static List<Scenario> all() {
		return Stream.of(framing(), portConfusion(), tls(), ehloAndStartTls(), auth(), envelope(), network())
			.flatMap(List::stream)
			.toList();
	}

	private static List<Scenario> framing() {
		return List.of(Scenario.named("control: a well-behaved server").server(SmtpScript::happyPath).up(),
				Scenario.named("greeting split across TCP segments")
					.server(of((script) -> script.sendSplit("220 split.test ESMTP ready\r\n", 4, Duration.ofMillis(30)),
							ehlo("PIPELINING"), mailRsetQuit()))
					.up(),
				Scenario.named("EHLO reply split inside CRLF and between lines")
					.server(of(greet(), (script) -> script.expect("EHLO")
						.sendSplit("250-" + Scripts.DOMAIN + "\r\n250 PIPELINING\r\n", 5, Duration.ofMillis(20)),
							mailRsetQuit()))
					.up(),
				Scenario.named("greeting dribbled a byte at a time, within the deadline")
					.server(of((script) -> script.dribble("220 slow.test\r\n", Duration.ofMillis(40)), ehlo(),
							mailRsetQuit()))
					.up(),
				Scenario.named("slow-loris greeting, a byte every 100 ms past the deadline")
					.server((script) -> script.dribble("220 " + "x".repeat(40) + "\r\n", Duration.ofMillis(100)))
					.down(Phase.GREETING, "timed out after 2 s waiting for the greeting"),
				Scenario.named("multi-line greeting")
					.server(of((script) -> script.send("220-multi.test ESMTP", "220-no UCE", "220 ready"), ehlo(),
							mailRsetQuit()))
					.up(),
				Scenario.named("multi-line greeting that changes its code")
					.server((script) -> script.send("220-multi.test ESMTP", "554 changed my mind"))
					.down(Phase.GREETING, "multi-line reply mixes codes 220 and 554"),
				Scenario.named("replies without text (\"250\\r\\n\")")
					.server((script) -> script.greetAndAnswerMail("220", "250", "250")
						.expect("RSET")
						.send("250")
						.expect("QUIT")
						.send("221")
						.close())
					.up(),
				Scenario.named("bare LF line endings")
					.server((script) -> script.sendRaw(ascii("220 lf.test ESMTP\n"))
						.expect("EHLO")
						.sendRaw(ascii("250-lf.test\n250 PIPELINING\n"))
						.expect("MAIL")
						.sendRaw(ascii("250 OK\n"))
						.expect("RSET")
						.sendRaw(ascii("250 OK\n"))
						.expect("QUIT")
						.sendRaw(ascii("221 Bye\n"))
						.close())
					.up(),
				Scenario.named("8-bit, NUL and escape bytes in the greeting")
					.server(of(
							(script) -> script
								.sendRaw(latin1("220 caf\u00e9 \0 \u001b[31mred\u001b[0m \u00ff\u007f ready\r\n")),
							ehlo(), mailRsetQuit()))
					.up(),
				Scenario.named("8-bit, NUL and escape bytes in EHLO capabilities")
					.server(of(greet(),
							(script) -> script.expect("EHLO")
								.sendRaw(latin1("250-" + Scripts.DOMAIN
										+ "\r\n250-X-\0NUL\u001b[2J\r\n250 SIZE \u00ff\u00fe\r\n")),
							mailRsetQuit()))
					.up(),
				Scenario.named("4097-byte reply line")
					.server((script) -> script.send("220 " + "x".repeat(4093)))
					.down(Phase.GREETING, "reply line longer than 4096 bytes"),
				Scenario.named("101-line EHLO reply")
					.server(of(greet(), (script) -> script.expect("EHLO").send(ehloReply(keywords(100)))))
					.down(Phase.EHLO, "reply longer than 100 lines"),
				Scenario.named("100-line EHLO reply (the limit)")
					.server(of(greet(), (script) -> script.expect("EHLO").send(ehloReply(keywords(99))),
							mailRsetQuit()))
					.up(),
				Scenario.named("reply code without a separator (\"220ready\")")
					.server((script) -> script.send("220ready"))
					.down(Phase.GREETING, "no space or hyphen after the reply code"),
				// A reply too many would shift every later reply by one: the probe
				// refuses to go on.
				Scenario.named("unsolicited extra reply desynchronises the dialogue")
					.server(of(greet(), (script) -> script.expect("EHLO").send("250 " + Scripts.DOMAIN, "250 surprise"),
							mailRsetQuit()))
					.down(Phase.MAIL, "server sent data nobody asked for before MAIL FROM"));
	}

	private static List<Scenario> portConfusion() {
		return List.of(
				Scenario.named("greeting 554 (no SMTP service here)")
					.server((script) -> script.send("554 5.3.2 No SMTP service here"))
					.down(Phase.GREETING, "server refused the session: 554 5.3.2"),
				Scenario.named("greeting 421 (too busy)")
					.server((script) -> script.send("421 4.3.2 Too many connections, try later").close())
					.down(Phase.GREETING, "server refused the session: 421"),
				Scenario.named("accepts and never speaks")
					.server((script) -> script.silence())
					.down(Phase.GREETING, "timed out after 2 s waiting for the greeting"),
				Scenario.named("closes before the greeting")
					.server(SmtpScript::close)
					.down(Phase.GREETING, "connection closed by server while waiting for the greeting"),
				Scenario.named("resets before the greeting")
					.server((script) -> script.delay(Duration.ofMillis(50)).reset())
					.down(Phase.GREETING, "Connection reset"),
				Scenario.named("greeting cut off mid-line, then close")
					.server((script) -> script.sendRaw(ascii("220 partial gree")).close())
					.down(Phase.GREETING, "connection closed in the middle of a reply"),
				Scenario.named("SSH server on the SMTP port")
					.server((script) -> script.send("SSH-2.0-OpenSSH_9.6"))
					.down(Phase.GREETING, "not an SMTP reply: 'SSH-2.0-OpenSSH_9.6'"),
				Scenario.named("HTTP server on the SMTP port (answers 400 at once)")
					.server((script) -> script
						.send("HTTP/1.1 400 Bad Request", "Content-Type: text/html", "Connection: close", "",
								"<html><body>Bad Request</body></html>")
						.close())
					.down(Phase.GREETING, "not an SMTP reply: 'HTTP/1.1 400 Bad Request'"),
				Scenario.named("TLS server on the plain port (waits for a ClientHello)")
					.server((script) -> script.startTls(CERTIFICATE.serverSslContext()))
					.down(Phase.GREETING, "timed out after 2 s waiting for the greeting"),
				Scenario.named("plain server on the TLS port (smtps)")
					.server(SmtpScript::happyPath)
					.with(HostileScenarios::withSmtps)
					.down(Phase.TLS, "the server did not answer in TLS"));
	}

	private static List<Scenario> tls() {
		return List.of(
				// The JDK cannot play a TLS 1.0-only server: TLSv1 is in
				// jdk.tls.disabledAlgorithms on the
				// server side too, so this server fails its own handshake and hangs up.
				Scenario.named("TLS 1.0-only server (JSSE server restricted to TLSv1)")
					.server((script) -> script.startTls(CERTIFICATE.serverSslContext("TLSv1")))
					.with(HostileScenarios::withSmtps)
					.down(Phase.TLS, "the server closed the connection during the handshake"),
				// JDK 17 rejects its version, JDK 24+ already its TLS_RSA_* suite: the
				// JDK's words differ.
				Scenario.named("TLS 1.0-only server (answers with a TLS 1.0 ServerHello)")
					.server((script) -> script.delay(Duration.ofMillis(50))
						.sendRaw(tls10ServerHello())
						.silence(Duration.ofSeconds(5)))
					.with(HostileScenarios::withSmtps)
					.down(Phase.TLS, "TLS handshake failed: no TLS version or cipher suite in common ("),
				Scenario.named("TLS alert handshake_failure instead of a ServerHello")
					.server((script) -> script.delay(Duration.ofMillis(50))
						.sendRaw(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 })
						.silence(Duration.ofSeconds(5)))
					.with(HostileScenarios::withSmtps)
					.down(Phase.TLS,
							"no TLS version or cipher suite in common (Received fatal alert: handshake_failure"),
				Scenario.named("certificate chain missing its intermediate")
					.server(of((script) -> script.startTls(CHAIN.leafOnly().serverSslContext()), greet(), ehlo(),
							mailRsetQuit()))
					.with(HostileScenarios::withSmtpsTrustingChainRoot)
					.down(Phase.TLS, "certificate issuer is not trusted or the chain is incomplete"),
				Scenario.named("complete chain through an intermediate (control)")
					.server(of((script) -> script.startTls(CHAIN.serverSslContext()), greet(), ehlo(), mailRsetQuit()))
					.with(HostileScenarios::withSmtpsTrustingChainRoot)
					.up(),
				Scenario.named("intermediate expiring in 2 days behind a leaf valid for 300 days")
					.server(of((script) -> script.startTls(EXPIRING_INTERMEDIATE.serverSslContext()), greet(), ehlo(),
							mailRsetQuit()))
					.with((settings) -> withSmtpsTrusting(settings, EXPIRING_INTERMEDIATE))
					.degraded("certificate 2 of the chain (CN=smtp-health Test Intermediate CA"),
				Scenario.named("expired intermediate, chain verified")
					.server(of((script) -> script.startTls(EXPIRED_INTERMEDIATE.serverSslContext()), greet(), ehlo(),
							mailRsetQuit()))
					.with((settings) -> withSmtpsTrusting(settings, EXPIRED_INTERMEDIATE))
					.down(Phase.TLS, "TLS handshake failed: certificate 2 of the chain expired on"),
				Scenario.named("expired intermediate, tls.verify false")
					.server(of((script) -> script.startTls(EXPIRED_INTERMEDIATE.serverSslContext()), greet(), ehlo(),
							mailRsetQuit()))
					.with(HostileScenarios::withSmtpsUnverified)
					.down(Phase.TLS, "TLS handshake failed: certificate 2 of the chain expired on"),
				Scenario.named("not-yet-valid leaf, tls.verify false")
					.server(of((script) -> script.startTls(NOT_YET_VALID.serverSslContext()), greet(), ehlo(),
							mailRsetQuit()))
					.with(HostileScenarios::withSmtpsUnverified)
					.down(Phase.TLS, "TLS handshake failed: certificate not valid until"),
				Scenario.named("TLS 1.3 server requires a client certificate (smtps)")
					.server(of(
							(script) -> script
								.startTlsRequiringClientCertificate(CERTIFICATE.serverSslContext("TLSv1.3")),
							greet(), ehlo(), mailRsetQuit()))
					.with(HostileScenarios::withSmtps)
					.down(Phase.TLS, CLIENT_CERTIFICATE_REQUESTED),
				Scenario.named("TLS 1.3 server requires a client certificate (STARTTLS)")
					.server(of(greet(), ehlo("STARTTLS"),
							(script) -> script.expect("STARTTLS")
								.send("220 2.0.0 Ready to start TLS")
								.startTlsRequiringClientCertificate(CERTIFICATE.serverSslContext("TLSv1.3")),
							ehlo(), mailRsetQuit()))
					.with(HostileScenarios::withStartTls)
					.down(Phase.TLS, CLIENT_CERTIFICATE_REQUESTED),
				Scenario.named("TLS 1.2 server requires a client certificate (smtps)")
					.server(of(
							(script) -> script
								.startTlsRequiringClientCertificate(CERTIFICATE.serverSslContext("TLSv1.2")),
							greet(), ehlo(), mailRsetQuit()))
					.with(HostileScenarios::withSmtps)
					.down(Phase.TLS, CLIENT_CERTIFICATE_REQUESTED),
				Scenario.named("TLS 1.2 renegotiation started by the server mid-dialogue")
					.server(renegotiatingSmtps(CERTIFICATE.serverSslContext("TLSv1.2")))
					.with(HostileScenarios::withSmtps)
					.up(),
				Scenario.named("TLS handshake stalls (no ServerHello)")
					.server((script) -> script.silence())
					.with(HostileScenarios::withSmtps)
					.down(Phase.TLS, "timed out after 2 s during the TLS handshake"),
				Scenario.named("reset during the TLS handshake")
					.server((script) -> script.delay(Duration.ofMillis(100)).reset())
					.with(HostileScenarios::withSmtps)
					.down(Phase.TLS, "the server closed the connection during the handshake"));
	}

	private static List<Scenario> ehloAndStartTls() {
		return List.of(
				Scenario.named("lowercase capabilities (starttls, size, auth)")
					.server(of(greet(), ehlo("size 1000", "starttls", "auth plain"),
							startTls(CERTIFICATE.serverSslContext()), ehlo("size 1000"), mailRsetQuit()))
					.with(HostileScenarios::withStartTls)
					.up(),
				Scenario.named("STARTTLS only on the last line of EHLO")
					.server(of(greet(), ehlo("STARTTLS"), startTls(CERTIFICATE.serverSslContext()), ehlo(),
							mailRsetQuit()))
					.with(HostileScenarios::withStartTls)
					.up(),
				Scenario.named("capabilities crammed into the first EHLO line")
					.server(of(greet(),
							(script) -> script.expect("EHLO").send("250 " + Scripts.DOMAIN + " STARTTLS PIPELINING")))
					.with(HostileScenarios::withStartTls)
					.down(Phase.STARTTLS, "STARTTLS not advertised by server"),
				Scenario.named("EHLO answered 421 mid-session")
					.server(of(greet(), (script) -> script.expect("EHLO").send("421 4.3.0 Shutting down").close()))
					.down(Phase.EHLO, "EHLO rejected: 421 4.3.0 Shutting down"),
				Scenario.named("EHLO unknown, HELO accepted (old server)")
					.server(of(greet(),
							(script) -> script.expect("EHLO")
								.send("500 5.5.1 Unrecognized")
								.expect("HELO")
								.send("250 " + Scripts.DOMAIN),
							mailRsetQuit()))
					.up(),
				Scenario.named("EHLO and HELO both refused")
					.server(of(greet(),
							(script) -> script.expect("EHLO")
								.send("502 5.5.2 Not implemented")
								.expect("HELO")
								.send("502 5.5.2 Not implemented")))
					.down(Phase.EHLO, "HELO rejected: 502"),
				Scenario.named("EHLO reply cut off between lines, then close")
					.server(of(greet(), (script) -> script.expect("EHLO").send("250-" + Scripts.DOMAIN).close()))
					.down(Phase.EHLO, "connection closed in the middle of a reply"),
				Scenario.named("half-closed after the greeting (FIN, still reading)")
					.server(of(greet(), (script) -> script.shutdownOutput().silence(Duration.ofSeconds(5))))
					.down(Phase.EHLO, "connection closed by server while waiting for the reply to EHLO"),
				Scenario.named("STARTTLS answered 454")
					.server(of(greet(), ehlo("STARTTLS"),
							(script) -> script.expect("STARTTLS").send("454 4.7.0 TLS not available")))
					.with(HostileScenarios::withStartTls)
					.down(Phase.STARTTLS, "STARTTLS rejected: 454"),
				Scenario.named("STARTTLS stripped by a middlebox (XXXXXXXA)")
					.server(of(greet(), ehlo("PIPELINING", "XXXXXXXA"), mailRsetQuit()))
					.with(HostileScenarios::withStartTls)
					.down(Phase.STARTTLS, "STARTTLS not advertised by server"),
				Scenario.named("closes right after STARTTLS 220")
					.server(of(greet(), ehlo("STARTTLS"),
							(script) -> script.expect("STARTTLS").send("220 Go ahead").close()))
					.with(HostileScenarios::withStartTls)
					.down(Phase.TLS, "the server closed the connection during the handshake"),
				Scenario.named("plaintext injected with the STARTTLS 220, same segment")
					.server(of(greet(), ehlo("STARTTLS"),
							(script) -> script.expect("STARTTLS")
								.send("220 Go ahead", "250-injected.test", "250 AUTH PLAIN")
								.startTls(CERTIFICATE.serverSslContext()),
							ehlo(), mailRsetQuit()))
					.with(HostileScenarios::withStartTls)
					.up(),
				Scenario.named("plaintext injected after the STARTTLS 220, next segment")
					.server(of(greet(), ehlo("STARTTLS"),
							(script) -> script.expect("STARTTLS")
								.send("220 Go ahead")
								.delay(Duration.ofMillis(100))
								.send("250 injected")
								.startTls(CERTIFICATE.serverSslContext())))
					.with(HostileScenarios::withStartTls)
					.down(Phase.TLS, "the server did not answer in TLS"));
	}

	private static List<Scenario> auth() {
		return List.of(
				Scenario.named("AUTH= style capabilities (AUTH=LOGIN)")
					.server(of(greet(), ehlo("AUTH=LOGIN"), acceptLogin(), mailRsetQuit()))
					.with(HostileScenarios::withPlaintextAuth)
					.up(),
				Scenario.named("lowercase AUTH mechanisms (auth plain login)")
					.server(of(greet(), ehlo("auth plain login"), acceptPlain(), mailRsetQuit()))
					.with(HostileScenarios::withPlaintextAuth)
					.up(),
				Scenario.named("334 with a challenge that is not base64")
					.server(of(greet(), ehlo("AUTH LOGIN"),
							(script) -> script.expect("AUTH LOGIN").send("334 not base64!")))
					.with(HostileScenarios::withPlaintextAuth)
					.down(Phase.AUTH, "AUTH LOGIN challenge is not base64"),
				Scenario.named("endless 334 challenges (LOGIN)")
					.server(of(greet(), ehlo("AUTH LOGIN"), endlessChallenges("AUTH LOGIN")))
					.with(HostileScenarios::withPlaintextAuth)
					.down(Phase.AUTH, "AUTH LOGIN did not finish after 5 challenges"),
				Scenario.named("334 after PLAIN's initial response")
					.server(of(greet(), ehlo("AUTH PLAIN"), endlessChallenges("AUTH PLAIN")))
					.with(HostileScenarios::withPlaintextAuth)
					.down(Phase.AUTH, "AUTH PLAIN challenged again after the exchange was complete"),
				Scenario.named("AUTH 535 echoing the credentials back")
					.server(of(greet(), ehlo("AUTH PLAIN"),
							(script) -> script.expect("AUTH PLAIN")
								.send("535 5.7.8 Bad credentials " + PLAIN_RESPONSE + " (" + USERNAME + "/" + PASSWORD
										+ ", " + Scripts.base64(PASSWORD) + ")")))
					.with(HostileScenarios::withPlaintextAuth)
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8 Bad credentials ****** (corpus-user/******, ******)"),
				Scenario.named("AUTH 535 echoing the password unpadded and in hex")
					.server(of(greet(), ehlo("AUTH PLAIN"),
							(script) -> script.expect("AUTH PLAIN")
								.send("535 5.7.8 Bad credentials " + Canary.unpadded(PASSWORD) + " "
										+ Canary.hex(PASSWORD))))
					.with(HostileScenarios::withPlaintextAuth)
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8 Bad credentials ****** ******"),
				Scenario.named("AUTH 535 carrying a base64 run the probe never sent")
					.server(of(greet(), ehlo("AUTH PLAIN"),
							(script) -> script.expect("AUTH PLAIN")
								.send("535 5.7.8 Bad credentials " + Scripts.base64("p=" + PASSWORD))))
					.with(HostileScenarios::withPlaintextAuth)
					.down(Phase.AUTH, "AUTH rejected: 535 5.7.8 [reply text withheld: it carries an encoded run]"),
				Scenario.named("AUTH not advertised")
					.server(of(greet(), ehlo("PIPELINING")))
					.with(HostileScenarios::withPlaintextAuth)
					.down(Phase.AUTH, "AUTH not advertised by server"),
				Scenario.named("no AUTH mechanism in common (GSSAPI NTLM)")
					.server(of(greet(), ehlo("AUTH GSSAPI NTLM")))
					.with(HostileScenarios::withPlaintextAuth)
					.down(Phase.AUTH, "no AUTH mechanism in common"),
				Scenario.named("AUTH answered 421 and closed")
					.server(of(greet(), ehlo("AUTH PLAIN"),
							(script) -> script.expect("AUTH PLAIN").send("421 4.7.0 Try again later").close()))
					.with(HostileScenarios::withPlaintextAuth)
					.down(Phase.AUTH, "AUTH rejected: 421"),
				Scenario.named("AUTH never answered")
					.server(of(greet(), ehlo("AUTH PLAIN"), (script) -> script.expect("AUTH PLAIN").silence()))
					.with(HostileScenarios::withPlaintextAuth)
					.down(Phase.AUTH, "timed out after 2 s waiting for the reply to AUTH PLAIN"));
	}

	private static List<Scenario> envelope() {
		return List.of(
				Scenario.named("MAIL answered 451")
					.server(of(greet(), ehlo(), (script) -> script.expect("MAIL").send("451 4.3.0 Temporary failure")))
					.down(Phase.MAIL, "MAIL FROM rejected: 451"),
				Scenario.named("MAIL reply dribbled past the deadline")
					.server(of(greet(), ehlo(),
							(script) -> script.expect("MAIL")
								.dribble("250 2.1.0 " + "o".repeat(30) + "k\r\n", Duration.ofMillis(100))))
					.down(Phase.MAIL, "timed out after 2 s waiting for the reply to MAIL FROM"),
				Scenario.named("RCPT answered 550")
					.server(of(greet(), ehlo(),
							(script) -> script.expect("MAIL")
								.send("250 OK")
								.expect("RCPT")
								.send("550 5.1.1 No such user")))
					.with((settings) -> settings.rcptTo("postmaster@hostile.test"))
					.down(Phase.RCPT, "RCPT TO rejected: 550 5.1.1 No such user"),
				Scenario.named("RSET dropped (close, no reply)")
					.server(of(greet(), ehlo(),
							(script) -> script.expect("MAIL").send("250 OK").expect("RSET").close()))
					.down(Phase.RSET, "connection closed by server while waiting for the reply to RSET"),
				Scenario.named("reset during QUIT")
					.server(of(greet(), ehlo(),
							(script) -> script.expect("MAIL")
								.send("250 OK")
								.expect("RSET")
								.send("250 OK")
								.expect("QUIT")
								.reset()))
					.up("Connection reset"),
				Scenario.named("QUIT answered 250 instead of 221")
					.server(of(greet(), ehlo(),
							(script) -> script.expect("MAIL")
								.send("250 OK")
								.expect("RSET")
								.send("250 OK")
								.expect("QUIT")
								.send("250 OK")
								.close()))
					.up("QUIT answered 250 OK"),
				Scenario.named("QUIT never answered")
					.server(of(greet(), ehlo(),
							(script) -> script.expect("MAIL")
								.send("250 OK")
								.expect("RSET")
								.send("250 OK")
								.expect("QUIT")
								.silence()))
					.up("no reply to QUIT"));
	}

	private static List<Scenario> network() {
		return List.of(
				Scenario.named("first address refuses, second works")
					.target(() -> Target.resolvingTo("two-addresses.test", List.of("127.0.0.2", "127.0.0.1"),
							SmtpScript::happyPath))
					.up(),
				Scenario.named("every address refuses")
					.target(() -> Target.resolvingTo("no-listener.test", List.of("127.0.0.2", "127.0.0.3"),
							SmtpScript::happyPath))
					.down(Phase.CONNECT, "could not connect to any of 2 addresses"),
				Scenario.named("nothing listens (connection refused)")
					.server(SmtpScript::happyPath)
					.with((settings) -> settings.host("127.0.0.2"))
					.down(Phase.CONNECT, "connection refused"),
				Scenario.named("DNS never answers")
					.target(() -> Target.dnsNeverAnswers("dns-never-answers.test"))
					.down(Phase.DNS, "resolving 'dns-never-answers.test' (DNS did not answer)"),
				Scenario.named("unknown host (NXDOMAIN)").target(() -> Target.resolvedBy("nxdomain.test", (host) -> {
					throw new UnknownHostException(host);
				})).down(Phase.DNS, "could not resolve 'nxdomain.test': unknown host"),
				Scenario.named("DNS answer without addresses")
					.target(() -> Target.resolvedBy("empty-answer.test", (host) -> List.of()))
					.down(Phase.DNS, "'empty-answer.test' has no address"),
				Scenario.named("IPv6-only host probed over IPv4")
					.target(() -> Target.resolvingTo("ipv6-only.test", List.of("::1"), SmtpScript::happyPath))
					.with((settings) -> settings.ipFamily(IpFamily.IPV4))
					.down(Phase.DNS, "'ipv6-only.test' has no IPv4 address"),
				Scenario.named("resolver throws an unexpected exception")
					.target(() -> Target.resolvedBy("broken-resolver.test", (host) -> {
						throw new IllegalStateException("resolver bug");
					}))
					.down(Phase.DNS, "lookup failed: java.lang.IllegalStateException: resolver bug"));
	}

	private static Consumer<SmtpScript> endlessChallenges(String command) {
		return (script) -> {
			script.expect(command).send("334 ");
			for (int i = 0; i < 7; i++) {
				script.readLine().send("334 ");
			}
		};
	}

	/**
	 * A ServerHello that picks TLS 1.0 ({@code 0x0301}) and TLS_RSA_WITH_AES_128_CBC_SHA,
	 * without extensions: what a server that speaks nothing newer answers to a modern
	 * ClientHello.
	 */
	private static byte[] tls10ServerHello() {
		byte[] record = new byte[5 + 4 + 38];
		byte[] header = { 0x16, 0x03, 0x01, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26, 0x03, 0x01 };
		System.arraycopy(header, 0, record, 0, header.length);
		for (int i = 0; i < 32; i++) {
			record[header.length + i] = (byte) (0x11 * (i % 7 + 1));
		}
		int offset = header.length + 32;
		record[offset] = 0x00;
		record[offset + 1] = 0x00;
		record[offset + 2] = 0x2f;
		record[offset + 3] = 0x00;
		return record;
	}

	private static String[] keywords(int count) {
		String[] keywords = new String[count];
		for (int i = 0; i < count; i++) {
			keywords[i] = "X-EXTENSION-" + i;
		}
		return keywords;
	}

	private static SmtpProbeSettings.Builder withSmtps(SmtpProbeSettings.Builder settings) {
		return settings.security(Security.SMTPS).tls(TlsSettings.trusting(CERTIFICATE.trustManagers()));
	}

	private static SmtpProbeSettings.Builder withSmtpsTrusting(SmtpProbeSettings.Builder settings,
			TestCertificate certificate) {
		return settings.security(Security.SMTPS).tls(TlsSettings.trusting(certificate.trustManagers()));
	}

	private static SmtpProbeSettings.Builder withSmtpsUnverified(SmtpProbeSettings.Builder settings) {
		return settings.security(Security.SMTPS).tls(TlsSettings.DEFAULT.withVerifyCertificate(false));
	}

	private static SmtpProbeSettings.Builder withSmtpsTrustingChainRoot(SmtpProbeSettings.Builder settings) {
		return settings.security(Security.SMTPS).tls(TlsSettings.trusting(CHAIN.trustManagers()));
	}

	private static SmtpProbeSettings.Builder withStartTls(SmtpProbeSettings.Builder settings) {
		return settings.security(Security.STARTTLS).tls(TlsSettings.trusting(CERTIFICATE.trustManagers()));
	}

	private static SmtpProbeSettings.Builder withPlaintextAuth(SmtpProbeSettings.Builder settings) {
		return settings.credentials(SmtpCredentials.ofPassword(USERNAME, PASSWORD))
			.authMechanism(AuthMechanism.AUTO)
			.allowPlaintextAuth(true);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] latin1(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
