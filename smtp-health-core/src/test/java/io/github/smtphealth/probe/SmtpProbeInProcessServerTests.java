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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

import static io.github.smtphealth.probe.ProbeFixtures.HELO;
import static io.github.smtphealth.probe.ProbeFixtures.assertFailure;
import static io.github.smtphealth.probe.ProbeFixtures.failureOf;
import static io.github.smtphealth.probe.ProbeFixtures.probe;
import static io.github.smtphealth.probe.ProbeFixtures.probeSucceeding;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmtpProbe} against real SMTP servers running in this JVM: SubEthaSMTP
 * (plain, STARTTLS with requireTLS, SMTPS; AUTH PLAIN and LOGIN) and GreenMail (SMTPS;
 * AUTH PLAIN, LOGIN and XOAUTH2), each with a certificate made at test time.
 * <p>
 * GreenMail reads its TLS key store once per JVM, from the
 * {@code greenmail.tls.keystore.file} system property or else its bundled one. This class
 * installs a test-time certificate through the property but trusts whichever certificate
 * GreenMail actually serves, without host name verification, so it does not depend on
 * being the first to start GreenMail; full verification is covered by the SubEthaSMTP
 * tests.
 */
class SmtpProbeInProcessServerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String LOOPBACK = "127.0.0.1";

	static final String USER = "alice";

	static final String PASSWORD = "s3cret-Passw0rd";

	static final TestCertificate CERTIFICATE = TestCertificates.chain("localhost", LOOPBACK);

	@TempDir
	static Path temp;

	private static GreenMail greenMail;

	private static X509Certificate greenMailCertificate;

	@BeforeAll
	static void startGreenMail() throws IOException, GeneralSecurityException {
		Path keyStore = temp.resolve("greenmail.p12");
		try (OutputStream out = Files.newOutputStream(keyStore)) {
			TestCertificates.selfSigned("localhost", LOOPBACK)
				.keyStore()
				.store(out, TestCertificate.PASSWORD.toCharArray());
		}
		System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keyStore.toString());
		System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, TestCertificate.PASSWORD);
		try {
			greenMailCertificate = servedBy(
					((DummySSLServerSocketFactory) DummySSLServerSocketFactory.getDefault()).getKeyStore());
		}
		finally {
			System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY);
			System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY);
		}
		greenMail = new GreenMail(new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTPS));
		greenMail.setUser("alice@example.com", USER, PASSWORD);
		greenMail.start();
	}

	@AfterAll
	static void stopGreenMail() {
		if (greenMail != null) {
			greenMail.stop();
		}
	}

	@Test
	void subEthaSmtpWithoutSecurityShouldSucceed() {
		withSubEthaSmtp((server) -> {
		}, (port) -> {
			SmtpProbeResult result = probeSucceeding(
					settings(port).mailFrom("probe@example.com").rcptTo("postmaster@example.com"));
			assertThat(result.greeting()).startsWith("220 subetha.test");
			assertThat(result.capabilities()).contains("8BITMIME");
			assertThat(result.phases()).containsKeys(Phase.CONNECT, Phase.GREETING, Phase.EHLO, Phase.MAIL, Phase.RCPT,
					Phase.RSET, Phase.QUIT);
			assertThat(result.tls()).isNull();
			assertThat(result.quitProblem()).isNull();
		});
	}

	@Test
	void subEthaSmtpWhenRecipientIsRefusedShouldFailInRcpt() {
		withSubEthaSmtp((server) -> server.messageHandlerFactory(SmtpProbeInProcessServerTests::refusingNobody),
				(port) -> assertFailure(probe(settings(port).rcptTo("nobody@example.com")), Phase.RCPT,
						FailureKind.REJECTED, 550, "RCPT TO rejected: 550 5.1.1 No such user here"));
	}

	@Test
	void subEthaSmtpWithStartTlsAndAuthPlainShouldSucceed() {
		withSubEthaSmtp(SmtpProbeInProcessServerTests::requireTlsAndAuth, (port) -> {
			SmtpProbeResult result = probeSucceeding(
					startTls(port).credentials(SmtpCredentials.ofPassword(USER, PASSWORD)));
			assertThat(result.authMechanism()).isEqualTo("PLAIN");
			assertThat(result.capabilities()).anyMatch((line) -> line.startsWith("AUTH "));
			assertThat(result.phases()).containsKeys(Phase.STARTTLS, Phase.TLS, Phase.AUTH);
			TlsInfo tls = result.tls();
			assertThat(tls).isNotNull();
			assertThat(tls.subject()).contains("CN=localhost");
			assertThat(tls.notAfter()).isEqualTo(CERTIFICATE.certificate().getNotAfter().toInstant());
		});
	}

	@Test
	void subEthaSmtpWithStartTlsAndAuthLoginShouldSucceed() {
		withSubEthaSmtp(SmtpProbeInProcessServerTests::requireTlsAndAuth, (port) -> {
			SmtpProbeResult result = probeSucceeding(
					startTls(port).credentials(SmtpCredentials.ofPassword(USER, PASSWORD))
						.authMechanism(AuthMechanism.LOGIN));
			assertThat(result.authMechanism()).isEqualTo("LOGIN");
		});
	}

	@Test
	void subEthaSmtpWithWrongPasswordShouldFailInAuthWith535() {
		withSubEthaSmtp(SmtpProbeInProcessServerTests::requireTlsAndAuth, (port) -> {
			SmtpProbeResult result = probe(
					startTls(port).credentials(SmtpCredentials.ofPassword(USER, "wrong-password")));
			assertFailure(result, Phase.AUTH, FailureKind.REJECTED, 535,
					"AUTH rejected: 535 Authentication credentials invalid");
			assertThat(result.tls()).isNotNull();
		});
	}

	@Test
	void subEthaSmtpRequiringTlsWhenProbedWithoutTlsShouldFailInMail() {
		withSubEthaSmtp(SmtpProbeInProcessServerTests::requireTlsAndAuth, (port) -> {
			SmtpProbeResult result = probe(settings(port));
			ProbeFailure failure = failureOf(result);
			assertThat(failure.phase()).isEqualTo(Phase.MAIL);
			assertThat(failure.kind()).isEqualTo(FailureKind.REJECTED);
			assertThat(failure.replyCode()).isEqualTo(530);
			assertThat(failure.reason()).startsWith("MAIL FROM rejected: 530 ");
		});
	}

	@Test
	void subEthaSmtpWithSmtpsShouldSucceed() {
		withSubEthaSmtp((server) -> server.serverSocketFactory(CERTIFICATE.serverSslContext())
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(SmtpProbeInProcessServerTests::login)),
				(port) -> {
					SmtpProbeResult result = probeSucceeding(settings(port).security(Security.SMTPS)
						.tls(TlsSettings.trusting(CERTIFICATE.trustManagers()))
						.credentials(SmtpCredentials.ofPassword(USER, PASSWORD)));
					assertThat(result.authMechanism()).isEqualTo("PLAIN");
					assertThat(result.tls()).isNotNull();
					assertThat(result.phases()).containsKey(Phase.TLS).doesNotContainKey(Phase.STARTTLS);
				});
	}

	@Test
	void greenMailWithSmtpsAndAuthPlainShouldSucceed() {
		SmtpProbeResult result = probeSucceeding(greenMail().credentials(SmtpCredentials.ofPassword(USER, PASSWORD)));
		assertThat(result.authMechanism()).isEqualTo("PLAIN");
		TlsInfo tls = result.tls();
		assertThat(tls).isNotNull();
		assertThat(tls.notAfter()).isEqualTo(greenMailCertificate.getNotAfter().toInstant());
		assertThat(result.phases()).containsKeys(Phase.TLS, Phase.GREETING, Phase.EHLO, Phase.AUTH, Phase.MAIL,
				Phase.RSET, Phase.QUIT);
	}

	@Test
	void greenMailWithSmtpsAndAuthLoginShouldSucceed() {
		SmtpProbeResult result = probeSucceeding(
				greenMail().credentials(SmtpCredentials.ofPassword(USER, PASSWORD)).authMechanism(AuthMechanism.LOGIN));
		assertThat(result.authMechanism()).isEqualTo("LOGIN");
	}

	@Test
	void greenMailWithSmtpsAndXoauth2ShouldSucceed() {
		SmtpProbeResult result = probeSucceeding(
				greenMail().credentials(SmtpCredentials.ofToken(USER, PASSWORD)).authMechanism(AuthMechanism.XOAUTH2));
		assertThat(result.authMechanism()).isEqualTo("XOAUTH2");
	}

	@Test
	void greenMailWithWrongPasswordShouldFailInAuthWith535() {
		SmtpProbeResult result = probe(greenMail().credentials(SmtpCredentials.ofPassword(USER, "wrong-password")));
		ProbeFailure failure = failureOf(result);
		assertThat(failure.phase()).isEqualTo(Phase.AUTH);
		assertThat(failure.kind()).isEqualTo(FailureKind.REJECTED);
		assertThat(failure.replyCode()).isEqualTo(535);
		assertThat(failure.reason()).startsWith("AUTH rejected: 535 5.7.8")
			.endsWith("Authentication credentials invalid");
	}

	@Test
	void greenMailWhenCertificateIsNotTrustedShouldFailInTls() {
		SmtpProbeResult result = probe(greenMail().tls(TlsSettings.DEFAULT));
		ProbeFailure failure = failureOf(result);
		assertThat(failure.phase()).isEqualTo(Phase.TLS);
		assertThat(failure.kind()).isEqualTo(FailureKind.TLS);
		assertThat(failure.reason()).startsWith("TLS handshake failed: ");
	}

	static SmtpProbeSettings.Builder settings(int port) {
		return SmtpProbeSettings.builder(LOOPBACK).port(port).heloName(HELO).timeout(TIMEOUT);
	}

	static SmtpProbeSettings.Builder startTls(int port) {
		return settings(port).security(Security.STARTTLS).tls(TlsSettings.trusting(CERTIFICATE.trustManagers()));
	}

	private static SmtpProbeSettings.Builder greenMail() {
		return settings(greenMail.getSmtps().getPort()).security(Security.SMTPS)
			.tls(TlsSettings.trusting(trusting(greenMailCertificate)).withVerifyHostname(false));
	}

	static void withSubEthaSmtp(Consumer<SMTPServer.Builder> customizer, IntConsumer test) {
		SMTPServer.Builder builder = SMTPServer.port(0).bindAddress(loopback()).hostName("subetha.test");
		customizer.accept(builder);
		SMTPServer server = builder.build();
		server.start();
		try {
			test.accept(server.getPortAllocated());
		}
		finally {
			server.stop();
		}
	}

	static void requireTlsAndAuth(SMTPServer.Builder server) {
		server.enableTLS()
			.requireTLS()
			.startTlsSocketFactory(CERTIFICATE.serverSslContext())
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(SmtpProbeInProcessServerTests::login));
	}

	private static void login(String username, String password, MessageContext context) throws LoginFailedException {
		if (!USER.equals(username) || !PASSWORD.equals(password)) {
			throw new LoginFailedException();
		}
	}

	private static MessageHandler refusingNobody(MessageContext context) {
		return new MessageHandler() {

			@Override
			public void from(String from) {
			}

			@Override
			public void recipient(String recipient) throws RejectException {
				if (recipient.startsWith("nobody@")) {
					throw new RejectException(550, "5.1.1 No such user here");
				}
			}

			@Override
			public String data(InputStream data) {
				return null;
			}

			@Override
			public void done() {
			}

		};
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByName(LOOPBACK);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate servedBy(KeyStore keyStore) throws GeneralSecurityException {
		for (String alias : Collections.list(keyStore.aliases())) {
			if (keyStore.isKeyEntry(alias)) {
				return (X509Certificate) keyStore.getCertificateChain(alias)[0];
			}
		}
		throw new IllegalStateException("GreenMail's key store holds no key");
	}

	private static TrustManager[] trusting(X509Certificate certificate) {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			trustStore.setCertificateEntry("greenmail", certificate);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trustStore);
			return factory.getTrustManagers();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
