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

import java.time.Duration;
import java.util.Map;

import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.probe.SmtpProbeSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmtpServerResolver} and {@link SmtpServerValidator}, through the
 * auto-configuration: what a named server inherits, what {@code configprops} shows, and
 * which property an error names.
 */
class SmtpServerResolverTests {

	private static final String PASSWORD = "canary-P4ss";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class, SslAutoConfiguration.class));

	@Test
	void configpropsShouldShowWhatTheNamedServerSetsAndNotADefaultItDoesNotUse() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesReportEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=configprops",
					"management.endpoint.configprops.show-values=always", "smtp.check.timeout=5s",
					"smtp.check.servers.relay.host=relay.example.com")
			.run((context) -> {
				assertThat(settings(context, "relay").timeout()).isEqualTo(Duration.ofSeconds(5));
				Map<String, Object> shown = configprops(context);
				assertThat(shown).containsEntry("timeout", "PT5S");
				Map<String, Object> relay = child(child(shown, "servers"), "relay");
				assertThat(relay).containsEntry("host", "relay.example.com").doesNotContainKey("timeout");
			});
	}

	@Test
	void runWithTopLevelCredentialsShouldNotSendThemToNamedServers() {
		this.contextRunner
			.withPropertyValues("smtp.check.host=mail.internal", "smtp.check.auth.username=internal",
					"smtp.check.auth.password=" + PASSWORD, "smtp.check.mail-from=probe@internal",
					"smtp.check.rcpt-to=postmaster@internal", "smtp.check.security=starttls",
					"smtp.check.servers.third-party.host=relay.example.com")
			.run((context) -> {
				assertThat(settings(context, "default").credentials()).isNotNull();
				SmtpProbeSettings relay = settings(context, "third-party");
				assertThat(relay.credentials()).isNull();
				assertThat(relay.mailFrom()).isEmpty();
				assertThat(relay.rcptTo()).isNull();
				assertThat(relay.security()).as("behaviour is inherited")
					.isEqualTo(settings(context, "default").security());
			});
	}

	@Test
	void runWithEmptyUsernameOnNamedServerShouldCheckItWithoutAuth() {
		this.contextRunner
			.withPropertyValues("smtp.check.host=mail.internal", "smtp.check.auth.username=internal",
					"smtp.check.auth.password=" + PASSWORD, "smtp.check.servers.relay.host=relay.example.com",
					"smtp.check.servers.relay.auth.username=")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(settings(context, "relay").credentials()).isNull();
			});
	}

	@Test
	void runWithNamedServerShouldInheritBehaviourButNotTheAddress() {
		this.contextRunner
			.withPropertyValues("smtp.check.host=mail.example.com", "smtp.check.port=2525",
					"smtp.check.helo-name=probe.example.com", "smtp.check.servers.relay.host=relay.example.com")
			.run((context) -> {
				SmtpProbeSettings relay = settings(context, "relay");
				assertThat(relay.port()).isEqualTo(25);
				assertThat(relay.heloName()).isEqualTo("probe.example.com");
			});
	}

	@Test
	void runWithSpringMailAndMissingSmtpCheckBundleShouldNameTheSmtpCheckProperty() {
		this.contextRunner
			.withPropertyValues("spring.mail.host=smtp.example.com", "spring.mail.protocol=smtps",
					"smtp.check.tls.bundle=nope")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("smtp.check.tls.bundle")
					.hasMessageNotContaining("spring.mail.ssl.bundle");
			});
	}

	@Test
	void runWithInvalidSpringMailPortShouldNameSpringMailPort() {
		this.contextRunner.withPropertyValues("spring.mail.host=smtp.example.com", "spring.mail.port=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("spring.mail.port"));
	}

	@Test
	void runWithInheritedTimeoutBelowNamedServersCriticalShouldNameBoth() {
		this.contextRunner
			.withPropertyValues("smtp.check.timeout=3s", "smtp.check.servers.relay.host=relay.example.com",
					"smtp.check.servers.relay.critical=5s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Invalid value '5s' for smtp.check.servers.relay.critical: "
						+ "Must be less than the timeout (3s, smtp.check.timeout)"));
	}

	@Test
	void runWithBareNumbersShouldReadThemAsSeconds() {
		this.contextRunner
			.withPropertyValues("smtp.check.host=mail.example.com", "smtp.check.interval=30", "smtp.check.timeout=8",
					"smtp.check.cache-ttl=0", "smtp.check.warning=2", "smtp.check.servers.relay.host=relay.example.com",
					"smtp.check.servers.relay.timeout=4")
			.run((context) -> {
				SmtpChecks checks = context.getBean(SmtpChecks.class);
				assertThat(checks.checks().get("default").interval()).isEqualTo(Duration.ofSeconds(30));
				assertThat(settings(context, "default").timeout()).isEqualTo(Duration.ofSeconds(8));
				assertThat(settings(context, "relay").timeout()).isEqualTo(Duration.ofSeconds(4));
			});
	}

	@Test
	void runWithTimeoutTooLargeShouldFailNamingIt() {
		assertFailsNaming("smtp.check.timeout", "smtp.check.timeout=400000d");
		assertFailsNaming("smtp.check.timeout", "smtp.check.timeout=6m");
		assertFailsNaming("smtp.check.timeout", "smtp.check.timeout=50ms");
	}

	@Test
	void runWithIntervalOrCacheTtlOutOfRangeShouldFailNamingIt() {
		assertFailsNaming("smtp.check.interval", "smtp.check.interval=500ms");
		assertFailsNaming("smtp.check.cache-ttl", "smtp.check.cache-ttl=2h");
		assertFailsNaming("smtp.check.servers.relay.interval", "smtp.check.servers.relay.host=relay.example.com",
				"smtp.check.servers.relay.interval=999ms");
	}

	@Test
	void runWithHeloNameThatIsNotADomainShouldFailNamingIt() {
		assertFailsNaming("smtp.check.helo-name", "smtp.check.helo-name=x<>RSET");
	}

	private void assertFailsNaming(String property, String... values) {
		this.contextRunner.withPropertyValues("smtp.check.host=mail.example.com")
			.withPropertyValues(values)
			.run((context) -> assertThat(context.getStartupFailure()).as("%s", String.join(", ", values))
				.isNotNull()
				.rootCause()
				.hasMessageContaining(property));
	}

	private static SmtpProbeSettings settings(AssertableApplicationContext context, String name) {
		return context.getBean(SmtpChecks.class).checks().get(name).probe().settings();
	}

	private static Map<String, Object> configprops(AssertableApplicationContext context) {
		ConfigurationPropertiesReportEndpoint endpoint = context.getBean(ConfigurationPropertiesReportEndpoint.class);
		Map<String, ConfigurationPropertiesBeanDescriptor> beans = endpoint.configurationProperties()
			.getContexts()
			.values()
			.iterator()
			.next()
			.getBeans();
		return beans.values()
			.stream()
			.filter((bean) -> "smtp.check".equals(bean.getPrefix()))
			.findFirst()
			.orElseThrow()
			.getProperties();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> child(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return (Map<String, Object>) parent.get(key);
	}

}
