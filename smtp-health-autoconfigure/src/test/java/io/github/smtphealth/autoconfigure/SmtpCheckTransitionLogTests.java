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

import io.github.smtphealth.check.CheckStatus;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees in the log, whatever {@code show-details} says: the startup line,
 * one WARN when a server goes DOWN, one INFO when it comes back, silence in between, and
 * unknown keys.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmtpCheckTransitionLogTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class));

	@Test
	void healthShouldLogOneWarnWhenTheServerGoesDownAndOneInfoWhenItIsBack(CapturedOutput output) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script(SmtpScript::happyPath)
			.script((script) -> script.send("554 5.7.1 No service for you").close())
			.script((script) -> script.send("554 5.7.1 No service for you").close())
			.script(SmtpScript::happyPath)
			.start()) {
			this.contextRunner
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(),
						"smtp.check.helo-name=client.test", "smtp.check.cache-ttl=0")
				.run((context) -> {
					// Each refresh is one probe the listeners hear of, as a background
					// refresh would be.
					SmtpCheck check = context.getBean(SmtpChecks.class).checks().get("default");
					assertThat(check.refresh().verdict().status()).isEqualTo(CheckStatus.UP);
					assertThat(output).doesNotContain("is DOWN");
					assertThat(check.refresh().verdict().status()).isEqualTo(CheckStatus.DOWN);
					assertThat(check.refresh().verdict().status()).isEqualTo(CheckStatus.DOWN);
					assertThat(check.refresh().verdict().status()).isEqualTo(CheckStatus.UP);
				});
			String address = server.host() + ":" + server.port();
			assertThat(output.getOut().lines().filter((line) -> line.contains("is DOWN"))).singleElement()
				.satisfies((line) -> assertThat(line).contains(" WARN ")
					.contains("SMTP server 'default' (" + address + ") is DOWN in phase greeting")
					.contains("554 5.7.1 No service for you"));
			assertThat(output.getOut().lines().filter((line) -> line.contains("again"))).singleElement()
				.satisfies((line) -> assertThat(line).contains(" INFO ")
					.contains("SMTP server 'default' (" + address + ") is UP again"));
		}
	}

	@Test
	void startupShouldSayWhatIsCheckedAndWhereTheSettingsCameFrom(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.mail.host=smtp.example.com", "spring.mail.port=587",
					"spring.mail.properties.mail.smtp.starttls.enable=true")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output)
			.contains("SMTP health check 'default': smtp.example.com:587, starttls, settings from " + "spring.mail.*");
	}

	@Test
	void startupWithUnknownKeysShouldWarnNamingThem(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("smtp.check.host=mail.example.com", "smtp.check.hots=typo.example.com",
					"smtp.check.tls.verfy=false", "smtp.check.servers.relay.host=relay.example.com",
					"smtp.check.servers.relay.tiemout=5s", "smtp.check.servers.relay.auth.username=probe",
					"smtp.check.servers.relay.auth.password=secret", "smtp.check.tls.expiry-warning=20d",
					"smtp.check.servers.relay.delivery.imap.tls.bundle=none", "smtp.check.delivery.imap.folder=INBOX")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut().lines().filter((line) -> line.contains("Unknown SMTP health check properties")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(" WARN ")
				.contains("smtp.check.hots, smtp.check.servers.relay.tiemout, smtp.check.tls.verfy")
				.doesNotContain("expiry-warning")
				.doesNotContain("relay.host")
				.doesNotContain("delivery"));
	}

}
