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

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmtpHealthSanitizingAutoConfiguration}.
 */
class SmtpHealthSanitizingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SmtpHealthSanitizingAutoConfiguration.class));

	@Test
	void sanitizingFunctionShouldMaskOurSecretsInEveryFormOfTheirKeys() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("smtpCheckSanitizingFunction", SanitizingFunction.class);
			assertThat(new String[] { "smtp.check.auth.password", "smtp.check.auth.token",
					"smtp.check.servers.relay.auth.password", "smtp.check.servers[relay].auth.token",
					"smtp.check.servers.my-relay.auth.password", "SMTP_CHECK_AUTH_PASSWORD",
					"SMTP_CHECK_SERVERS_RELAY_AUTH_TOKEN", "smtp.check.Auth.Password",
					"smtp.check.delivery.imap.password", "smtp.check.servers[relay].delivery.imap.password",
					"SMTP_CHECK_DELIVERY_IMAP_PASSWORD" })
				.allSatisfy(
						(key) -> assertThat(function.apply(new SanitizableData(null, key, "secret")).getValue()).as(key)
							.isEqualTo(SanitizableData.SANITIZED_VALUE));
		});
	}

	@Test
	void sanitizingFunctionShouldLeaveOtherKeysAlone() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("smtpCheckSanitizingFunction", SanitizingFunction.class);
			assertThat(new String[] { "smtp.check.auth.username", "smtp.check.host", "smtp.check.auth.mechanism",
					"smtp.check.servers.relay.host", "other.auth.password", "smtp.check.auth.password-file",
					"smtp.check.delivery.imap.username", "smtp.check.delivery.imap.host" })
				.allSatisfy(
						(key) -> assertThat(function.apply(new SanitizableData(null, key, "value")).getValue()).as(key)
							.isEqualTo("value"));
		});
	}

	@Test
	void sanitizingFunctionShouldMaskOurSecretsInTheJavaCommandLine() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("smtpCheckSanitizingFunction", SanitizingFunction.class);
			String command = "app.jar --smtp.check.host=mail --smtp.check.auth.password=s3cret "
					+ "--smtp.check.servers.relay.auth.token=t0ken --smtp.check.delivery.imap.password=imap-Pass "
					+ "--smtp.check.auth.password-file=/run/p";
			SanitizableData data = new SanitizableData(null, "sun.java.command", command);
			assertThat(function.apply(data).getValue()).isEqualTo("app.jar --smtp.check.host=mail "
					+ "--smtp.check.auth.password=****** --smtp.check.servers.relay.auth.token=****** "
					+ "--smtp.check.delivery.imap.password=****** --smtp.check.auth.password-file=/run/p");
		});
	}

	@Test
	void userBeanWithTheSameNameShouldReplaceIt() {
		SanitizingFunction mine = (data) -> data;
		this.contextRunner.withBean("smtpCheckSanitizingFunction", SanitizingFunction.class, () -> mine)
			.run((context) -> assertThat(context.getBean("smtpCheckSanitizingFunction")).isSameAs(mine));
	}

	@Test
	void sanitizingFunctionShouldBeAbsentWithoutTheActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("smtpCheckSanitizingFunction"));
	}

}
