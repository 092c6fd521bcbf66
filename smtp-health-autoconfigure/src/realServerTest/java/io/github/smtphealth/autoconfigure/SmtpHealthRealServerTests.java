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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.smtphealth.lab.LabListener;
import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * Tests of the auto-configured SMTP health check against every server of the SMTP lab: the lab
 * certificate trusted through a Spring PEM SSL bundle or not at all, wrong passwords, LMTP, and
 * several real servers as named servers of one composite.
 */
class SmtpHealthRealServerTests {

	private static final String BUNDLE = "lab";

	private final SmtpLab lab = SmtpLab.get();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SmtpHealthContributorAutoConfiguration.class))
		.withPropertyValues("smtp.check.helo-name=" + SmtpLab.HELO_NAME);

	static Stream<Arguments> tlsListenersOnBothLoopbacks() {
		SmtpLab lab = SmtpLab.get();
		return tlsListeners().flatMap((listener) -> lab.hosts().stream().map((host) -> Arguments.of(listener, host)));
	}

	/**
	 * The listeners meant for TLS; every one of them offers AUTH after TLS.
	 */
	static Stream<LabListener> tlsListeners() {
		return Stream.of(LabListener.values()).filter((listener) -> !listener.security().equals("none"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("tlsListenersOnBothLoopbacks")
	void healthWithLabCertificateInSslBundleShouldBeUpWithTlsDetails(LabListener listener, String host) {
		this.contextRunner.withPropertyValues(this.lab.sslBundleProperty(BUNDLE), "smtp.check.tls.bundle=" + BUNDLE)
			.withPropertyValues(server("smtp.check", listener, host, this.lab.password()))
			.withPropertyValues("smtp.check.rcpt-to=" + this.lab.user() + "@localhost")
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).as("%s", health).isEqualTo(Status.UP);
				Map<String, Object> details = health.getDetails();
				assertThat(details).containsEntry("host", host)
					.containsEntry("port", this.lab.port(listener))
					.containsEntry("security", listener.security())
					.containsKey("authMechanism")
					.doesNotContainKeys("tlsVerification", "failedPhase", "error");
				assertThat(this.lab.authMechanismNames(listener)).contains((String) details.get("authMechanism"));
				assertThat(details.get("tls")).asInstanceOf(MAP)
					.containsEntry("subject", "CN=localhost")
					.containsEntry("issuer", "CN=localhost")
					.containsKeys("protocol", "cipherSuite", "notAfter", "daysUntilExpiry");
				assertThat(details.toString()).doesNotContain(this.lab.password());
			});
	}

	@ParameterizedTest
	@MethodSource("tlsListeners")
	void healthWithoutSslBundleShouldBeDownBecauseLabCertificateIsNotTrusted(LabListener listener) {
		this.contextRunner.withPropertyValues(server("smtp.check", listener, this.lab.host4(), this.lab.password()))
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("failedPhase", "tls")
					.doesNotContainKeys("authMechanism", "tls");
				assertThat((String) health.getDetails().get("error")).contains("self-signed certificate")
					.contains("CN=localhost")
					.contains("not trusted");
			});
	}

	@ParameterizedTest
	@EnumSource(names = { "POSTFIX_STARTTLS", "DOVECOT_SUBMISSION", "EXIM_STARTTLS", "OPENSMTPD_STARTTLS" })
	void healthWithWrongPasswordShouldBeDownInPhaseAuthWith535(LabListener listener) {
		String wrongPassword = "not-" + this.lab.password();
		this.contextRunner.withPropertyValues(this.lab.sslBundleProperty(BUNDLE), "smtp.check.tls.bundle=" + BUNDLE)
			.withPropertyValues(server("smtp.check", listener, this.lab.host4(), wrongPassword))
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("failedPhase", "auth")
					.containsEntry("replyCode", 535)
					.containsKey("tls");
				assertThat((String) health.getDetails().get("error")).startsWith("AUTH rejected: 535");
				assertThat(health.getDetails().toString()).doesNotContain(wrongPassword);
			});
	}

	@Test
	void healthOfLmtpServerShouldBeUp() {
		this.contextRunner
			.withPropertyValues("smtp.check.host=" + this.lab.host6(),
					"smtp.check.port=" + this.lab.port(LabListener.DOVECOT_LMTP), "smtp.check.lmtp=true")
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).as("%s", health).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("security", "none").doesNotContainKey("tls");
				assertThat((String) health.getDetails().get("greeting")).contains("Dovecot");
			});
	}

	@Test
	void healthRequiringStartTlsOfPlainListenerShouldBeDownInPhaseStartTls() {
		this.contextRunner.withPropertyValues("smtp.check.host=" + this.lab.host4(),
				"smtp.check.port=" + this.lab.port(LabListener.POSTFIX_PLAIN), "smtp.check.security=starttls")
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("failedPhase", "starttls")
					.containsEntry("error", "STARTTLS not advertised by server");
			});
	}

	@Test
	void healthOfStrictListenerWithoutTlsShouldBeDownInPhaseMailWith530() {
		this.contextRunner.withPropertyValues("smtp.check.host=" + this.lab.host4(),
				"smtp.check.port=" + this.lab.port(LabListener.OPENSMTPD_STRICT))
			.run((context) -> {
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("failedPhase", "mail").containsEntry("replyCode", 530);
			});
	}

	@Test
	void healthOfEveryLabServerAsNamedServersShouldBeUp() {
		List<String> properties = new ArrayList<>();
		properties.add(this.lab.sslBundleProperty(BUNDLE));
		properties.add("smtp.check.tls.bundle=" + BUNDLE);
		Map<String, LabListener> servers = new LinkedHashMap<>();
		servers.put("postfix", LabListener.POSTFIX_STARTTLS);
		servers.put("dovecot", LabListener.DOVECOT_SUBMISSION);
		servers.put("exim", LabListener.EXIM_SMTPS);
		servers.put("opensmtpd", LabListener.OPENSMTPD_STRICT);
		servers.forEach((name, listener) -> {
			String prefix = "smtp.check.servers." + name;
			properties.add(prefix + ".host=" + this.lab.host6());
			properties.add(prefix + ".port=" + this.lab.port(listener));
			properties.add(prefix + ".security=" + listener.security());
			// Credentials are never inherited: each server names its own.
			properties.add(prefix + ".auth.username=" + this.lab.user());
			properties.add(prefix + ".auth.password=" + this.lab.password());
		});
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			CompositeHealthContributor composite = context.getBean("smtpHealthContributor",
					CompositeHealthContributor.class);
			Map<String, Status> statuses = new LinkedHashMap<>();
			composite.stream()
				.forEach((entry) -> statuses.put(entry.name(),
						FirstVerdict.of((HealthIndicator) entry.contributor()).getStatus()));
			assertThat(statuses).containsOnlyKeys(servers.keySet()).allSatisfy((name, status) -> assertThat(status)
				.as(name)
				.isEqualTo(Status.UP));
		});
	}

	private String[] server(String prefix, LabListener listener, String host, String password) {
		List<String> properties = new ArrayList<>(List.of(prefix + ".host=" + host,
				prefix + ".port=" + this.lab.port(listener),
				prefix + ".security=" + listener.security()));
		if (listener.offersAuth()) {
			properties.add(prefix + ".auth.username=" + this.lab.user());
			properties.add(prefix + ".auth.password=" + password);
		}
		return properties.toArray(String[]::new);
	}

	private static Health health(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		// A failed AUTH on a real server can take longer than a request waits for the first check.
		return FirstVerdict.of(context.getBean("smtpHealthContributor", HealthIndicator.class));
	}

}
