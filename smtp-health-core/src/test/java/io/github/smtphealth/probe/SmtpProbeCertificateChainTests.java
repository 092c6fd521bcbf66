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

import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.smtphealth.probe.ProbeFixtures.failureOf;
import static io.github.smtphealth.probe.ProbeFixtures.probe;
import static io.github.smtphealth.probe.ProbeFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the probe against the whole certificate chain: expiry is the chain's earliest
 * (presented chain and verified path), judged by one rule with or without verification,
 * and a server's demand for a client certificate is a TLS failure that says so, over TLS
 * 1.2 and 1.3.
 */
class SmtpProbeCertificateChainTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Instant NOW = Instant.now();

	/**
	 * A leaf valid for 300 days through an intermediate that expires in 2 days.
	 */
	private static final TestCertificate EXPIRING_INTERMEDIATE = TestCertificates.builder("127.0.0.1")
		.validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)))
		.intermediateValidity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(2)))
		.build();

	@Test
	void expiryShouldBeTheIntermediatesWhenItExpiresFirst() {
		SmtpProbeResult result = probeSmtps(EXPIRING_INTERMEDIATE, verifying(EXPIRING_INTERMEDIATE));
		assertThat(result.isSuccess()).as("%s", result).isTrue();
		TlsInfo tls = result.tls();
		assertThat(tls).isNotNull();
		assertThat(tls.subject()).contains("CN=127.0.0.1");
		assertThat(tls.issuer()).contains("Intermediate CA");
		assertThat(tls.notAfter()).isEqualTo(EXPIRING_INTERMEDIATE.certificate().getNotAfter().toInstant());
		assertThat(tls.expiresFirst().position()).isEqualTo(2);
		assertThat(tls.expiresFirst().presented()).isTrue();
		assertThat(tls.expiresFirst().subject()).contains("Intermediate CA");
		assertThat(tls.expiresFirst().notAfter())
			.isEqualTo(EXPIRING_INTERMEDIATE.chain().get(1).getNotAfter().toInstant());
		assertThat(tls.timeUntilExpiry(Instant.now())).isBetween(Duration.ofDays(1), Duration.ofDays(2));
	}

	@Test
	void expiryShouldBeTheIntermediatesWithoutVerificationToo() {
		SmtpProbeResult result = probeSmtps(EXPIRING_INTERMEDIATE, TlsSettings.DEFAULT.withVerifyCertificate(false));
		assertThat(result.isSuccess()).as("%s", result).isTrue();
		assertThat(result.tls().expiresFirst().position()).isEqualTo(2);
		assertThat(result.tls().timeUntilExpiry(Instant.now())).isLessThan(Duration.ofDays(2));
	}

	@Test
	void expiryShouldIncludeTheTrustAnchorOfTheVerifiedPathOnEveryProbe() {
		// The root (ten years) expires before the intermediate and the leaf, and is never
		// presented.
		TestCertificate outlivesRoot = TestCertificates.builder("127.0.0.1")
			.validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(5000)))
			.intermediateValidity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(5000)))
			.build();
		SmtpProbe probe = new SmtpProbe(settingsFor(outlivesRoot, verifying(outlivesRoot)).build());
		try (ScriptedSmtpServer server = smtpsServer(outlivesRoot.serverSslContext())) {
			SmtpProbe reachingIt = new SmtpProbe(
					settings(server, TIMEOUT).security(Security.SMTPS).tls(probe.settings().tls()).build());
			// Twice through one probe: without TLS resumption the path is verified, and
			// seen, each time.
			for (int run = 0; run < 2; run++) {
				SmtpProbeResult result = reachingIt.run();
				assertThat(result.isSuccess()).as("%s", result).isTrue();
				ChainCertificate first = result.tls().expiresFirst();
				assertThat(first.presented()).as("run %d", run).isFalse();
				assertThat(first.position()).isEqualTo(3);
				assertThat(first.subject()).contains("Root CA");
				assertThat(first.describe()).isEqualTo("certificate 3 of the verified path");
			}
		}
	}

	@Test
	void expiredIntermediateShouldBeDownInTlsWithOrWithoutVerification() {
		TestCertificate expiredIntermediate = TestCertificates.builder("127.0.0.1")
			.intermediateValidity(NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(1)))
			.build();
		for (TlsSettings tls : List.of(verifying(expiredIntermediate),
				TlsSettings.DEFAULT.withVerifyCertificate(false))) {
			SmtpProbeResult result = probeSmtps(expiredIntermediate, tls);
			assertTlsFailure(result, "TLS handshake failed: certificate 2 of the chain expired on ");
			assertThat(failureOf(result).reason()).as("verify %s", tls.verifyCertificate()).contains("Intermediate CA");
		}
	}

	static Stream<Arguments> leavesOutsideTheirValidity() {
		return Stream.of(
				Arguments.of("not yet valid", TestCertificates.notYetValid("127.0.0.1"),
						"TLS handshake failed: certificate not valid until "),
				Arguments.of("expired", TestCertificates.expired("127.0.0.1"),
						"TLS handshake failed: certificate expired on "));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("leavesOutsideTheirValidity")
	void leafOutsideItsValidityShouldBeDownInTlsWithOrWithoutVerification(String name, TestCertificate leaf,
			String reason) {
		for (TlsSettings tls : List.of(verifying(leaf), TlsSettings.DEFAULT.withVerifyCertificate(false))) {
			assertTlsFailure(probeSmtps(leaf, tls), reason);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void clientCertificateRequiredOverSmtpsShouldFailInTlsSayingSo(String protocol) {
		TestCertificate certificate = TestCertificates.selfSigned("127.0.0.1");
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTlsRequiringClientCertificate(certificate.serverSslContext(protocol))
				.send("220 scripted.test ESMTP ready")
				.answerCommands())) {
			SmtpProbeResult result = probe(
					settings(server, TIMEOUT).security(Security.SMTPS).tls(verifying(certificate)));
			assertTlsFailure(result, "TLS handshake failed: the server asked for a "
					+ "client certificate (CertificateRequest) and none is configured");
			assertThat(result.tls()).isNull();
			assertThat(result.greeting()).isNull();
		}
	}

	@Test
	void clientCertificateRequiredOverTls13StartTlsShouldFailInTlsSayingSo() {
		TestCertificate certificate = TestCertificates.selfSigned("127.0.0.1");
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 scripted.test ESMTP ready")
				.expect("EHLO")
				.send("250-scripted.test", "250 STARTTLS")
				.expect("STARTTLS")
				.send("220 go ahead")
				.startTlsRequiringClientCertificate(certificate.serverSslContext("TLSv1.3"))
				.answerCommands())) {
			SmtpProbeResult result = probe(
					settings(server, TIMEOUT).security(Security.STARTTLS).tls(verifying(certificate)));
			assertTlsFailure(result,
					"the server asked for a client certificate (CertificateRequest) and none is configured");
		}
	}

	@Test
	void clientCertificateFromAnIssuerTheServerDoesNotAcceptShouldFailInTlsSayingSo() throws Exception {
		TestCertificate certificate = TestCertificates.selfSigned("127.0.0.1");
		TestCertificate client = TestCertificates.selfSigned("probe-client");
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		KeyStore keyStore = client.keyStore();
		keyManagers.init(keyStore, TestCertificate.PASSWORD.toCharArray());
		TlsSettings tls = verifying(certificate);
		tls = new TlsSettings(tls.trustManagers(), List.of(keyManagers.getKeyManagers()), true, true, List.of(),
				List.of());
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTlsRequiringClientCertificate(certificate.serverSslContext("TLSv1.3"))
				.send("220 scripted.test ESMTP ready")
				.answerCommands())) {
			SmtpProbeResult result = probe(settings(server, TIMEOUT).security(Security.SMTPS).tls(tls));
			assertTlsFailure(result, "TLS handshake failed: the server asked for a client certificate "
					+ "(CertificateRequest) and none of the configured ones is of a type or from an issuer it accepts");
		}
	}

	private static void assertTlsFailure(SmtpProbeResult result, String reason) {
		ProbeFailure failure = failureOf(result);
		assertThat(failure.phase()).as("%s", failure).isEqualTo(Phase.TLS);
		assertThat(failure.kind()).as("%s", failure).isEqualTo(FailureKind.TLS);
		assertThat(failure.reason()).contains(reason);
	}

	private static SmtpProbeResult probeSmtps(TestCertificate served, TlsSettings tls) {
		try (ScriptedSmtpServer server = smtpsServer(served.serverSslContext())) {
			return probe(settings(server, TIMEOUT).security(Security.SMTPS).tls(tls));
		}
	}

	private static SmtpProbeSettings.Builder settingsFor(TestCertificate certificate, TlsSettings tls) {
		return SmtpProbeSettings.builder("127.0.0.1").security(Security.SMTPS).tls(tls);
	}

	private static ScriptedSmtpServer smtpsServer(SSLContext context) {
		return ScriptedSmtpServer
			.start((script) -> script.startTls(context).send("220 scripted.test ESMTP ready").answerCommands());
	}

	private static TlsSettings verifying(TestCertificate certificate) {
		return TlsSettings.trusting(certificate.trustManagers());
	}

}
