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

package io.github.smtphealth.metrics;

import java.util.function.Consumer;

import io.github.smtphealth.autoconfigure.FirstVerdict;
import io.github.smtphealth.autoconfigure.SmtpHealthContributorAutoConfiguration;
import io.github.smtphealth.autoconfigure.SmtpHealthMetricsAutoConfiguration;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmtpHealthMetricsAutoConfiguration}.
 */
class SmtpHealthMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class,
				SmtpHealthMetricsAutoConfiguration.class));

	@Test
	void runShouldCreateMetricsWhenMeterRegistryAndServerExist() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("smtp.check.host=127.0.0.1")
			.run((context) -> assertThat(context).hasSingleBean(SmtpCheckMetrics.class));
	}

	@Test
	void runWithBootMetricsAutoConfigurationShouldCreateMetrics() {
		this.contextRunner.withConfiguration(bootMetrics())
			.withPropertyValues("smtp.check.host=127.0.0.1")
			.run((context) -> assertThat(context).hasSingleBean(MeterRegistry.class)
				.hasSingleBean(SmtpCheckMetrics.class));
	}

	@Test
	void runWithoutMeterRegistryShouldNotCreateMetrics() {
		this.contextRunner.withPropertyValues("smtp.check.host=127.0.0.1")
			.run((context) -> assertThat(context).hasSingleBean(SmtpChecks.class)
				.doesNotHaveBean(SmtpCheckMetrics.class));
	}

	@Test
	void runWithoutServerShouldNotCreateMetrics() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).doesNotHaveBean(SmtpChecks.class)
				.doesNotHaveBean(SmtpCheckMetrics.class));
	}

	@Test
	void runWhenHealthIndicatorIsDisabledShouldNotCreateMetrics() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("smtp.check.host=127.0.0.1", "management.health.smtp.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SmtpChecks.class)
				.doesNotHaveBean(SmtpCheckMetrics.class));
	}

	@Test
	void runWithoutMicrometerShouldNotCreateMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues("smtp.check.host=127.0.0.1")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SmtpChecks.class)
				.doesNotHaveBean(SmtpCheckMetrics.class));
	}

	@Test
	void runWithUserDefinedMetricsShouldBackOff() {
		SmtpCheckMetrics custom = new SmtpCheckMetrics(new SimpleMeterRegistry());
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean("customSmtpCheckMetrics", SmtpCheckMetrics.class, () -> custom)
			.withPropertyValues("smtp.check.host=127.0.0.1")
			.run((context) -> assertThat(context).getBean(SmtpCheckMetrics.class).isSameAs(custom));
	}

	@Test
	void healthThroughAutoConfiguredContributorShouldRecordCheck() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			this.contextRunner.withConfiguration(bootMetrics())
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port())
				.run((context) -> {
					HealthIndicator indicator = context.getBean("smtpHealthContributor", HealthIndicator.class);
					assertThat(FirstVerdict.of(indicator).getStatus()).isEqualTo(Status.UP);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.get("smtp.check")
						.tags("server", "default", "security", "none", "outcome", "success", "status", "up")
						.timer()
						.count()).isOne();
					assertThat(registry.get("smtp.check.phase")
						.tags("server", "default", "phase", "ehlo", "outcome", "success")
						.timer()
						.count()).isOne();
					assertThat(registry.get("smtp.check.up").tag("server", "default").gauge().value()).isEqualTo(1.0);
				});
		}
	}

	@Test
	void refreshOfNamedServerShouldTagItsName() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			this.contextRunner.withConfiguration(bootMetrics())
				.withPropertyValues("smtp.check.servers.relay.host=" + server.host(),
						"smtp.check.servers.relay.port=" + server.port())
				.run((context) -> {
					context.getBean(SmtpChecks.class).checks().get("relay").refresh();
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.get("smtp.check").timers()).singleElement()
						.satisfies((timer) -> assertThat(timer.getId().getTag("server")).isEqualTo("relay"));
				});
		}
	}

	@Test
	void prefixPropertyShouldSwitchOffEverySmtpCheckMeter() {
		refreshWithBootMetrics("management.metrics.enable.smtp.check=false", (registry) -> {
			assertThat(registry.find("smtp.check").timer()).isNull();
			assertThat(registry.getMeters()).extracting((meter) -> meter.getId().getName())
				.noneMatch((name) -> name.startsWith("smtp.check"));
		});
	}

	@Test
	void longerPrefixPropertyShouldSwitchOffOnlyThatMeter() {
		refreshWithBootMetrics("management.metrics.enable.smtp.check.phase=false", (registry) -> {
			assertThat(registry.find("smtp.check.phase").timers()).isEmpty();
			assertThat(registry.get("smtp.check").timer().count()).isOne();
			assertThat(registry.get("smtp.check.up").gauge().value()).isEqualTo(1.0);
		});
	}

	/**
	 * Boot resolves every {@code management.metrics.distribution.*} property by name
	 * prefix the same way; SLO buckets show it on the simple registry, which ignores
	 * percentiles-histogram.
	 */
	@Test
	void prefixDistributionPropertyShouldGiveBothTimersBuckets() {
		refreshWithBootMetrics("management.metrics.distribution.slo.smtp.check=100ms,1s", (registry) -> {
			assertThat(registry.get("smtp.check").timer().takeSnapshot().histogramCounts()).isNotEmpty();
			assertThat(registry.get("smtp.check.phase").timers())
				.allSatisfy((timer) -> assertThat(timer.takeSnapshot().histogramCounts()).isNotEmpty());
		});
	}

	@Test
	void bootCommonTagsShouldTagEverySmtpCheckMeter() {
		refreshWithBootMetrics("management.metrics.tags.region=eu", (registry) -> {
			assertThat(registry.find("smtp.check").meters()).isNotEmpty();
			assertThat(registry.getMeters()).filteredOn((meter) -> meter.getId().getName().startsWith("smtp.check"))
				.hasSize(1 + 7 + 1)
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("region")).isEqualTo("eu"));
		});
	}

	/**
	 * Probe a happy-path server once through the default check, with Boot's metrics
	 * auto-configuration and one extra property, then hand the registry to the
	 * assertions.
	 */
	private void refreshWithBootMetrics(String property, Consumer<MeterRegistry> assertions) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			this.contextRunner.withConfiguration(bootMetrics())
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(), property)
				.run((context) -> {
					context.getBean(SmtpChecks.class).checks().get("default").refresh();
					assertions.accept(context.getBean(MeterRegistry.class));
				});
		}
	}

	private static AutoConfigurations bootMetrics() {
		return AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class);
	}

}
