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

import java.util.List;
import java.util.Objects;

import io.github.smtphealth.delivery.DeliveryCheck;
import io.github.smtphealth.delivery.DeliveryChecks;
import io.github.smtphealth.delivery.GreenMailMailbox;
import io.github.smtphealth.health.SmtpDeliveryHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmtpDeliveryAutoConfiguration}, against GreenMail for the checks that
 * run.
 */
class SmtpDeliveryAutoConfigurationTests {

	private final GreenMailMailbox greenMail = new GreenMailMailbox();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class,
				SmtpDeliveryAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("spring.application.name=delivery-test");

	@AfterEach
	void stop() {
		this.greenMail.close();
	}

	@Test
	void runWhenDeliveryIsEnabledShouldCheckDeliveryInTheBackgroundAndReportUp() {
		this.contextRunner.withPropertyValues(this.greenMail.topLevel()).run((context) -> {
			assertThat(context).hasSingleBean(DeliveryChecks.class).hasSingleBean(SmtpDeliveryLifecycle.class);
			assertThat(context.getBean(SmtpDeliveryLifecycle.class).isRunning()).isTrue();
			HealthIndicator indicator = context.getBean("smtpDeliveryHealthContributor",
					SmtpDeliveryHealthIndicator.class);
			Health pending = indicator.health();
			assertThat(pending.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(pending.getDetails()).containsEntry("reason", "the first delivery check has not finished yet");
			DeliveryCheck check = onlyCheck(context.getBean(DeliveryChecks.class));
			assertThat(check.settings().origin()).isEqualTo("delivery-test/default");
			check.run();
			Health health = indicator.health();
			assertThat(health.getStatus()).as("%s", health).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("deliveryTimeMs", "sentAt", "receivedAt", "checkedAt")
				.containsEntry("to", GreenMailMailbox.ADDRESS)
				.containsEntry("folder", "INBOX")
				.doesNotContainKeys("failedPhase", "error");
			assertThat(health.toString()).doesNotContain(GreenMailMailbox.PASSWORD);
			assertThat(this.greenMail.subjects()).isEmpty();
		});
	}

	@Test
	void runWhenImapPasswordIsWrongShouldBeDownInImapLoginWithoutThePassword() {
		String wrong = "wrong-Imap-Pass-99";
		this.contextRunner.withPropertyValues(this.greenMail.topLevel())
			.withPropertyValues("smtp.check.delivery.imap.password=" + wrong)
			.run((context) -> {
				onlyCheck(context.getBean(DeliveryChecks.class)).run();
				Health health = context.getBean("smtpDeliveryHealthContributor", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("failedPhase", "imap-login");
				assertThat(health.getDetails().get("error")).asString().startsWith("IMAP login as");
				assertThat(health.toString()).doesNotContain(wrong);
			});
	}

	@Test
	void runWithMeterRegistryShouldRecordDeliveryTimerAndUpGauge() {
		this.contextRunner.withPropertyValues(this.greenMail.topLevel())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				onlyCheck(context.getBean(DeliveryChecks.class)).run();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("smtp.delivery")
					.tag("server", "default")
					.tag("outcome", "success")
					.timer()
					.count()).isOne();
				assertThat(registry.get("smtp.delivery.up").tag("server", "default").gauge().value()).isEqualTo(1.0);
			});
	}

	@Test
	void runWhenSeveralServersHaveDeliveryShouldCreateCompositeWithInheritedBehaviourOnly() {
		this.contextRunner.withPropertyValues(this.greenMail.named("first"))
			.withPropertyValues(this.greenMail.named("second"))
			.withPropertyValues("smtp.check.delivery.timeout=45s", "smtp.check.delivery.imap.folder=INBOX",
					"smtp.check.servers.second.delivery.timeout=30s")
			.run((context) -> {
				DeliveryChecks checks = context.getBean(DeliveryChecks.class);
				assertThat(checks.checks()).containsOnlyKeys("first", "second");
				assertThat(checks.checks().get("first").settings().timeout()).hasSeconds(45);
				assertThat(checks.checks().get("second").settings().timeout()).hasSeconds(30);
				HealthContributor contributor = context.getBean("smtpDeliveryHealthContributor",
						HealthContributor.class);
				assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
				assertThat(((CompositeHealthContributor) contributor).getContributor("second"))
					.isInstanceOf(SmtpDeliveryHealthIndicator.class);
			});
	}

	@Test
	void runWhenNamedServerEnablesDeliveryWithoutItsOwnRecipientShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues(this.greenMail.named("first"))
			.withPropertyValues("smtp.check.delivery.to=top@localhost", "smtp.check.servers.first.delivery.to=")
			.run((context) -> assertFailedNaming(context, "smtp.check.servers.first.delivery.to",
					"A recipient is required"));
	}

	@Test
	void runWhenIntervalIsUnderAMinuteShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues(this.greenMail.topLevel())
			.withPropertyValues("smtp.check.delivery.interval=10s")
			.run((context) -> assertFailedNaming(context, "smtp.check.delivery.interval", "Must be at least 1 minute"));
	}

	@Test
	void runWhenImapSecurityIsNoneWithoutAllowPlaintextShouldFail() {
		this.contextRunner.withPropertyValues(this.greenMail.topLevel())
			.withPropertyValues("smtp.check.delivery.imap.allow-plaintext=false")
			.run((context) -> assertFailedNaming(context, "smtp.check.delivery.imap.security", "without TLS"));
	}

	@Test
	void runWhenDeliveryIsEnabledWithoutATopLevelServerShouldFail() {
		this.contextRunner.withPropertyValues(this.greenMail.named("first"))
			.withPropertyValues("smtp.check.delivery.enabled=true")
			.run((context) -> assertFailedNaming(context, "smtp.check.delivery.enabled", "no top-level SMTP server"));
	}

	@Test
	void runWhenDeliveryIsNotEnabledShouldCreateNothing() {
		this.contextRunner.withPropertyValues("smtp.check.host=127.0.0.1", "smtp.check.delivery.to=a@localhost")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DeliveryChecks.class)
				.doesNotHaveBean("smtpDeliveryHealthContributor"));
	}

	@Test
	void runWhenHealthIndicatorIsDisabledShouldCreateNothing() {
		this.contextRunner.withPropertyValues(this.greenMail.topLevel())
			.withPropertyValues("management.health.smtp-delivery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DeliveryChecks.class)
				.doesNotHaveBean("smtpDeliveryHealthContributor"));
	}

	@Test
	void runWithoutAngusMailShouldCreateNothing() {
		this.contextRunner.withPropertyValues(this.greenMail.topLevel())
			.withClassLoader(new FilteredClassLoader(IMAPStore.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(io.github.smtphealth.check.SmtpChecks.class)
				.doesNotHaveBean(DeliveryChecks.class));
	}

	@Test
	void runWithUserContributorShouldUseIt() {
		HealthIndicator mine = () -> Health.up().build();
		this.contextRunner.withPropertyValues(this.greenMail.topLevel())
			.withBean("smtpDeliveryHealthContributor", HealthIndicator.class, () -> mine)
			.run((context) -> assertThat(context.getBean("smtpDeliveryHealthContributor")).isSameAs(mine));
	}

	private static void assertFailedNaming(AssertableApplicationContext context, String property, String reason) {
		assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining(property)
			.hasMessageContaining(reason);
	}

	private static DeliveryCheck onlyCheck(DeliveryChecks checks) {
		List<DeliveryCheck> all = List.copyOf(checks.checks().values());
		assertThat(all).hasSize(1);
		return Objects.requireNonNull(all.get(0));
	}

}
