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

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.delivery.DeliveryChecks;
import io.github.smtphealth.delivery.DeliveryListener;
import io.github.smtphealth.health.SmtpDeliveryHealthIndicator;
import io.github.smtphealth.metrics.SmtpDeliveryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.angus.mail.imap.IMAPStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the end-to-end delivery check:
 * {@code smtpDelivery} in {@code /actuator/health} (one indicator, or a composite when
 * several servers have it), its background schedule, and the {@code smtp.delivery}
 * meters. Only when a server has {@code delivery.enabled=true} and Angus Mail's IMAP
 * provider is on the class path.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SmtpHealthContributorAutoConfiguration.class,
		afterName = { "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ HealthContributor.class, ConditionalOnEnabledHealthIndicator.class, IMAPStore.class })
@Conditional(OnDeliveryEnabledCondition.class)
@ConditionalOnBean(SmtpChecks.class)
@ConditionalOnEnabledHealthIndicator("smtp-delivery")
@EnableConfigurationProperties(SmtpHealthProperties.class)
public final class SmtpDeliveryAutoConfiguration {

	SmtpDeliveryAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	DeliveryChecks smtpDeliveryChecks(SmtpHealthProperties properties, SmtpChecks smtpChecks, Environment environment,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<DeliveryListener> listeners) {
		DeliveryListener listener = DeliveryListener.all(listeners.orderedStream().toList());
		String applicationName = environment.getProperty("spring.application.name", "application");
		return new SmtpDeliveryChecksFactory(sslBundles.getIfAvailable(), listener, applicationName).create(properties,
				smtpChecks, threadFactory(environment));
	}

	/**
	 * Started and stopped with the context whoever defined the {@link DeliveryChecks}
	 * bean.
	 */
	@Bean
	@ConditionalOnMissingBean
	SmtpDeliveryLifecycle smtpDeliveryLifecycle(DeliveryChecks smtpDeliveryChecks) {
		return new SmtpDeliveryLifecycle(smtpDeliveryChecks);
	}

	@Bean
	@ConditionalOnMissingBean(name = { "smtpDeliveryHealthIndicator", "smtpDeliveryHealthContributor" })
	HealthContributor smtpDeliveryHealthContributor(DeliveryChecks smtpDeliveryChecks) {
		if (smtpDeliveryChecks.checks().size() == 1) {
			return new SmtpDeliveryHealthIndicator(smtpDeliveryChecks.checks().values().iterator().next());
		}
		return CompositeHealthContributor.fromMap(smtpDeliveryChecks.checks(), SmtpDeliveryHealthIndicator::new);
	}

	/**
	 * Virtual threads when {@code spring.threads.virtual.enabled} is set on Java 21+, as
	 * Boot's own task executors do; otherwise daemon platform threads, so that a check
	 * stuck in I/O never holds the JVM.
	 */
	private static ThreadFactory threadFactory(Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			return new VirtualThreadTaskExecutor("smtp-health-delivery-").getVirtualThreadFactory();
		}
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, "smtp-health-delivery-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * The {@code smtp.delivery} meters, when the application has a {@link MeterRegistry}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class DeliveryMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SmtpDeliveryMetrics smtpDeliveryMetrics(MeterRegistry meterRegistry) {
			return new SmtpDeliveryMetrics(meterRegistry);
		}

	}

}
