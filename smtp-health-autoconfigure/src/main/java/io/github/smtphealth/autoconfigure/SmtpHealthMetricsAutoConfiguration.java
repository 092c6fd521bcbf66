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
import io.github.smtphealth.metrics.SmtpCheckMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the SMTP health check's
 * Micrometer meters ({@code smtp.check*}): active when the application has a
 * {@link MeterRegistry} and the health check is configured.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SmtpHealthContributorAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, SmtpChecks.class })
public final class SmtpHealthMetricsAutoConfiguration {

	SmtpHealthMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	SmtpCheckMetrics smtpCheckMetrics(MeterRegistry meterRegistry) {
		return new SmtpCheckMetrics(meterRegistry);
	}

}
