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
 * {@link EnableAutoConfiguration Auto-configuration} for the SMTP health check's Micrometer meters
 * ({@code smtp.check*}): active when the application has a {@link MeterRegistry} and the health check
 * is configured.
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
