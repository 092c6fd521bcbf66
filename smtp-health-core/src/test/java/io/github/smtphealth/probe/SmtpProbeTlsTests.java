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

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import io.github.smtphealth.testsupport.LeakCheck;
import io.github.smtphealth.testsupport.ReceivedLine;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.smtphealth.probe.ProbeFixtures.HELO;
import static io.github.smtphealth.probe.ProbeFixtures.assertFailure;
import static io.github.smtphealth.probe.ProbeFixtures.assertWithinDeadline;
import static io.github.smtphealth.probe.ProbeFixtures.failureOf;
import static io.github.smtphealth.probe.ProbeFixtures.probe;
import static io.github.smtphealth.probe.ProbeFixtures.probeInTime;
import static io.github.smtphealth.probe.ProbeFixtures.probeSucceeding;
import static io.github.smtphealth.probe.ProbeFixtures.settings;
import static io.github.smtphealth.probe.ProbeFixtures.warmedUpBaseline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the TLS side of {@link SmtpProbe}: STARTTLS and SMTPS against a
 * {@link ScriptedSmtpServer} presenting {@link TestCertificates test certificates},
 * certificate problems explained in words, the verification switches, and the rule that
 * nothing secret or meaningful travels or counts before TLS. No thread or socket may
 * outlive the handshakes, failed ones included.
 */
class SmtpProbeTlsTests {

	private static final String HOST = "mail.test";

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/**
	 * For a server that goes silent in the handshake: long enough that a loaded machine
	 * still gets through connect, greeting, EHLO and STARTTLS before it (1 s did not at a
	 * load of 20), short enough to keep the test quick.
	 */
	private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static LeakCheck baseline;

	/**
	 * A first STARTTLS probe also loads what JSSE and the test certificates load once per
	 * JVM.
	 */
	@BeforeAll
	static void warmUpAndTakeBaseline() {
		TestCertificate certificate = TestCertificates.chain(HOST);
		baseline = warmedUpBaseline((script) -> startTlsDialogue(script, certificate),
				(server) -> startTls(server, certificate));
	}

	@AfterAll
	static void noThreadOrSocketOutlivesTheHandshakes() {
		baseline.assertBackToBaseline(WAIT);
	}

	@Test
	void startTlsShouldUpgradeRecordTheSessionAndKeepOnlyTheCapabilitiesSeenOverTls() {
		TestCertificate certificate = TestCertificates.chain(HOST);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> startTlsDialogue(script, certificate))) {
			SmtpProbeResult result = probeSucceeding(startTls(server, certificate));
			TlsInfo tls = result.tls();
			assertThat(tls).isNotNull();
			assertThat(tls.protocol()).startsWith("TLSv1.");
			assertThat(tls.cipherSuite()).startsWith("TLS_");
			assertThat(tls.subject()).contains("CN=" + HOST);
			assertThat(tls.issuer()).contains("Intermediate CA");
			assertThat(tls.notBefore()).isEqualTo(certificate.certificate().getNotBefore().toInstant());
			assertThat(tls.notAfter()).isEqualTo(certificate.certificate().getNotAfter().toInstant());
			assertThat(result.capabilities()).containsExactly("AUTH PLAIN", "SIZE 1000");
			assertThat(result.phases()).containsOnlyKeys(Phase.DNS, Phase.CONNECT, Phase.GREETING, Phase.EHLO,
					Phase.STARTTLS, Phase.TLS, Phase.MAIL, Phase.RSET, Phase.QUIT);
			server.awaitCompleted(1, WAIT);
			assertThat(server.errors()).isEmpty();
			assertThat(server.tlsProtocols()).containsExactly(tls.protocol());
			assertThat(server.sniHostNames()).containsExactly(HOST);
			assertThat(server.receivedInPlaintext()).containsExactly("EHLO " + HELO, "STARTTLS");
			assertThat(server.receivedLines()).filteredOn(ReceivedLine::tls)
				.extracting(ReceivedLine::text)
				.containsExactly("EHLO " + HELO, "MAIL FROM:<>", "RSET", "QUIT");
		}
	}

	@Test
	void smtpsShouldHandshakeBeforeTheGreeting() {
		TestCertificate certificate = TestCertificates.selfSigned(HOST);
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTls(certificate.serverSslContext())
				.send("220 scripted.test ESMTP ready")
				.answerCommands("SIZE 1000"))) {
			SmtpProbeResult result = probeSucceeding(settings(HOST, server, TIMEOUT).security(Security.SMTPS)
				.tls(TlsSettings.trusting(certificate.trustManagers())));
			assertThat(result.tls()).isNotNull();
			assertThat(result.tls().subject()).contains("CN=" + HOST);
			assertThat(result.phases().keySet()).containsExactly(Phase.DNS, Phase.CONNECT, Phase.TLS, Phase.GREETING,
					Phase.EHLO, Phase.MAIL, Phase.RSET, Phase.QUIT);
			server.awaitCompleted(1, WAIT);
			assertThat(server.receivedInPlaintext()).isEmpty();
			assertThat(server.sniHostNames()).containsExactly(HOST);
		}
	}

	@Test
	void smtpsWhenHostIsAnAddressLiteralShouldVerifyTheAddressAndSendNoSni() {
		TestCertificate certificate = TestCertificates.selfSigned("127.0.0.1");
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTls(certificate.serverSslContext())
				.send("220 scripted.test ESMTP ready")
				.answerCommands())) {
			SmtpProbeResult result = probeSucceeding(settings(server, TIMEOUT).security(Security.SMTPS)
				.tls(TlsSettings.trusting(certificate.trustManagers())));
			server.awaitCompleted(1, WAIT);
			assertThat(server.sniHostNames()).isEmpty();
		}
	}

	@Test
	void smtpsWhenServerSpeaksPlaintextShouldFailInTls() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.sayOnce("220 scripted.test ESMTP ready")) {
			SmtpProbeResult result = probeInTime(settings(HOST, server, TIMEOUT).security(Security.SMTPS));
			assertFailure(result, Phase.TLS, FailureKind.TLS, null,
					"TLS handshake failed: the server did not answer in TLS (plain text on a TLS port?)");
			assertThat(result.greeting()).isNull();
		}
	}

	/**
	 * {@code (case, certificate, what the reason says, the date it names)} for
	 * certificates outside their validity window.
	 */
	static Stream<Arguments> certificatesOutsideTheirValidity() {
		TestCertificate expired = TestCertificates.expired(HOST);
		TestCertificate pinnedExpired = TestCertificates.builder(HOST).expired().build();
		TestCertificate notYetValid = TestCertificates.notYetValid(HOST);
		return Stream.of(
				Arguments.of("expired: say when", expired, "expired on",
						expired.certificate().getNotAfter().toInstant()),
				Arguments.of("pinned self-signed, expired: say when", pinnedExpired, "expired on",
						pinnedExpired.certificate().getNotAfter().toInstant()),
				Arguments.of("not yet valid: say since", notYetValid, "not valid until",
						notYetValid.certificate().getNotBefore().toInstant()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("certificatesOutsideTheirValidity")
	void startTlsWhenCertificateIsOutsideItsValidityShouldSayWhen(String description, TestCertificate certificate,
			String what, Instant when) {
		SmtpProbeResult result = probeCertificate(certificate, TlsSettings.trusting(certificate.trustManagers()));
		assertFailure(result, Phase.TLS, FailureKind.TLS, null, explained(what, when, certificate));
		assertThat(result.tls()).isNull();
	}

	@Test
	void startTlsWhenCertificateNamesAnotherHostShouldSayWhichNames() {
		TestCertificate certificate = TestCertificates.chain("other.test", "www.other.test");
		SmtpProbeResult result = probeCertificate(certificate, TlsSettings.trusting(certificate.trustManagers()));
		assertFailure(result, Phase.TLS, FailureKind.TLS, null,
				"TLS handshake failed: certificate does not match the host name; it names other.test, www.other.test");
	}

	@Test
	void startTlsWhenSelfSignedCertificateIsNotTrustedShouldSaySo() {
		TestCertificate certificate = TestCertificates.selfSigned(HOST);
		SmtpProbeResult result = probeCertificate(certificate, TlsSettings.DEFAULT);
		assertFailure(result, Phase.TLS, FailureKind.TLS, null,
				"TLS handshake failed: self-signed certificate (" + subjectOf(certificate) + ") is not trusted");
	}

	@Test
	void startTlsWhenChainLacksItsIntermediateShouldSaySo() {
		TestCertificate certificate = TestCertificates.chain(HOST).leafOnly();
		SmtpProbeResult result = probeCertificate(certificate, TlsSettings.trusting(certificate.trustManagers()));
		ProbeFailure failure = failureOf(result);
		assertThat(failure.phase()).isEqualTo(Phase.TLS);
		assertThat(failure.kind()).isEqualTo(FailureKind.TLS);
		assertThat(failure.reason())
			.startsWith("TLS handshake failed: certificate issuer is not trusted or the chain is incomplete (issuer ")
			.contains("Intermediate CA");
	}

	@Test
	void startTlsWhenIntermediateCertificateExpiredShouldSaySo() throws Exception {
		TestCertificate certificate = ExpiredIntermediate.chain(HOST);
		SmtpProbeResult result = probeCertificate(certificate, TlsSettings.trusting(certificate.trustManagers()));
		ProbeFailure failure = failureOf(result);
		assertThat(failure.phase()).isEqualTo(Phase.TLS);
		assertThat(failure.kind()).isEqualTo(FailureKind.TLS);
		assertThat(failure.reason()).startsWith("TLS handshake failed: ").contains("expired");
	}

	@Test
	void startTlsWhenChainIsCompleteShouldSucceed() {
		TestCertificate certificate = TestCertificates.chain(HOST);
		SmtpProbeResult result = probeCertificate(certificate, TlsSettings.trusting(certificate.trustManagers()));
		assertThat(result.isSuccess()).as("%s", result).isTrue();
	}

	@Test
	void startTlsWhenHostnameVerificationIsOffShouldAcceptACertificateForAnotherHost() {
		TestCertificate certificate = TestCertificates.chain("other.test");
		SmtpProbeResult result = probeCertificate(certificate,
				TlsSettings.trusting(certificate.trustManagers()).withVerifyHostname(false));
		assertThat(result.isSuccess()).as("%s", result).isTrue();
		assertThat(result.tls()).isNotNull();
		assertThat(result.tls().subject()).contains("CN=other.test");
	}

	@Test
	void startTlsWhenHostnameVerificationIsOffShouldStillRejectAnUntrustedCertificate() {
		TestCertificate certificate = TestCertificates.selfSigned(HOST);
		SmtpProbeResult result = probeCertificate(certificate, TlsSettings.DEFAULT.withVerifyHostname(false));
		assertThat(failureOf(result).reason()).contains("is not trusted");
	}

	@Test
	void startTlsWhenHostnameVerificationIsOffShouldStillRejectAnExpiredCertificate() {
		TestCertificate certificate = TestCertificates.expired(HOST);
		SmtpProbeResult result = probeCertificate(certificate,
				TlsSettings.trusting(certificate.trustManagers()).withVerifyHostname(false));
		assertThat(failureOf(result).reason()).startsWith("TLS handshake failed: certificate expired on ");
	}

	@Test
	void startTlsWhenCertificateVerificationIsOffShouldAcceptAnyIssuerAndName() {
		// Validity dates are judged with or without verification:
		// SmtpProbeCertificateChainTests.
		for (TestCertificate certificate : List.of(TestCertificates.selfSigned("other.test"),
				TestCertificates.chain(HOST).leafOnly())) {
			SmtpProbeResult result = probeCertificate(certificate, TlsSettings.DEFAULT.withVerifyCertificate(false));
			assertThat(result.isSuccess()).as("%s with %s", result, certificate).isTrue();
			assertThat(result.tls()).isNotNull();
			assertThat(result.tls().notAfter()).isEqualTo(certificate.certificate().getNotAfter().toInstant());
		}
	}

	@Test
	void startTlsWhenNoTlsVersionInCommonShouldSaySo() {
		TestCertificate certificate = TestCertificates.selfSigned(HOST);
		TlsSettings onlyTls13 = new TlsSettings(List.of(certificate.trustManagers()), List.of(), true, true,
				List.of("TLSv1.3"), List.of());
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> startTlsDialogue(script, certificate.serverSslContext("TLSv1.2")))) {
			SmtpProbeResult result = probe(settings(HOST, server, TIMEOUT).security(Security.STARTTLS).tls(onlyTls13));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.phase()).isEqualTo(Phase.TLS);
			assertThat(failure.kind()).isEqualTo(FailureKind.TLS);
			assertThat(failure.reason()).startsWith("TLS handshake failed: no TLS version or cipher suite in common");
		}
	}

	/**
	 * What a TLS 1.0-only server answers on JDK 24+, which offers no {@code TLS_RSA_*}
	 * suite: a ServerHello with a suite the client never offered. Here on every JDK: a
	 * TLS 1.2 ServerHello choosing TLS_RSA_WITH_AES_128_CBC_SHA, to a client that offers
	 * one ECDHE suite only.
	 */
	@Test
	void smtpsWhenServerChoosesACipherSuiteNotOfferedShouldSayNoneIsInCommon() {
		byte[] serverHello = new byte[5 + 4 + 2 + 32 + 1 + 2 + 1];
		byte[] header = { 0x16, 0x03, 0x03, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26, 0x03, 0x03 };
		System.arraycopy(header, 0, serverHello, 0, header.length);
		serverHello[header.length + 32 + 2] = 0x2f;
		TlsSettings oneEcdheSuite = new TlsSettings(List.of(TestCertificates.selfSigned(HOST).trustManagers()),
				List.of(), true, true, List.of("TLSv1.2"), List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.sendRaw(serverHello).silence(Duration.ofSeconds(5)))) {
			ProbeFailure failure = failureOf(
					probe(settings(HOST, server, TIMEOUT).security(Security.SMTPS).tls(oneEcdheSuite)));
			assertThat(failure.phase()).isEqualTo(Phase.TLS);
			assertThat(failure.kind()).isEqualTo(FailureKind.TLS);
			assertThat(failure.reason()).isEqualTo("TLS handshake failed: no TLS version or cipher suite in common "
					+ "(Server selected improper ciphersuite TLS_RSA_WITH_AES_128_CBC_SHA)");
		}
	}

	@Test
	void startTlsWhenBytesAreInjectedAfterThe220ShouldDiscardThem() {
		TestCertificate certificate = TestCertificates.selfSigned(HOST);
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> throughStartTls(script, certificate.serverSslContext(), "250 SIZE 1000",
					"220 2.0.0 Ready to start TLS", "250-injected.test", "250 X-INJECTED")
				.send("250-scripted.test", "250 SIZE 2000")
				.expect("MAIL")
				.send("250 OK")
				.expect("RSET")
				.send("250 OK")
				.expect("QUIT")
				.send("221 Bye")
				.close())) {
			SmtpProbeResult result = probeSucceeding(startTls(server, certificate));
			assertThat(result.capabilities()).containsExactly("SIZE 2000");
			assertThat(result.quitProblem()).isNull();
			server.awaitCompleted(1, WAIT);
			assertThat(server.errors()).isEmpty();
		}
	}

	@Test
	void startTlsWhenPlaintextArrivesAfterThe220ShouldFailTheHandshake() {
		TestCertificate certificate = TestCertificates.selfSigned(HOST);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.offerStartTls()
			.send("220 2.0.0 Ready to start TLS")
			.delay(Duration.ofMillis(200))
			.send("250 X-INJECTED")
			.startTls(certificate.serverSslContext())
			.answerCommands())) {
			SmtpProbeResult result = probe(startTls(server, certificate));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.phase()).isEqualTo(Phase.TLS);
			assertThat(failure.kind()).isEqualTo(FailureKind.TLS);
			assertThat(failure.reason()).startsWith("TLS handshake failed: ");
			assertThat(result.capabilities()).containsExactly("STARTTLS");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("EHLO " + HELO, "STARTTLS");
		}
	}

	@Test
	void startTlsWhenNotAdvertisedShouldFailWithoutSendingAuthOrMail() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> greeting(script).expect("EHLO")
			.send("250-scripted.test", "250-AUTH PLAIN LOGIN", "250 SIZE 1000")
			.answerCommands("AUTH PLAIN LOGIN"))) {
			SmtpProbeResult result = probe(settings(HOST, server, TIMEOUT).security(Security.STARTTLS)
				.credentials(SmtpCredentials.ofPassword("alice", "secret-password"))
				.allowPlaintextAuth(true));
			assertFailure(result, Phase.STARTTLS, FailureKind.TLS, null, "STARTTLS not advertised by server");
			assertThat(result.tls()).isNull();
			assertThat(result.authMechanism()).isNull();
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("EHLO " + HELO);
			assertThat(server.received()).noneMatch((line) -> line.startsWith("AUTH") || line.startsWith("MAIL"));
		}
	}

	@Test
	void startTlsWhenRefusedWith454ShouldFailInStartTlsWithTheCode() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> script.offerStartTls()
			.send("454 4.7.0 TLS not available due to temporary reason")
			.answerCommands())) {
			SmtpProbeResult result = probe(settings(HOST, server, TIMEOUT).security(Security.STARTTLS));
			assertFailure(result, Phase.STARTTLS, FailureKind.REJECTED, 454,
					"STARTTLS rejected: 454 4.7.0 TLS not available due to temporary reason");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("EHLO " + HELO, "STARTTLS");
		}
	}

	/**
	 * {@code (case, what the server does after its 220 to STARTTLS, deadline, kind, reason)}
	 * for handshakes the server breaks.
	 */
	static Stream<Arguments> brokenHandshakes() {
		return Stream.of(
				Arguments.of("server goes silent: timeout in TLS", (Consumer<SmtpScript>) SmtpScript::silence,
						SHORT_TIMEOUT, FailureKind.TIMEOUT, "timed out after 3 s during the TLS handshake"),
				Arguments.of("server closes: says so", (Consumer<SmtpScript>) SmtpScript::close, TIMEOUT,
						FailureKind.TLS,
						"TLS handshake failed: the server closed the connection during the handshake"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenHandshakes")
	void startTlsWhenServerBreaksTheHandshakeShouldFailInTls(String description, Consumer<SmtpScript> after220,
			Duration timeout, FailureKind kind, String reason) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> after220.accept(script.offerStartTls().send("220 2.0.0 Ready to start TLS")))) {
			SmtpProbeResult result = probeInTime(settings(HOST, server, timeout).security(Security.STARTTLS));
			assertFailure(result, Phase.TLS, kind, null, reason);
		}
	}

	@Test
	void authWithoutTlsShouldBeRefusedBeforeSendingCredentials() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.offerAuth("PLAIN LOGIN").answerCommands("AUTH PLAIN LOGIN"))) {
			SmtpProbeResult result = probe(
					settings(server, TIMEOUT).credentials(SmtpCredentials.ofPassword("alice", "secret-password")));
			assertFailure(result, Phase.AUTH, FailureKind.POLICY, null,
					"refusing to send credentials over an unencrypted connection "
							+ "(use STARTTLS or SMTPS, or explicitly allow plaintext AUTH)");
			server.awaitCompleted(1, WAIT);
			assertThat(server.received()).containsExactly("EHLO " + HELO);
		}
	}

	@Test
	void authWithoutTlsWhenPlaintextIsAllowedShouldSendCredentials() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.offerAuth("PLAIN LOGIN").acceptAuthPlain().answerCommands())) {
			SmtpProbeResult result = probeSucceeding(
					settings(server, TIMEOUT).credentials(SmtpCredentials.ofPassword("alice", "secret-password"))
						.allowPlaintextAuth(true));
			assertThat(result.authMechanism()).isEqualTo("PLAIN");
			server.awaitCompleted(1, WAIT);
			assertThat(server.receivedInPlaintext()).anyMatch((line) -> line.startsWith("AUTH PLAIN "));
		}
	}

	@Test
	void authAfterStartTlsShouldTravelOnlyOverTls() {
		TestCertificate certificate = TestCertificates.selfSigned(HOST);
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> throughStartTls(script, certificate.serverSslContext(), "250 AUTH PLAIN LOGIN",
					"220 2.0.0 Ready to start TLS")
				.send("250-scripted.test", "250 AUTH LOGIN")
				.acceptAuthLogin()
				.answerCommands())) {
			SmtpProbeResult result = probeSucceeding(
					startTls(server, certificate).credentials(SmtpCredentials.ofPassword("alice", "secret-password")));
			assertThat(result.authMechanism()).isEqualTo("LOGIN");
			server.awaitCompleted(1, WAIT);
			assertThat(server.receivedInPlaintext()).containsExactly("EHLO " + HELO, "STARTTLS");
			assertThat(server.receivedLines()).filteredOn(ReceivedLine::tls)
				.extracting(ReceivedLine::text)
				.startsWith("EHLO " + HELO, "AUTH LOGIN");
		}
	}

	private static SmtpProbeResult probeCertificate(TestCertificate certificate, TlsSettings tls) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start((script) -> startTlsDialogue(script, certificate))) {
			SmtpProbeResult result = probe(settings(HOST, server, TIMEOUT).security(Security.STARTTLS).tls(tls));
			assertWithinDeadline(result, TIMEOUT);
			if (!result.isSuccess()) {
				assertThat(result.phases()).doesNotContainKey(Phase.MAIL);
			}
			return result;
		}
	}

	private static SmtpProbeSettings.Builder startTls(ScriptedSmtpServer server, TestCertificate certificate) {
		return settings(HOST, server, TIMEOUT).security(Security.STARTTLS)
			.tls(TlsSettings.trusting(certificate.trustManagers()));
	}

	private static SmtpScript startTlsDialogue(SmtpScript script, TestCertificate certificate) {
		return startTlsDialogue(script, certificate.serverSslContext());
	}

	private static SmtpScript startTlsDialogue(SmtpScript script, SSLContext context) {
		return throughStartTls(script, context, "250 X-BEFORE-TLS", "220 2.0.0 Ready to start TLS")
			.send("250-scripted.test", "250-AUTH PLAIN", "250 SIZE 1000")
			.mailRsetQuit();
	}

	/**
	 * Greet, offer STARTTLS with one more extension after it, answer STARTTLS with the
	 * given lines, start TLS and read the second EHLO, leaving its reply to the caller.
	 */
	private static SmtpScript throughStartTls(SmtpScript script, SSLContext context, String lastExtension,
			String... startTlsReply) {
		return greeting(script).expect("EHLO")
			.send("250-scripted.test", "250-STARTTLS", lastExtension)
			.expect("STARTTLS")
			.send(startTlsReply)
			.startTls(context)
			.expect("EHLO");
	}

	private static SmtpScript greeting(SmtpScript script) {
		return script.send("220 scripted.test ESMTP ready");
	}

	/**
	 * The reason the probe gives for a certificate outside its validity window.
	 */
	private static String explained(String what, Instant when, TestCertificate certificate) {
		return "TLS handshake failed: certificate " + what + " " + DATE.format(when) + " (" + subjectOf(certificate)
				+ ")";
	}

	private static String subjectOf(TestCertificate certificate) {
		return certificate.certificate().getSubjectX500Principal().getName();
	}

	/**
	 * A chain whose leaf is valid but whose intermediate CA expired yesterday, which
	 * {@link TestCertificates} cannot make: its CAs are always valid.
	 */
	private static final class ExpiredIntermediate {

		static TestCertificate chain(String host) throws Exception {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair rootKeys = generator.generateKeyPair();
			KeyPair intermediateKeys = generator.generateKeyPair();
			KeyPair leafKeys = generator.generateKeyPair();
			Instant now = Instant.now();
			X500Name rootName = new X500Name("CN=Expired-Intermediate Test Root");
			X500Name intermediateName = new X500Name("CN=Expired Test Intermediate");
			X509Certificate root = sign(
					new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, Date.from(now.minus(Duration.ofDays(30))),
							Date.from(now.plus(Duration.ofDays(365))), rootName, rootKeys.getPublic())
						.addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
					rootKeys);
			X509Certificate intermediate = sign(
					new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO, Date.from(now.minus(Duration.ofDays(30))),
							Date.from(now.minus(Duration.ofDays(1))), intermediateName, intermediateKeys.getPublic())
						.addExtension(Extension.basicConstraints, true, new BasicConstraints(0)),
					rootKeys);
			X509Certificate leaf = sign(new JcaX509v3CertificateBuilder(intermediateName, BigInteger.TEN,
					Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(90))),
					new X500Name("CN=" + host), leafKeys.getPublic())
				.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(new GeneralName(GeneralName.dNSName, host))),
					intermediateKeys);
			return new TestCertificate(leaf, List.of(leaf, intermediate), leafKeys.getPrivate(), root);
		}

		private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) throws Exception {
			ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
			return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
		}

	}

}
