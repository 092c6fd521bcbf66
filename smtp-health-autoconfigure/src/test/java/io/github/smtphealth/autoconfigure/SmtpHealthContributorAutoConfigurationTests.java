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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.check.CheckStatus;
import io.github.smtphealth.check.RefreshMode;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.check.SmtpCheckListener;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.health.SmtpHealthContributor;
import io.github.smtphealth.health.SmtpHealthIndicator;
import io.github.smtphealth.health.SmtpHealthStatus;
import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.IpFamily;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import io.github.smtphealth.testsupport.LeakCheck;
import io.github.smtphealth.testsupport.PemFiles;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.TestCertificate;
import io.github.smtphealth.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SmtpHealthContributorAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmtpHealthContributorAutoConfigurationTests {

	private static final String PASSWORD = "canary-P4ss";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class, SslAutoConfiguration.class));

	@TempDir
	Path temp;

	@Test
	void runWhenHostIsSetShouldCreateIndicatorWithDefaults() {
		this.contextRunner.withPropertyValues("smtp.check.host=mail.example.com").run((context) -> {
			assertThat(context).hasSingleBean(SmtpChecks.class).hasSingleBean(HealthContributor.class);
			assertThat(context.getBean("smtpHealthContributor")).isInstanceOf(SmtpHealthIndicator.class);
			SmtpCheck check = check(context, "default");
			assertThat(check.refreshMode()).isEqualTo(RefreshMode.ON_DEMAND);
			assertThat(check.interval()).isEqualTo(Duration.ofSeconds(30));
			SmtpProbeSettings settings = check.probe().settings();
			assertThat(settings.host()).isEqualTo("mail.example.com");
			assertThat(settings.port()).isEqualTo(25);
			assertThat(settings.security()).isEqualTo(Security.NONE);
			assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(settings.connectTimeout()).isNull();
			assertThat(settings.credentials()).isNull();
			assertThat(settings.mailFrom()).isEmpty();
			assertThat(settings.rcptTo()).isNull();
			assertThat(settings.lmtp()).isFalse();
			assertThat(settings.tls()).isEqualTo(TlsSettings.DEFAULT);
		});
	}

	@Test
	void runWhenSecurityIsSmtpsShouldDefaultToPort465() {
		this.contextRunner.withPropertyValues("smtp.check.host=mail.example.com", "smtp.check.security=smtps")
			.run((context) -> {
				SmtpProbeSettings settings = settings(context, "default");
				assertThat(settings.security()).isEqualTo(Security.SMTPS);
				assertThat(settings.port()).isEqualTo(465);
			});
	}

	@Test
	void runShouldMapEveryPropertyToTheCheck() {
		this.contextRunner
			.withPropertyValues("smtp.check.host=mail.example.com", "smtp.check.port=587",
					"smtp.check.security=starttls", "smtp.check.helo-name=probe.example.com", "smtp.check.lmtp=true",
					"smtp.check.auth.username=probe", "smtp.check.auth.password=" + PASSWORD,
					"smtp.check.auth.mechanism=cram-md5", "smtp.check.auth.allow-plaintext=true",
					"smtp.check.mail-from=probe@example.com", "smtp.check.rcpt-to=postmaster@example.com",
					"smtp.check.timeout=7s", "smtp.check.connect-timeout=2s", "smtp.check.ip-family=ipv4",
					"smtp.check.tls.verify-hostname=false", "smtp.check.refresh=background", "smtp.check.interval=1m",
					"smtp.check.warning=1s", "smtp.check.critical=3s")
			.run((context) -> {
				SmtpCheck check = check(context, "default");
				assertThat(check.refreshMode()).isEqualTo(RefreshMode.BACKGROUND);
				assertThat(check.interval()).isEqualTo(Duration.ofMinutes(1));
				SmtpProbeSettings settings = check.probe().settings();
				assertThat(settings.port()).isEqualTo(587);
				assertThat(settings.security()).isEqualTo(Security.STARTTLS);
				assertThat(settings.heloName()).isEqualTo("probe.example.com");
				assertThat(settings.lmtp()).isTrue();
				assertThat(settings.credentials()).isNotNull();
				assertThat(settings.credentials().username()).isEqualTo("probe");
				assertThat(settings.credentials().password()).isEqualTo(PASSWORD);
				assertThat(settings.authMechanism()).isEqualTo(AuthMechanism.CRAM_MD5);
				assertThat(settings.allowPlaintextAuth()).isTrue();
				assertThat(settings.mailFrom()).isEqualTo("probe@example.com");
				assertThat(settings.rcptTo()).isEqualTo("postmaster@example.com");
				assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.ipFamily()).isEqualTo(IpFamily.IPV4);
				assertThat(settings.tls().verifyHostname()).isFalse();
				assertThat(settings.tls().verifyCertificate()).isTrue();
			});
	}

	@Test
	void runWhenHealthIndicatorIsDisabledShouldNotCreateIndicator() {
		this.contextRunner
			.withPropertyValues("smtp.check.host=mail.example.com", "management.health.smtp.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SmtpChecks.class)
				.doesNotHaveBean(HealthContributor.class));
	}

	@Test
	void runWhenDefaultHealthIndicatorsAreDisabledShouldNotCreateIndicator() {
		this.contextRunner
			.withPropertyValues("smtp.check.host=mail.example.com", "management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SmtpChecks.class)
				.doesNotHaveBean(HealthContributor.class));
	}

	@Test
	void runWithoutAnyHostShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("smtp.check.timeout=5s", "spring.mail.port=2525")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SmtpChecks.class)
				.doesNotHaveBean(HealthContributor.class));
	}

	@Test
	void runWithBlankSpringMailHostShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("spring.mail.host=")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SmtpChecks.class)
				.doesNotHaveBean(HealthContributor.class));
	}

	@Test
	void runWithoutHealthLibraryShouldNotCreateIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.withPropertyValues("smtp.check.host=mail.example.com")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SmtpChecks.class));
	}

	@Test
	void runWithSpringMailHostShouldCheckTheApplicationsMailServer() {
		this.contextRunner
			.withPropertyValues("spring.mail.host=smtp.example.com", "spring.mail.port=2525",
					"spring.mail.username=mailer", "spring.mail.password=" + PASSWORD)
			.run((context) -> {
				assertThat(context.getBean("smtpHealthContributor")).isInstanceOf(SmtpHealthIndicator.class);
				SmtpProbeSettings settings = settings(context, "default");
				assertThat(settings.host()).isEqualTo("smtp.example.com");
				assertThat(settings.port()).isEqualTo(2525);
				assertThat(settings.security()).isEqualTo(Security.NONE);
				assertThat(settings.credentials()).isNotNull();
				assertThat(settings.credentials().username()).isEqualTo("mailer");
				assertThat(settings.credentials().password()).isEqualTo(PASSWORD);
			});
	}

	@Test
	void runWithSpringMailStartTlsPropertyShouldUseStartTls() {
		this.contextRunner
			.withPropertyValues("spring.mail.host=smtp.example.com",
					"spring.mail.properties.mail.smtp.starttls.enable=true")
			.run((context) -> {
				SmtpProbeSettings settings = settings(context, "default");
				assertThat(settings.security()).isEqualTo(Security.STARTTLS);
				assertThat(settings.port()).isEqualTo(25);
			});
	}

	@Test
	void runWithSpringMailSmtpsProtocolShouldUseSmtpsOnPort465() {
		this.contextRunner.withPropertyValues("spring.mail.host=smtp.example.com", "spring.mail.protocol=smtps")
			.run((context) -> {
				SmtpProbeSettings settings = settings(context, "default");
				assertThat(settings.security()).isEqualTo(Security.SMTPS);
				assertThat(settings.port()).isEqualTo(465);
			});
	}

	@Test
	void runWithSpringMailSslBundleShouldUseTheBundle() {
		PemFiles pem = TestCertificates.selfSigned("smtp.example.com").writePem(this.temp);
		this.contextRunner.withPropertyValues(pem.bundleProperties("mail"))
			.withPropertyValues("spring.mail.host=smtp.example.com", "spring.mail.protocol=smtps",
					"spring.mail.ssl.bundle=mail")
			.run((context) -> {
				TlsSettings tls = settings(context, "default").tls();
				assertThat(tls.trustManagers()).isNotEmpty();
				assertThat(tls.keyManagers()).isNotEmpty();
				assertThat(tls.fullyVerified()).isTrue();
			});
	}

	@Test
	void runWithSpringMailShouldStillApplySmtpCheckThresholdsAndTimeouts() {
		this.contextRunner
			.withPropertyValues("spring.mail.host=smtp.example.com", "smtp.check.timeout=3s",
					"smtp.check.helo-name=probe.example.com")
			.run((context) -> {
				SmtpProbeSettings settings = settings(context, "default");
				assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.heloName()).isEqualTo("probe.example.com");
			});
	}

	@Test
	void runWithSmtpCheckHostShouldIgnoreSpringMail() {
		this.contextRunner
			.withPropertyValues("smtp.check.host=mail.example.com", "spring.mail.host=smtp.example.com",
					"spring.mail.port=2525", "spring.mail.username=mailer", "spring.mail.password=" + PASSWORD)
			.run((context) -> {
				SmtpProbeSettings settings = settings(context, "default");
				assertThat(settings.host()).isEqualTo("mail.example.com");
				assertThat(settings.port()).isEqualTo(25);
				assertThat(settings.credentials()).isNull();
			});
	}

	@Test
	void healthWithSpringMailShouldProbeTheMailServer() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			this.contextRunner
				.withPropertyValues("spring.mail.host=" + server.host(), "spring.mail.port=" + server.port(),
						"smtp.check.helo-name=client.test")
				.run((context) -> {
					Health health = FirstVerdict.of(context.getBean("smtpHealthContributor", HealthIndicator.class));
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("port", server.port());
				});
		}
	}

	@Test
	void healthWithTlsBundleShouldTrustTheBundlesCertificates() {
		TestCertificate certificate = TestCertificates.selfSigned("127.0.0.1");
		PemFiles pem = certificate.writePem(this.temp);
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.startTls(certificate.serverSslContext()).happyPath())) {
			this.contextRunner.withPropertyValues(pem.bundleProperties("smtp"))
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(),
						"smtp.check.security=smtps", "smtp.check.tls.bundle=smtp", "smtp.check.helo-name=client.test")
				.run((context) -> {
					Health health = FirstVerdict.of(context.getBean("smtpHealthContributor", HealthIndicator.class));
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("security", "smtps").containsKey("tls");
				});
		}
	}

	@Test
	void runWithNamedServersShouldCreateCompositeOfThem() {
		this.contextRunner
			.withPropertyValues("smtp.check.servers.relay.host=relay.example.com",
					"smtp.check.servers.backup.host=backup.example.com")
			.run((context) -> {
				HealthContributor contributor = context.getBean("smtpHealthContributor", HealthContributor.class);
				assertThat(contributor).isInstanceOf(SmtpHealthContributor.class);
				SmtpHealthContributor composite = (SmtpHealthContributor) contributor;
				assertThat(composite.getContributor("relay")).isInstanceOf(SmtpHealthIndicator.class);
				assertThat(composite.getContributor("backup")).isInstanceOf(SmtpHealthIndicator.class);
				assertThat(composite.getContributor("default")).isNull();
				assertThat(context.getBean(SmtpChecks.class).checks()).containsOnlyKeys("relay", "backup");
				assertThat(settings(context, "relay").host()).isEqualTo("relay.example.com");
				assertThat(settings(context, "backup").host()).isEqualTo("backup.example.com");
			});
	}

	@Test
	void runWithOneNamedServerShouldStillCreateComposite() {
		this.contextRunner.withPropertyValues("smtp.check.servers.relay.host=relay.example.com").run((context) -> {
			assertThat(context.getBean("smtpHealthContributor")).isInstanceOf(SmtpHealthContributor.class);
			assertThat(context.getBean(SmtpChecks.class).checks()).containsOnlyKeys("relay");
		});
	}

	@Test
	void runWithTopLevelAndNamedServersShouldNameTheTopLevelOneDefault() {
		this.contextRunner
			.withPropertyValues("smtp.check.host=mail.example.com", "smtp.check.servers.relay.host=relay.example.com")
			.run((context) -> {
				SmtpHealthContributor composite = context.getBean("smtpHealthContributor", SmtpHealthContributor.class);
				assertThat(composite.getContributor("default")).isInstanceOf(SmtpHealthIndicator.class);
				assertThat(composite.getContributor("relay")).isInstanceOf(SmtpHealthIndicator.class);
				assertThat(context.getBean(SmtpChecks.class).checks()).containsOnlyKeys("default", "relay");
				assertThat(settings(context, "default").host()).isEqualTo("mail.example.com");
			});
	}

	@Test
	void runWithNamedServersShouldInheritUnsetTopLevelProperties() {
		this.contextRunner
			.withPropertyValues("smtp.check.timeout=3s", "smtp.check.security=starttls",
					"smtp.check.helo-name=probe.example.com", "smtp.check.refresh=background",
					"smtp.check.servers.relay.host=relay.example.com",
					"smtp.check.servers.backup.host=backup.example.com", "smtp.check.servers.backup.timeout=2s",
					"smtp.check.servers.backup.security=smtps", "smtp.check.servers.backup.refresh=on-demand")
			.run((context) -> {
				SmtpCheck relay = check(context, "relay");
				assertThat(relay.probe().settings().timeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(relay.probe().settings().security()).isEqualTo(Security.STARTTLS);
				assertThat(relay.probe().settings().heloName()).isEqualTo("probe.example.com");
				assertThat(relay.refreshMode()).isEqualTo(RefreshMode.BACKGROUND);
				SmtpCheck backup = check(context, "backup");
				assertThat(backup.probe().settings().timeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(backup.probe().settings().security()).isEqualTo(Security.SMTPS);
				assertThat(backup.probe().settings().port()).isEqualTo(465);
				assertThat(backup.probe().settings().heloName()).isEqualTo("probe.example.com");
				assertThat(backup.refreshMode()).isEqualTo(RefreshMode.ON_DEMAND);
			});
	}

	@Test
	void healthOfNamedServerShouldInheritTheTopLevelWarning() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.delay(Duration.ofMillis(300)).happyPath())) {
			this.contextRunner.withPropertyValues("smtp.check.warning=100ms", "smtp.check.helo-name=client.test",
					"smtp.check.servers.slow.host=" + server.host(), "smtp.check.servers.slow.port=" + server.port())
				.run((context) -> {
					SmtpHealthContributor composite = context.getBean("smtpHealthContributor",
							SmtpHealthContributor.class);
					Health health = FirstVerdict.of((HealthIndicator) composite.getContributor("slow"));
					assertThat(health.getStatus()).isEqualTo(SmtpHealthStatus.DEGRADED);
					assertThat((String) health.getDetails().get("reason")).contains("warning threshold of 100 ms");
				});
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "relay2", "eu-west", "a-1-b" })
	void runWithNamedServerWhoseNameIsValidShouldBindItsProperties(String name) {
		this.contextRunner
			.withPropertyValues("smtp.check.servers." + name + ".host=relay.example.com",
					"smtp.check.servers." + name + ".port=2525")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SmtpProbeSettings settings = settings(context, name);
				assertThat(settings.host()).isEqualTo("relay.example.com");
				assertThat(settings.port()).isEqualTo(2525);
			});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "spring.mail.username=mailer", "spring.mail.password=" + PASSWORD })
	void runWithSpringMailFallbackAndHalfOfTheCredentialsShouldNotAuthenticateLikeJavaMail(String credential) {
		this.contextRunner.withPropertyValues("spring.mail.host=smtp.example.com", credential).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(settings(context, "default").credentials()).isNull();
		});
	}

	@Test
	void runWithNamedServersShouldIgnoreSpringMail() {
		this.contextRunner
			.withPropertyValues("spring.mail.host=smtp.example.com", "smtp.check.servers.relay.host=relay.example.com")
			.run((context) -> assertThat(context.getBean(SmtpChecks.class).checks()).containsOnlyKeys("relay"));
	}

	@Test
	void runWithUserDefinedSmtpHealthIndicatorShouldBackOff() {
		HealthIndicator custom = () -> Health.up().withDetail("custom", true).build();
		this.contextRunner.withPropertyValues("smtp.check.host=mail.example.com")
			.withBean("smtpHealthIndicator", HealthIndicator.class, () -> custom)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(HealthContributor.class)).containsOnlyKeys("smtpHealthIndicator");
				assertThat(context.getBean("smtpHealthIndicator")).isSameAs(custom);
			});
	}

	@Test
	void runWithUserDefinedSmtpHealthContributorShouldBackOff() {
		HealthIndicator custom = () -> Health.up().withDetail("custom", true).build();
		this.contextRunner.withPropertyValues("smtp.check.host=mail.example.com")
			.withBean("smtpHealthContributor", HealthIndicator.class, () -> custom)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(HealthContributor.class)).containsOnlyKeys("smtpHealthContributor");
				assertThat(context.getBean("smtpHealthContributor")).isSameAs(custom);
			});
	}

	@Test
	void healthShouldTellEveryListenerBeanAboutProbesThatRan() {
		List<SmtpCheckOutcome> first = new CopyOnWriteArrayList<>();
		List<SmtpCheckOutcome> second = new CopyOnWriteArrayList<>();
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			this.contextRunner
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(),
						"smtp.check.helo-name=client.test")
				.withBean("firstListener", SmtpCheckListener.class, () -> first::add)
				.withBean("secondListener", SmtpCheckListener.class, () -> second::add)
				.run((context) -> {
					HealthIndicator indicator = context.getBean("smtpHealthContributor", HealthIndicator.class);
					FirstVerdict.of(indicator);
					indicator.health();
					assertThat(first).singleElement()
						.satisfies((outcome) -> assertThat(outcome.verdict().status()).isEqualTo(CheckStatus.UP));
					assertThat(second).hasSize(1);
				});
		}
	}

	@Test
	void closeOfContextShouldStopBackgroundRefresh() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			LeakCheck before = LeakCheck.snapshot();
			this.contextRunner
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(),
						"smtp.check.helo-name=client.test", "smtp.check.refresh=background", "smtp.check.interval=1s")
				.run((context) -> {
					HealthIndicator indicator = context.getBean("smtpHealthContributor", HealthIndicator.class);
					assertThat(server.connectionCount()).isZero();
					ApplicationReady.publish(context);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> Status.UP.equals(indicator.health().getStatus()) && server.connectionCount() >= 2);
					assertThat(before.newThreadNames()).anyMatch((name) -> name.startsWith("smtp-health-schedule-"));
				});
			await().atMost(Duration.ofSeconds(5))
				.until(() -> before.newThreadNames().stream().noneMatch((name) -> name.startsWith("smtp-health-")));
		}
	}

	@Test
	void runShouldStartTheChecksWithTheContextAndProbeOnlyOnceTheApplicationIsReady() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			this.contextRunner
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(),
						"smtp.check.helo-name=client.test")
				.run((context) -> {
					SmtpChecks checks = context.getBean(SmtpChecks.class);
					assertThat(checks.isRunning()).isTrue();
					assertThat(server.connectionCount()).isZero();
					ApplicationReady.publish(context);
					await().atMost(Duration.ofSeconds(5)).until(() -> checks.checks().get("default").latest() != null);
					assertThat(server.connectionCount()).isOne();
					context.close();
					assertThat(checks.isRunning()).isFalse();
				});
		}
	}

	@Test
	void runWithUserDefinedSmtpChecksShouldStartAndStopItWithTheContext() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpProbeSettings settings = SmtpProbeSettings.builder(server.host())
				.port(server.port())
				.heloName("client.test")
				.build();
			SmtpChecks own = new SmtpChecks(List.of(new SmtpCheck("own", new SmtpProbe(settings), CheckPolicy.DEFAULT,
					Duration.ofSeconds(10), RefreshMode.ON_DEMAND, Duration.ofSeconds(30), (outcome) -> {
					}, Clock.systemUTC())));
			this.contextRunner.withPropertyValues("smtp.check.host=mail.example.com")
				.withBean(SmtpChecks.class, () -> own)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(own.isRunning()).isTrue();
					ApplicationReady.publish(context);
					await().atMost(Duration.ofSeconds(5)).until(() -> own.checks().get("own").latest() != null);
					assertThat(server.connectionCount()).isOne();
				});
			assertThat(own.isRunning()).isFalse();
		}
	}

	@Test
	void healthWhileTheFirstCheckRunsShouldBeOutOfServiceByDefault() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			this.contextRunner
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(),
						"smtp.check.helo-name=client.test", "smtp.check.timeout=5s")
				.run((context) -> {
					Health health = context.getBean("smtpHealthContributor", HealthIndicator.class).health();
					assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
					assertThat(health.getDetails()).containsEntry("refreshing", true).doesNotContainKey("ageMs");
					assertThat((String) health.getDetails().get("reason")).contains("the first check is still running");
				});
		}
	}

	@Test
	void healthWhileTheFirstCheckRunsWithPendingStatusUnknownShouldBeUnknown() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			this.contextRunner
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(),
						"smtp.check.helo-name=client.test", "smtp.check.timeout=5s",
						"smtp.check.pending-status=unknown")
				.run((context) -> assertThat(
						context.getBean("smtpHealthContributor", HealthIndicator.class).health().getStatus())
					.isEqualTo(Status.UNKNOWN));
		}
	}

	@Test
	void runWithVirtualThreadsEnabledShouldProbeOnVirtualThreadsFromJava21AndPlatformThreadsBefore() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			List<Boolean> virtual = new CopyOnWriteArrayList<>();
			this.contextRunner
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(),
						"smtp.check.helo-name=client.test", "spring.threads.virtual.enabled=true")
				.withBean("threadListener", SmtpCheckListener.class,
						() -> (outcome) -> virtual.add(isVirtual(Thread.currentThread())))
				.run((context) -> {
					assertThat(context.getBean("smtpHealthContributor", HealthIndicator.class).health().getStatus())
						.isEqualTo(Status.UP);
					assertThat(virtual).containsExactly(Runtime.version().feature() >= 21);
				});
		}
	}

	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	@Test
	void startupFailureReportShouldNameThePropertyAndNeverThePassword(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> application().run("--smtp.check.host=mail.example.com", "--smtp.check.auth.username=probe",
						"--smtp.check.auth.password=" + PASSWORD, "--smtp.check.timeout=0s"));
		assertThatException().isThrownBy(() -> application().run("--smtp.check.host=mail.example.com",
				"--smtp.check.auth.username=probe", "--smtp.check.auth.password=" + PASSWORD, "--smtp.check.warning=5s",
				"--smtp.check.critical=2s"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("smtp.check.timeout")
			.contains("smtp.check.warning")
			.doesNotContain(PASSWORD);
	}

	@Test
	void startupFailureReportShouldEscapeControlCharactersOfTheRejectedValue(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application().run("--smtp.check.host=mail.example.com",
				"--smtp.check.mail-from=probe@example.com\r\nRCPT TO:<victim@example.com>"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("smtp.check.mail-from")
			.contains("probe@example.com\\x0d\\x0aRCPT TO:<victim@example.com>")
			.doesNotContain("probe@example.com\r\n")
			.doesNotContain("probe@example.com\n");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("invalidProperties")
	void runWithInvalidPropertyShouldFailNamingIt(String property, List<String> values) {
		this.contextRunner.withPropertyValues(values.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(namedProperties(failure)).as("messages and bound properties of the failure and its causes")
				.anySatisfy((message) -> assertThat(message).contains(property));
			String key = property.substring(property.lastIndexOf('.') + 1);
			assertThat(rootCause(failure).getMessage()).as("root cause message").contains(key);
			assertThat(stackTrace(failure)).doesNotContain(PASSWORD);
		});
	}

	static Stream<Arguments> invalidProperties() {
		String host = "smtp.check.host=mail.example.com";
		String user = "smtp.check.auth.username=probe";
		String password = "smtp.check.auth.password=" + PASSWORD;
		return Stream.of(
				invalid("smtp.check.warning", host, user, password, "smtp.check.warning=5s", "smtp.check.critical=5s"),
				invalid("smtp.check.warning", host, user, password, "smtp.check.warning=6s", "smtp.check.critical=5s"),
				invalid("smtp.check.critical", host, user, password, "smtp.check.critical=10s"),
				invalid("smtp.check.critical", host, user, password, "smtp.check.critical=5s", "smtp.check.timeout=3s"),
				invalid("smtp.check.warning", host, user, password, "smtp.check.warning=3s", "smtp.check.timeout=3s"),
				invalid("smtp.check.timeout", host, user, password, "smtp.check.timeout=0s"),
				invalid("smtp.check.timeout", host, user, password, "smtp.check.timeout=-1s"),
				invalid("smtp.check.warning", host, user, password, "smtp.check.warning=0ms"),
				invalid("smtp.check.critical", host, user, password, "smtp.check.critical=-5s"),
				invalid("smtp.check.connect-timeout", host, user, password, "smtp.check.connect-timeout=0s"),
				invalid("smtp.check.cache-ttl", host, user, password, "smtp.check.cache-ttl=-1s"),
				invalid("smtp.check.interval", host, user, password, "smtp.check.interval=0s"),
				invalid("smtp.check.tls.expiry-warning", host, user, password, "smtp.check.tls.expiry-warning=-1d"),
				invalid("smtp.check.tls.expiry-critical", host, user, password, "smtp.check.tls.expiry-critical=-1d"),
				invalid("smtp.check.tls.expiry-warning", host, user, password, "smtp.check.tls.expiry-critical=30d"),
				invalid("smtp.check.port", host, user, password, "smtp.check.port=0"),
				invalid("smtp.check.port", host, user, password, "smtp.check.port=70000"),
				invalid("smtp.check.auth.username", host, password),
				invalid("smtp.check.auth.username", host, "smtp.check.auth.token=" + PASSWORD),
				invalid("smtp.check.auth.password", host, user),
				invalid("smtp.check.auth.token", host, user, password, "smtp.check.auth.mechanism=xoauth2"),
				invalid("smtp.check.tls.bundle", host, user, password, "smtp.check.security=smtps",
						"smtp.check.tls.bundle=missing"),
				invalid("smtp.check.mail-from", host, user, password,
						"smtp.check.mail-from=probe@example.com\r\nRCPT TO:<victim@example.com>"),
				invalid("smtp.check.mail-from", host, user, password, "smtp.check.mail-from=probe@example.com\nRSET"),
				invalid("smtp.check.rcpt-to", host, user, password, "smtp.check.rcpt-to=postmaster@example.com\rDATA"),
				invalid("smtp.check.helo-name", host, user, password,
						"smtp.check.helo-name=probe.example.com\r\nMAIL FROM:<>"),
				invalid("smtp.check.host", user, password, "smtp.check.host=mail.example.com\r\nQUIT"),
				invalid("smtp.check.auth.username", host, password, "smtp.check.auth.username=probe\r\nAUTH"),
				invalid("smtp.check.servers.relay.port", user, password,
						"smtp.check.servers.relay.host=relay.example.com", "smtp.check.servers.relay.port=70000"),
				invalid("smtp.check.servers.relay.critical", user, password, "smtp.check.warning=5s",
						"smtp.check.servers.relay.host=relay.example.com", "smtp.check.servers.relay.critical=2s"),
				invalid("smtp.check.servers.relay.host", user, password, "smtp.check.servers.relay.port=2525"),
				invalid("smtp.check.servers.relay.tls.bundle", user, password,
						"smtp.check.servers.relay.host=relay.example.com",
						"smtp.check.servers.relay.tls.bundle=missing"),
				invalid("smtp.check.servers.default", host, user, password,
						"smtp.check.servers.default.host=relay.example.com"),
				invalid("smtp.check.servers.my.relay", user, password,
						"smtp.check.servers[my.relay].host=relay.example.com"),
				invalid("spring.mail.port", "spring.mail.host=smtp.example.com", "spring.mail.port=70000"),
				invalid("spring.mail.ssl.bundle", "spring.mail.host=smtp.example.com", "spring.mail.protocol=smtps",
						"spring.mail.ssl.bundle=missing"),
				invalid("smtp.check.servers.eu_west", "smtp.check.servers.eu_west.host=relay.example.com"),
				invalid("smtp.check.servers.Relay", "smtp.check.servers.Relay.host=relay.example.com"),
				invalid("smtp.check.warning", "spring.mail.host=smtp.example.com", "smtp.check.warning=5s",
						"smtp.check.critical=2s"));
	}

	private static SpringApplication application() {
		return QuietApplications.of(SmtpHealthConfiguration.class);
	}

	private static Arguments invalid(String property, String... values) {
		return Arguments.of(property, List.of(values));
	}

	private static SmtpCheck check(AssertableApplicationContext context, String name) {
		SmtpCheck check = context.getBean(SmtpChecks.class).checks().get(name);
		assertThat(check).as("check '%s'", name).isNotNull();
		return check;
	}

	private static SmtpProbeSettings settings(AssertableApplicationContext context, String name) {
		return check(context, name).probe().settings();
	}

	/**
	 * Return the message of the failure and of each cause, and the name of the property a
	 * bind failure was binding (which Boot's failure analysis prints as
	 * {@code Property:}).
	 */
	private static List<String> namedProperties(Throwable failure) {
		List<String> names = new ArrayList<>();
		for (Throwable each = failure; each != null; each = each.getCause()) {
			names.add(String.valueOf(each.getMessage()));
			if (each instanceof BindException bind && bind.getProperty() != null) {
				names.add(bind.getProperty().getName().toString());
			}
		}
		return names;
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String stackTrace(Throwable failure) {
		StringWriter writer = new StringWriter();
		failure.printStackTrace(new PrintWriter(writer));
		return writer.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SmtpHealthContributorAutoConfiguration.class, SslAutoConfiguration.class })
	static class SmtpHealthConfiguration {

	}

}
