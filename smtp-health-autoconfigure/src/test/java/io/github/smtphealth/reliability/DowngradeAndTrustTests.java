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

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.smtphealth.autoconfigure.FirstVerdict;
import io.github.smtphealth.autoconfigure.SmtpHealthContributorAutoConfiguration;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.smtphealth.reliability.Scripts.acceptPlain;
import static io.github.smtphealth.reliability.Scripts.ehlo;
import static io.github.smtphealth.reliability.Scripts.greet;
import static io.github.smtphealth.reliability.Scripts.mailRsetQuit;
import static io.github.smtphealth.reliability.Scripts.of;
import static io.github.smtphealth.reliability.Scripts.startTls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downgrade and trust at the health indicator level: a stripped or refused STARTTLS, and
 * every kind of certificate a probe must not accept, make the server DOWN with a reason
 * that says which, before any credential or envelope command is sent; switching
 * verification off works but says so, in the details and in a startup warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class DowngradeAndTrustTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final String PASSWORD = "downgrade-Secret-9";

	private static final TestCertificate TRUSTED = TestCertificates.selfSigned("127.0.0.1", "localhost");

	private static final TestCertificate STRANGER = TestCertificates.selfSigned("127.0.0.1", "localhost");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class));

	@BeforeAll
	static void warmUp() {
		WarmUp.probeOverStartTlsWithAuth();
	}

	/**
	 * STARTTLS is required but the EHLO reply does not offer it: the server never
	 * advertised it ({@code AUTH PLAIN} in its place), or a middlebox overwrote the
	 * keyword ({@code XXXXXXXA}).
	 * @param extension the extension the EHLO reply lists where STARTTLS would be
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "AUTH PLAIN", "XXXXXXXA" })
	void healthWhenStartTlsIsNotAdvertisedOrMaskedShouldBeDownAndSendNothingInPlaintext(String extension) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start(of(greet(), ehlo("PIPELINING", extension), mailRsetQuit()))) {
			Health health = health(server, Security.STARTTLS, TlsSettings.trusting(TRUSTED.trustManagers()));
			assertDown(health, "starttls", "STARTTLS not advertised by server");
			server.awaitCompleted(1, Duration.ofSeconds(5));
			assertThat(server.receivedInPlaintext()).containsExactly("EHLO probe.test");
		}
	}

	@Test
	void healthWhenStartTlsIsRefusedShouldBeDownAndSendNothingElseInPlaintext() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(of(greet(), ehlo("STARTTLS", "AUTH PLAIN"),
				(script) -> script.expect("STARTTLS").send("454 4.7.0 TLS not available due to temporary reason")))) {
			Health health = health(server, Security.STARTTLS, TlsSettings.trusting(TRUSTED.trustManagers()));
			assertDown(health, "starttls", "STARTTLS rejected: 454 4.7.0");
			assertThat(health.getDetails()).containsEntry("replyCode", 454);
			server.awaitCompleted(1, Duration.ofSeconds(5));
			assertThat(server.receivedInPlaintext()).containsExactly("EHLO probe.test", "STARTTLS");
		}
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("rejectedCertificates")
	void healthWhenCertificateIsNotAcceptableShouldBeDownSayingWhy(String problem, Security security,
			TestCertificate served, TestCertificate trusted, String host, String expectedReason) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(tlsDialogue(security, served))) {
			SmtpProbeSettings settings = settings(server, security, TlsSettings.trusting(trusted.trustManagers()))
				.host(host)
				.resolver((name) -> List.of(InetAddress.getByName(server.host())))
				.build();
			Health health = Indicators.onDemand("trust", settings).health();
			assertDown(health, "tls", expectedReason);
			assertThat(Details.text(health, "error")).startsWith("TLS handshake failed: ");
			assertThat(health.getDetails()).doesNotContainKeys("tls", "tlsVerification", "authMechanism");
			server.awaitCompleted(1, Duration.ofSeconds(5));
			assertThat(server.receivedLines()).noneMatch((line) -> line.tls())
				.noneMatch((line) -> line.text().startsWith("AUTH") || line.text().startsWith("MAIL"));
		}
	}

	static Stream<Arguments> rejectedCertificates() {
		TestCertificate selfSignedExpired = TestCertificates.builder("127.0.0.1").expired().build();
		TestCertificate chain = TestCertificates.chain("127.0.0.1");
		List<Arguments> cases = List.of(
				Arguments.of("self-signed, not trusted", STRANGER, TRUSTED, "127.0.0.1", ") is not trusted"),
				Arguments.of("issued by an unknown CA", chain, TRUSTED, "127.0.0.1",
						"certificate issuer is not trusted or the chain is incomplete"),
				Arguments.of("expired", TestCertificates.expired("127.0.0.1"), null, "127.0.0.1",
						"certificate expired on "),
				Arguments.of("expired, pinned self-signed", selfSignedExpired, selfSignedExpired, "127.0.0.1",
						"certificate expired on "),
				Arguments.of("not yet valid", TestCertificates.notYetValid("127.0.0.1"), null, "127.0.0.1",
						"certificate not valid until "),
				Arguments.of("issued for another host name", TestCertificates.selfSigned("mail.example.test"), null,
						"smtp.example.test", "certificate does not match the host name; it names mail.example.test"),
				Arguments.of("issued for a name, probed by IP address",
						TestCertificates.selfSigned("mail.example.test"), null, "127.0.0.1",
						"certificate does not match the host name; it names mail.example.test"));
		return cases.stream().flatMap((arguments) -> Stream.of(Security.STARTTLS, Security.SMTPS).map((security) -> {
			Object[] values = arguments.get();
			TestCertificate served = (TestCertificate) values[1];
			TestCertificate trusted = (values[2] != null) ? (TestCertificate) values[2] : served;
			String reason = (String) values[4];
			return Arguments.of(values[0], security, served, trusted, values[3], reason);
		}));
	}

	@Test
	void rejectedCertificateReasonsShouldUseTheDocumentedWording() {
		Map<String, TestCertificate> certificates = Map.of("not trusted", STRANGER, "expired on",
				TestCertificates.expired("127.0.0.1"), "not valid until", TestCertificates.notYetValid("127.0.0.1"),
				"does not match the host name", TestCertificates.selfSigned("mail.example.test"));
		certificates.forEach((wording, served) -> {
			TestCertificate trusted = (served == STRANGER) ? TRUSTED : served;
			try (ScriptedSmtpServer server = ScriptedSmtpServer.start(tlsDialogue(Security.SMTPS, served))) {
				Health health = health(server, Security.SMTPS, TlsSettings.trusting(trusted.trustManagers()));
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(Details.text(health, "error")).as(wording).contains(wording);
			}
		});
	}

	@Test
	void healthWhenVerificationIsOffShouldBeUpButSayVerificationIsDisabled() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(tlsDialogue(Security.STARTTLS, STRANGER))) {
			Health health = health(server, Security.STARTTLS,
					TlsSettings.trusting(TRUSTED.trustManagers()).withVerifyCertificate(false));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("tlsVerification", "disabled").containsKey("tls");
		}
	}

	@Test
	void healthWhenHostNameVerificationIsOffShouldBeUpButSayVerificationIsDisabled() {
		TestCertificate otherName = TestCertificates.selfSigned("mail.example.test");
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(tlsDialogue(Security.SMTPS, otherName))) {
			Health health = health(server, Security.SMTPS,
					TlsSettings.trusting(otherName.trustManagers()).withVerifyHostname(false));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("tlsVerification", "disabled");
		}
	}

	@Test
	void healthWhenVerificationIsOffShouldStillBeDownForAnExpiredCertificate() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start(tlsDialogue(Security.SMTPS, TestCertificates.expired("127.0.0.1")))) {
			Health health = health(server, Security.SMTPS, TlsSettings.DEFAULT.withVerifyCertificate(false));
			// One rule with or without verification: validity dates are judged in the
			// handshake.
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("tlsVerification", "disabled")
				.containsEntry("failedPhase", "tls")
				.doesNotContainKey("tls");
			assertThat(Details.text(health, "error")).startsWith("TLS handshake failed: certificate expired on ");
		}
	}

	@Test
	void healthWhenFullyVerifiedShouldNotShowTlsVerificationDetail() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(tlsDialogue(Security.STARTTLS, TRUSTED))) {
			Health health = health(server, Security.STARTTLS, TlsSettings.trusting(TRUSTED.trustManagers()));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("tlsVerification").containsKey("tls");
		}
	}

	@Test
	void runWithVerificationOffShouldWarnAtStartupAndReportItInHealth(CapturedOutput output) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(tlsDialogue(Security.STARTTLS, STRANGER))) {
			this.contextRunner
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(),
						"smtp.check.security=starttls", "smtp.check.helo-name=probe.test", "smtp.check.timeout=2s",
						"smtp.check.auth.username=probe", "smtp.check.auth.password=" + PASSWORD,
						"smtp.check.tls.verify=false")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(warnings(output, "TLS verification is disabled")).singleElement()
						.asString()
						.contains("SMTP server 'default' (smtp.check.tls.verify=false)")
						.contains("accepts any certificate");
					Health health = FirstVerdict.of(context.getBean("smtpHealthContributor", HealthIndicator.class));
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("tlsVerification", "disabled");
				});
		}
	}

	@Test
	void runWithHostNameVerificationOffShouldWarnAtStartup(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("smtp.check.servers.relay.host=127.0.0.1", "smtp.check.servers.relay.security=smtps",
					"smtp.check.servers.relay.tls.verify-hostname=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(warnings(output, "Host name verification is disabled")).singleElement()
					.asString()
					.contains("SMTP server 'relay' (smtp.check.servers.relay.tls.verify-hostname=false)");
			});
	}

	@Test
	void runWithVerificationOnShouldNotWarn(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("smtp.check.host=127.0.0.1", "smtp.check.security=starttls",
					"smtp.check.auth.username=probe", "smtp.check.auth.password=" + PASSWORD)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output.getAll()).doesNotContain("verification is disabled").doesNotContain(PASSWORD);
			});
	}

	private static List<String> warnings(CapturedOutput output, String text) {
		List<String> lines = output.getAll().lines().filter((line) -> line.contains(text)).toList();
		assertThat(lines).allSatisfy((line) -> assertThat(line).contains("WARN"));
		return lines;
	}

	private static Consumer<SmtpScript> tlsDialogue(Security security, TestCertificate certificate) {
		if (security == Security.SMTPS) {
			return of((script) -> script.startTls(certificate.serverSslContext()), greet(), ehlo("AUTH PLAIN"),
					acceptPlain(), mailRsetQuit());
		}
		return of(greet(), ehlo("STARTTLS", "AUTH PLAIN"), startTls(certificate.serverSslContext()), ehlo("AUTH PLAIN"),
				acceptPlain(), mailRsetQuit());
	}

	private static Health health(ScriptedSmtpServer server, Security security, TlsSettings tls) {
		return Indicators.onDemand("trust", settings(server, security, tls).build()).health();
	}

	/**
	 * Settings with credentials, so that a probe that gave up on TLS had something to
	 * leak.
	 */
	private static SmtpProbeSettings.Builder settings(ScriptedSmtpServer server, Security security, TlsSettings tls) {
		return SmtpProbeSettings.builder(server.host())
			.port(server.port())
			.security(security)
			.tls(tls)
			.credentials(SmtpCredentials.ofPassword("probe", PASSWORD))
			.heloName("probe.test")
			.timeout(TIMEOUT);
	}

	private static void assertDown(Health health, String failedPhase, String error) {
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("failedPhase", failedPhase);
		assertThat(Details.text(health, "error")).contains(error);
	}

}
