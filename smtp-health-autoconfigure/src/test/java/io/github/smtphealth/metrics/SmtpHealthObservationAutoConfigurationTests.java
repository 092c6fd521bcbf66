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

import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtphealth.autoconfigure.SmtpHealthContributorAutoConfiguration;
import io.github.smtphealth.autoconfigure.SmtpHealthMetricsAutoConfiguration;
import io.github.smtphealth.autoconfigure.SmtpHealthObservationAutoConfiguration;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmtpHealthObservationAutoConfiguration}.
 */
class SmtpHealthObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class,
				SmtpHealthObservationAutoConfiguration.class));

	@Test
	void runShouldCreateObservationsWhenObservationRegistryAndServerExist() {
		this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("smtp.check.host=127.0.0.1")
			.run((context) -> assertThat(context).hasSingleBean(SmtpCheckObservations.class));
	}

	@Test
	void runWithoutObservationRegistryShouldNotCreateObservations() {
		this.contextRunner.withPropertyValues("smtp.check.host=127.0.0.1")
			.run((context) -> assertThat(context).hasSingleBean(SmtpChecks.class)
				.doesNotHaveBean(SmtpCheckObservations.class));
	}

	@Test
	void runWithoutServerShouldNotCreateObservations() {
		this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.run((context) -> assertThat(context).doesNotHaveBean(SmtpCheckObservations.class));
	}

	@Test
	void runWithoutMicrometerObservationShouldNotCreateObservations() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.withPropertyValues("smtp.check.host=127.0.0.1")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SmtpChecks.class)
				.doesNotHaveBean(SmtpCheckObservations.class));
	}

	@Test
	void runWithUserDefinedObservationsShouldBackOff() {
		SmtpCheckObservations custom = new SmtpCheckObservations(ObservationRegistry.NOOP, null);
		this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean("customSmtpCheckObservations", SmtpCheckObservations.class, () -> custom)
			.withPropertyValues("smtp.check.host=127.0.0.1")
			.run((context) -> assertThat(context).getBean(SmtpCheckObservations.class).isSameAs(custom));
	}

	@Test
	void probeThroughAutoConfiguredCheckShouldBeObservedOnce() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port())
				.run((context) -> {
					context.getBean(SmtpChecks.class).checks().get("default").refresh();
					assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
						.hasNameEqualTo("smtp.check.probe")
						.hasLowCardinalityKeyValue("server", "default")
						.hasLowCardinalityKeyValue("outcome", "success");
				});
		}
	}

	@Test
	void observationsEnablePropertyShouldSwitchTheObservationOff() {
		assertObservationsStarted("management.observations.enable.smtp.check.probe=false", 1, 0);
	}

	@Test
	void bootObservationRegistryShouldObserveEveryProbe() {
		assertObservationsStarted("smtp.check.cache-ttl=0", 2, 2);
	}

	/**
	 * Refresh the default check of a happy-path server the given number of times, with
	 * Boot's observation auto-configuration and one extra property, and assert how many
	 * observations started.
	 */
	private void assertObservationsStarted(String property, int refreshes, int expectedStarts) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(), property)
				.run((context) -> {
					AtomicInteger started = countStarts(context.getBean(ObservationRegistry.class));
					for (int i = 0; i < refreshes; i++) {
						context.getBean(SmtpChecks.class).checks().get("default").refresh();
					}
					assertThat(started).hasValue(expectedStarts);
				});
		}
	}

	private static AtomicInteger countStarts(ObservationRegistry registry) {
		return ProbeObservationCounter.registerWith(registry).started;
	}

	@Test
	void probeWithMeterObservationHandlerShouldRecordTheProbeTimerOnlyOnce() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			this.contextRunner
				.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
						MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class, SmtpHealthMetricsAutoConfiguration.class))
				.withPropertyValues("smtp.check.host=" + server.host(), "smtp.check.port=" + server.port())
				.run((context) -> {
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					ObservationRegistry observations = context.getBean(ObservationRegistry.class);
					// Boot's metrics auto-configuration registers the meter observation
					// handler itself.
					assertThat(context).hasSingleBean(DefaultMeterObservationHandler.class);
					AtomicInteger stopped = ProbeObservationCounter.registerWith(observations).stopped;
					context.getBean(SmtpChecks.class).checks().get("default").refresh();
					assertThat(stopped).hasValue(1);
					assertThat(registry.get("smtp.check").timer().count()).isOne();
					assertThat(registry.getMeters()).extracting((meter) -> meter.getId().getName())
						.allSatisfy((name) -> assertThat(name).doesNotStartWith("smtp.check.probe"));
				});
		}
	}

	/**
	 * Counts the starts and stops of the probe's observations, and of no other.
	 */
	private static final class ProbeObservationCounter implements ObservationHandler<Observation.Context> {

		private final AtomicInteger started = new AtomicInteger();

		private final AtomicInteger stopped = new AtomicInteger();

		static ProbeObservationCounter registerWith(ObservationRegistry registry) {
			ProbeObservationCounter counter = new ProbeObservationCounter();
			registry.observationConfig().observationHandler(counter);
			return counter;
		}

		@Override
		public void onStart(Observation.Context observed) {
			this.started.incrementAndGet();
		}

		@Override
		public void onStop(Observation.Context observed) {
			this.stopped.incrementAndGet();
		}

		@Override
		public boolean supportsContext(Observation.Context observed) {
			return observed instanceof SmtpCheckObservationContext;
		}

	}

}
