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

package io.github.smtphealth.testsupport;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link TestCertificates} and {@link TestCertificate}.
 */
class TestCertificatesTests {

	private static final int GENERAL_NAME_DNS = 2;

	private static final int GENERAL_NAME_IP = 7;

	@Test
	void selfSignedHasCommonNameAndSubjectAlternativeNames() throws Exception {
		TestCertificate certificate = TestCertificates.selfSigned("localhost", "127.0.0.1", "::1", "[::2]",
				"mail.example.test");
		X509Certificate leaf = certificate.certificate();
		assertThat(leaf.getSubjectX500Principal().getName()).startsWith("CN=localhost,");
		Collection<List<?>> names = leaf.getSubjectAlternativeNames();
		assertThat(names).containsExactly(List.of(GENERAL_NAME_DNS, "localhost"), List.of(GENERAL_NAME_IP, "127.0.0.1"),
				List.of(GENERAL_NAME_IP, "0:0:0:0:0:0:0:1"), List.of(GENERAL_NAME_IP, "0:0:0:0:0:0:0:2"),
				List.of(GENERAL_NAME_DNS, "mail.example.test"));
	}

	@Test
	void selfSignedIsValidFromYesterdayForAYear() {
		X509Certificate leaf = TestCertificates.selfSigned("localhost").certificate();
		Instant now = Instant.now();
		assertThat(leaf.getNotBefore().toInstant()).isCloseTo(now.minus(Duration.ofDays(1)),
				within(1, ChronoUnit.MINUTES));
		assertThat(leaf.getNotAfter().toInstant()).isCloseTo(now.plus(Duration.ofDays(365)),
				within(1, ChronoUnit.MINUTES));
	}

	@Test
	void selfSignedIsItsOwnChainAndTrustAnchor() throws Exception {
		TestCertificate certificate = TestCertificates.selfSigned("localhost");
		assertThat(certificate.chain()).containsExactly(certificate.certificate());
		assertThat(certificate.trustAnchor()).isSameAs(certificate.certificate());
		certificate.certificate().verify(certificate.certificate().getPublicKey());
		assertThat(certificate.certificate().getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.certificate().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
	}

	@Test
	void builderUsesGivenValidity() {
		Instant notBefore = Instant.parse("2020-01-01T00:00:00Z");
		Instant notAfter = Instant.parse("2021-01-01T00:00:00Z");
		X509Certificate leaf = TestCertificates.builder("localhost")
			.validity(notBefore, notAfter)
			.build()
			.certificate();
		assertThat(leaf.getNotBefore().toInstant()).isEqualTo(notBefore);
		assertThat(leaf.getNotAfter().toInstant()).isEqualTo(notAfter);
	}

	@Test
	void expiredAndNotYetValidAreIssuedByATrustedRoot() {
		TestCertificate expired = TestCertificates.expired("localhost");
		TestCertificate notYetValid = TestCertificates.notYetValid("localhost");
		assertThatExceptionOfType(CertificateExpiredException.class)
			.isThrownBy(() -> expired.certificate().checkValidity());
		assertThatExceptionOfType(CertificateNotYetValidException.class)
			.isThrownBy(() -> notYetValid.certificate().checkValidity());
		assertThat(expired.trustAnchor()).isNotEqualTo(expired.certificate());
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> checkServerTrusted(expired, expired))
			.withRootCauseInstanceOf(CertificateExpiredException.class);
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> checkServerTrusted(notYetValid, notYetValid))
			.withRootCauseInstanceOf(CertificateNotYetValidException.class);
	}

	@Test
	void expiredSelfSignedCertificateIsAcceptedWhenTrustedDirectly() {
		// Why expired() issues from a root: the JDK skips validity checks on a trusted
		// certificate
		TestCertificate certificate = TestCertificates.builder("localhost").expired().build();
		assertThat(certificate.trustAnchor()).isSameAs(certificate.certificate());
		assertThatNoException().isThrownBy(() -> checkServerTrusted(certificate, certificate));
	}

	@Test
	void chainIsLeafIntermediateAndRoot() throws Exception {
		TestCertificate certificate = TestCertificates.chain("localhost");
		assertThat(certificate.chain()).hasSize(2);
		X509Certificate leaf = certificate.chain().get(0);
		X509Certificate intermediate = certificate.chain().get(1);
		X509Certificate root = certificate.trustAnchor();
		leaf.verify(intermediate.getPublicKey());
		intermediate.verify(root.getPublicKey());
		root.verify(root.getPublicKey());
		assertThat(leaf.getIssuerX500Principal()).isEqualTo(intermediate.getSubjectX500Principal());
		assertThat(intermediate.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
		assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
		assertThat(intermediate.getBasicConstraints()).isZero();
		assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void trustManagersAcceptCompleteChainAndRejectLeafOnly() {
		TestCertificate certificate = TestCertificates.chain("localhost");
		assertThatNoException().isThrownBy(() -> checkServerTrusted(certificate, certificate));
		assertThat(certificate.leafOnly().chain()).containsExactly(certificate.certificate());
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> checkServerTrusted(certificate, certificate.leafOnly()))
			.withMessageContaining("unable to find valid certification path");
	}

	@Test
	void certificatesWithTheSameNamesDoNotTrustEachOther() {
		TestCertificate first = TestCertificates.selfSigned("localhost");
		TestCertificate second = TestCertificates.selfSigned("localhost");
		TestCertificate firstChain = TestCertificates.chain("localhost");
		TestCertificate secondChain = TestCertificates.chain("localhost");
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> checkServerTrusted(first, second));
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> checkServerTrusted(firstChain, secondChain));
	}

	@Test
	void rsaGivesTheLeafAnRsaKey() {
		TestCertificate certificate = TestCertificates.builder("localhost").rsa().issuedByRoot().build();
		assertThat(certificate.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
		assertThat(certificate.privateKey().getAlgorithm()).isEqualTo("RSA");
		assertThatNoException().isThrownBy(() -> checkServerTrusted(certificate, certificate));
	}

	@Test
	void trustStoreHoldsTheTrustAnchor() throws Exception {
		TestCertificate certificate = TestCertificates.chain("localhost");
		assertThat(certificate.trustStore().getCertificate("ca")).isEqualTo(certificate.trustAnchor());
		assertThat(certificate.keyStore().getCertificateChain("server"))
			.containsExactly(certificate.chain().toArray(new Certificate[0]));
	}

	@Test
	void serverSslContextWithProtocolsEnablesOnlyThem() throws Exception {
		SSLContext context = TestCertificates.selfSigned("localhost").serverSslContext("TLSv1.2");
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
			assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.2");
		}
		SSLEngine engine = context.createSSLEngine();
		assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.2");
		assertThat(context.getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.2");
	}

	@Test
	void serverSslContextWithUnknownProtocolThrows() {
		TestCertificate certificate = TestCertificates.selfSigned("localhost");
		assertThatIllegalArgumentException().isThrownBy(() -> certificate.serverSslContext("SSLv9"))
			.withMessageContaining("SSLv9");
	}

	@Test
	void builderWithoutNamesThrows() {
		assertThatIllegalArgumentException().isThrownBy(TestCertificates::builder);
		assertThatIllegalArgumentException().isThrownBy(() -> TestCertificates.selfSigned("localhost", " "));
	}

	@Test
	void writePemWritesChainKeyAndTrustAnchor(@TempDir Path directory) throws Exception {
		TestCertificate certificate = TestCertificates.chain("localhost");
		PemFiles files = certificate.writePem(directory.resolve("pem"));
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		try (InputStream in = Files.newInputStream(files.certificate())) {
			List<Certificate> chain = new ArrayList<>(factory.generateCertificates(in));
			assertThat(chain).containsExactlyElementsOf(certificate.chain());
		}
		try (InputStream in = Files.newInputStream(files.ca())) {
			assertThat(factory.generateCertificate(in)).isEqualTo(certificate.trustAnchor());
		}
		String key = Files.readString(files.privateKey(), StandardCharsets.US_ASCII);
		assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
		byte[] der = Base64.getMimeDecoder()
			.decode(key.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
		PrivateKey parsed = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
		assertThat(parsed).isEqualTo(certificate.privateKey());
		assertThat(files.bundleProperties("smtp")).containsExactly(
				"spring.ssl.bundle.pem.smtp.keystore.certificate=file:" + files.certificate().toAbsolutePath(),
				"spring.ssl.bundle.pem.smtp.keystore.private-key=file:" + files.privateKey().toAbsolutePath(),
				"spring.ssl.bundle.pem.smtp.truststore.certificate=file:" + files.ca().toAbsolutePath());
	}

	@Test
	void isIpAddressDetectsLiterals() {
		assertThat(TestCertificates.isIpAddress("127.0.0.1")).isTrue();
		assertThat(TestCertificates.isIpAddress("::1")).isTrue();
		assertThat(TestCertificates.isIpAddress("[::1]")).isTrue();
		assertThat(TestCertificates.isIpAddress("fe80::1")).isTrue();
		assertThat(TestCertificates.isIpAddress("localhost")).isFalse();
		assertThat(TestCertificates.isIpAddress("1.2.3.4.example")).isFalse();
		assertThat(TestCertificates.isIpAddress("999.1.1.1")).isFalse();
	}

	private static void checkServerTrusted(TestCertificate trusted, TestCertificate served)
			throws CertificateException {
		X509TrustManager trustManager = (X509TrustManager) trusted.trustManagers()[0];
		String authType = "RSA".equals(served.privateKey().getAlgorithm()) ? "ECDHE_RSA" : "ECDHE_ECDSA";
		trustManager.checkServerTrusted(served.chain().toArray(new X509Certificate[0]), authType);
	}

}
