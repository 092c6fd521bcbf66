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

package io.github.smtphealth.autoconfigure;

import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The zero-configuration check against what the application itself does: Boot's
 * {@code JavaMailSenderImpl} (Angus Mail) and its {@code mail} indicator, configured by
 * the same {@code spring.mail.*} properties, against the same scripted server.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringMailAgreementTests {

	private static final TestCertificate SELF_SIGNED = TestCertificates.selfSigned("127.0.0.1", "localhost");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class,
				SmtpHealthContributorAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("smtp.check.helo-name=client.test");

	@Test
	void healthWithSslTrustOfTheHostShouldBeUpLikeJavaMailAndSayVerificationIsOff(CapturedOutput output) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(SpringMailAgreementTests::startTlsServer)) {
			this.contextRunner
				.withPropertyValues("spring.mail.host=" + server.host(), "spring.mail.port=" + server.port(),
						"spring.mail.properties.mail.smtp.starttls.enable=true",
						"spring.mail.properties.mail.smtp.ssl.trust=" + server.host())
				.run((context) -> {
					assertThatNoException().as("the application's own sender connects")
						.isThrownBy(() -> context.getBean(JavaMailSenderImpl.class).testConnection());
					Health health = indicator(context).health();
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("security", "starttls")
						.containsEntry("tlsVerification", "disabled");
				});
			assertThat(output).contains("TLS verification is disabled for SMTP server 'default' (following "
					+ "spring.mail.properties.mail.smtp.ssl.trust)");
		}
	}

	@Test
	void healthWithoutSslTrustShouldBeDownLikeJavaMail() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(SpringMailAgreementTests::startTlsServer)) {
			this.contextRunner
				.withPropertyValues("spring.mail.host=" + server.host(), "spring.mail.port=" + server.port(),
						"spring.mail.properties.mail.smtp.starttls.enable=true")
				.run((context) -> {
					assertThat(indicator(context).health().getStatus()).isEqualTo(Status.DOWN);
					assertThatException().as("the application's own sender refuses the certificate too")
						.isThrownBy(context.getBean(JavaMailSenderImpl.class)::testConnection);
				});
		}
	}

	@Test
	void healthShouldSendTheEnvelopeSenderAndHeloNameJavaMailWouldSend() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.send("220 scripted.test ESMTP").answerCommands("8BITMIME"))) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class))
				.withPropertyValues("spring.mail.host=" + server.host(), "spring.mail.port=" + server.port(),
						"spring.mail.properties.mail.smtp.from=bounces@app.test",
						"spring.mail.properties.mail.smtp.localhost=app-host.test")
				.run((context) -> assertThat(indicator(context).health().getStatus()).isEqualTo(Status.UP));
			assertThat(server.received()).contains("EHLO app-host.test", "MAIL FROM:<bounces@app.test>");
		}
	}

	@Test
	void runShouldMapEveryJavaMailPropertyThatChangesTheDialogueOrTheTlsDecision() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.mail.host=smtp.example.com", "spring.mail.username=app",
					"spring.mail.password=secret", "spring.mail.properties.mail.smtp.starttls.required=true",
					"spring.mail.properties.mail.smtp.ssl.checkserveridentity=false",
					"spring.mail.properties.mail.smtp.ssl.protocols=TLSv1.3",
					"spring.mail.properties.mail.smtp.ssl.ciphersuites=TLS_AES_128_GCM_SHA256",
					"spring.mail.properties.mail.smtp.auth.mechanisms=LOGIN",
					"spring.mail.properties.mail.smtp.port=2587")
			.run((context) -> {
				SmtpProbeSettings settings = settings(context);
				assertThat(settings.security()).isEqualTo(Security.STARTTLS);
				assertThat(settings.port()).isEqualTo(2587);
				assertThat(settings.tls().verifyCertificate()).isTrue();
				assertThat(settings.tls().verifyHostname()).isFalse();
				assertThat(settings.tls().protocols()).containsExactly("TLSv1.3");
				assertThat(settings.tls().cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
				assertThat(settings.authMechanism()).isEqualTo(AuthMechanism.LOGIN);
				assertThat(settings.credentials().username()).isEqualTo("app");
			});
	}

	@Test
	void runWithSmtpsProtocolShouldReadTheSmtpsProperties() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.mail.host=smtp.example.com", "spring.mail.protocol=smtps",
					"spring.mail.properties.mail.smtps.ssl.trust=*",
					"spring.mail.properties.mail.smtp.localhost=ignored.test")
			.run((context) -> {
				SmtpProbeSettings settings = settings(context);
				assertThat(settings.security()).isEqualTo(Security.SMTPS);
				assertThat(settings.tls().verifyCertificate()).isFalse();
				assertThat(settings.heloName()).isNotEqualTo("ignored.test");
			});
	}

	@Test
	void applicationFollowingSpringMailShouldTurnBootsMailIndicatorOff(CapturedOutput output) {
		try (ConfigurableApplicationContext context = application().run("--spring.mail.host=smtp.example.com")) {
			assertThat(context.containsBean("smtpHealthContributor")).isTrue();
			assertThat(context.containsBean("mailHealthContributor")).isFalse();
		}
		assertThat(output).contains("Boot's 'mail' health indicator is off");
	}

	@Test
	void applicationWithMailIndicatorEnabledShouldKeepBoth() {
		try (ConfigurableApplicationContext context = application().run("--spring.mail.host=smtp.example.com",
				"--management.health.mail.enabled=true")) {
			assertThat(context.containsBean("smtpHealthContributor")).isTrue();
			assertThat(context.containsBean("mailHealthContributor")).isTrue();
		}
	}

	@Test
	void applicationWithItsOwnSmtpCheckHostShouldLeaveBootsMailIndicatorOn() {
		try (ConfigurableApplicationContext context = application().run("--spring.mail.host=smtp.example.com",
				"--smtp.check.host=relay.example.com")) {
			assertThat(context.containsBean("mailHealthContributor")).isTrue();
		}
	}

	private static void startTlsServer(SmtpScript script) {
		script.send("220 scripted.test ESMTP")
			.expect("EHLO")
			.send("250-scripted.test", "250 STARTTLS")
			.expect("STARTTLS")
			.send("220 Go ahead")
			.startTls(SELF_SIGNED.serverSslContext())
			.answerCommands("8BITMIME");
	}

	private static HealthIndicator indicator(AssertableApplicationContext context) {
		return context.getBean("smtpHealthContributor", HealthIndicator.class);
	}

	private static SmtpProbeSettings settings(AssertableApplicationContext context) {
		return context.getBean(SmtpChecks.class).checks().get("default").probe().settings();
	}

	private static SpringApplication application() {
		return QuietApplications.of(MailApplication.class);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ MailSenderAutoConfiguration.class, MailHealthContributorAutoConfiguration.class,
			HealthContributorAutoConfiguration.class, SmtpHealthContributorAutoConfiguration.class,
			SslAutoConfiguration.class })
	static class MailApplication {

	}

}
