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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import io.github.smtphealth.check.SmtpCheckListener;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.health.SmtpCheckTransitionLogger;
import io.github.smtphealth.health.SmtpHealthContributor;
import io.github.smtphealth.health.SmtpHealthIndicator;
import io.github.smtphealth.probe.ProbeThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the SMTP health check:
 * {@code smtp} in {@code /actuator/health}, one indicator for a single server or a
 * composite for named servers.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass({ HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@Conditional(OnSmtpServerCondition.class)
@ConditionalOnEnabledHealthIndicator("smtp")
@EnableConfigurationProperties(SmtpHealthProperties.class)
public final class SmtpHealthContributorAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SmtpHealthContributorAutoConfiguration.class);

	SmtpHealthContributorAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	SmtpChecks smtpChecks(SmtpHealthProperties properties, Environment environment,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<SmtpCheckListener> listeners) {
		UnknownSmtpCheckKeys.warnAbout(environment);
		List<SmtpCheckListener> all = new ArrayList<>(listeners.orderedStream().toList());
		all.add(new SmtpCheckTransitionLogger());
		SmtpServerResolver resolver = new SmtpServerResolver(SpringMailSettings.read(Binder.get(environment)));
		SmtpChecks checks = new SmtpChecksFactory(sslBundles.getIfAvailable(), SmtpCheckListener.all(all),
				Clock.systemUTC(), threadFactory(environment))
			.create(resolver.resolve(properties));
		if (resolver.followsSpringMail(properties)) {
			logMailIndicator(environment);
		}
		return checks;
	}

	/**
	 * Started and stopped with the context whoever defined the {@link SmtpChecks} bean.
	 */
	@Bean
	@ConditionalOnMissingBean
	SmtpChecksLifecycle smtpChecksLifecycle(SmtpChecks smtpChecks) {
		return new SmtpChecksLifecycle(smtpChecks);
	}

	private static void logMailIndicator(Environment environment) {
		boolean turnedOff = environment instanceof ConfigurableEnvironment configurable
				&& configurable.getPropertySources()
					.contains(SmtpHealthMailIndicatorEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
		if (turnedOff && logger.isInfoEnabled()) {
			logger.info("Boot's 'mail' health indicator is off: smtp-health checks the same server "
					+ "(spring.mail.host); management.health.mail.enabled=true brings it back");
		}
	}

	@Bean
	@ConditionalOnMissingBean(name = { "smtpHealthIndicator", "smtpHealthContributor" })
	HealthContributor smtpHealthContributor(SmtpChecks smtpChecks, SmtpHealthProperties properties) {
		if (properties.getServers().isEmpty() && smtpChecks.checks().size() == 1) {
			return new SmtpHealthIndicator(smtpChecks.checks().values().iterator().next(),
					properties.getPendingStatus());
		}
		return new SmtpHealthContributor(smtpChecks, properties.getPendingStatus());
	}

	/**
	 * Virtual threads when {@code spring.threads.virtual.enabled} is set on Java 21+, as
	 * Boot's own task executors do. Spring's executor makes them without reflection on
	 * our side (its {@code VirtualThreadDelegate} is a multi-release class), while the
	 * starter is built for Java 17.
	 */
	private static ThreadFactory threadFactory(Environment environment) {
		return Threading.VIRTUAL.isActive(environment)
				? new VirtualThreadTaskExecutor("smtp-health-").getVirtualThreadFactory()
				: ProbeThreads.daemonThreads();
	}

}
