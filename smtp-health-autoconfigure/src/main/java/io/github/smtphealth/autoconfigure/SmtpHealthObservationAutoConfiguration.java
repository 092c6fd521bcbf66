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
import io.github.smtphealth.metrics.DefaultSmtpCheckObservationConvention;
import io.github.smtphealth.metrics.SmtpCheckObservationConvention;
import io.github.smtphealth.metrics.SmtpCheckObservations;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for one Micrometer
 * {@code Observation} per SMTP probe
 * ({@value DefaultSmtpCheckObservationConvention#NAME}): active when the application has
 * an {@link ObservationRegistry} and the health check is configured. With Micrometer
 * Tracing each probe is a span. The probe's timers stay {@code SmtpCheckMetrics}' own, so
 * a meter observation handler's copies of them are denied: the Prometheus series appear
 * once.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SmtpHealthContributorAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, SmtpChecks.class })
public final class SmtpHealthObservationAutoConfiguration {

	SmtpHealthObservationAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	SmtpCheckObservations smtpCheckObservations(ObservationRegistry observationRegistry,
			ObjectProvider<SmtpCheckObservationConvention> convention) {
		return new SmtpCheckObservations(observationRegistry, convention.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterFilter.class)
	static class ObservationMetersConfiguration {

		/**
		 * Deny the timer and long task timer that {@code DefaultMeterObservationHandler}
		 * derives from the observation: {@code smtp.check} already times every probe,
		 * with the probe's own clock.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "smtpCheckObservationMeterFilter")
		MeterFilter smtpCheckObservationMeterFilter() {
			String name = DefaultSmtpCheckObservationConvention.NAME;
			return MeterFilter.deny((id) -> id.getName().equals(name) || id.getName().startsWith(name + "."));
		}

	}

}
