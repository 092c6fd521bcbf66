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

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.health.SmtpHealthStatus;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmtpHealthStatusOrderEnvironmentPostProcessor}: with its default
 * status order, a DEGRADED SMTP server makes the aggregate {@code /actuator/health}
 * DEGRADED, which maps to HTTP 200.
 */
class SmtpHealthStatusOrderTests {

	private static final String ORDER = "management.endpoint.health.status.order";

	private static final String DEFAULT_ORDER = "down,out-of-service,degraded,up,unknown";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class, SmtpHealthContributorAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withBean("otherHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build());

	@Test
	void applicationShouldRegisterTheDefaultStatusOrder() {
		SpringApplication application = application();
		try (ConfigurableApplicationContext context = application.run("--smtp.check.host=mail.example.com")) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.getPropertySources()
				.contains(SmtpHealthStatusOrderEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isTrue();
			assertThat(environment.getProperty(ORDER)).isEqualTo(DEFAULT_ORDER);
		}
	}

	@Test
	void healthWhenSmtpIsDegradedAndEverythingElseIsUpShouldBeDegradedWithHttp200() {
		try (ScriptedSmtpServer server = slowServer()) {
			SpringApplication application = application();
			try (ConfigurableApplicationContext context = application.run(arguments(server))) {
				HealthDescriptor health = context.getBean(HealthEndpoint.class).health();
				assertThat(health.getStatus()).isEqualTo(SmtpHealthStatus.DEGRADED);
				assertThat(((CompositeHealthDescriptor) health).getComponents())
					.hasEntrySatisfying("smtp",
							(smtp) -> assertThat(smtp.getStatus()).isEqualTo(SmtpHealthStatus.DEGRADED))
					.hasEntrySatisfying("other", (other) -> assertThat(other.getStatus()).isEqualTo(Status.UP));
				HttpCodeStatusMapper mapper = context.getBean(HttpCodeStatusMapper.class);
				assertThat(mapper.getStatusCode(health.getStatus())).isEqualTo(200);
				assertThat(mapper.getStatusCode(Status.DOWN)).isEqualTo(503);
			}
		}
	}

	@Test
	void healthWhenUserSetsStatusOrderOnTheCommandLineShouldUseTheirs() {
		try (ScriptedSmtpServer server = slowServer()) {
			SpringApplication application = application();
			String[] arguments = concat(arguments(server), "--" + ORDER + "=up,degraded,down");
			try (ConfigurableApplicationContext context = application.run(arguments)) {
				assertThat(context.getEnvironment().getProperty(ORDER)).isEqualTo("up,degraded,down");
				assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
			}
		}
	}

	@Test
	void applicationWhenUserSetsStatusOrderInDefaultPropertiesShouldUseTheirs() {
		SpringApplication application = application();
		application.setDefaultProperties(Map.of(ORDER, "up,degraded,down"));
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty(ORDER)).isEqualTo("up,degraded,down");
		}
	}

	@Test
	void healthWithPostProcessorAppliedShouldAggregateToDegraded() {
		try (ScriptedSmtpServer server = slowServer()) {
			this.contextRunner.withInitializer((context) -> postProcess(context.getEnvironment()))
				.withPropertyValues(properties(server))
				.run((context) -> {
					HealthDescriptor health = context.getBean(HealthEndpoint.class).health();
					assertThat(health.getStatus()).isEqualTo(SmtpHealthStatus.DEGRADED);
					assertThat(context.getBean(HttpCodeStatusMapper.class).getStatusCode(health.getStatus()))
						.isEqualTo(200);
				});
		}
	}

	@Test
	void healthWithPostProcessorAppliedAndUserOrderShouldUseTheUsersOrder() {
		try (ScriptedSmtpServer server = slowServer()) {
			this.contextRunner.withInitializer((context) -> postProcess(context.getEnvironment()))
				.withPropertyValues(properties(server))
				.withPropertyValues(ORDER + "=up,degraded,down")
				.run((context) -> assertThat(context.getBean(HealthEndpoint.class).health().getStatus())
					.isEqualTo(Status.UP));
		}
	}

	@Test
	void healthWithoutTheDefaultStatusOrderShouldLoseDegraded() {
		try (ScriptedSmtpServer server = slowServer()) {
			this.contextRunner.withPropertyValues(properties(server)).run((context) -> {
				HealthDescriptor health = context.getBean(HealthEndpoint.class).health();
				assertThat(((CompositeHealthDescriptor) health).getComponents().get("smtp").getStatus())
					.isEqualTo(SmtpHealthStatus.DEGRADED);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
			});
		}
	}

	@Test
	void applicationWithTheIndicatorDisabledShouldLeaveTheStatusOrderAlone() {
		SpringApplication application = application();
		try (ConfigurableApplicationContext context = application.run("--smtp.check.host=mail.example.com",
				"--management.health.smtp.enabled=false")) {
			assertThat(context.getEnvironment()
				.getPropertySources()
				.contains(SmtpHealthStatusOrderEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
			assertThat(context.getEnvironment().getProperty(ORDER)).isNull();
			assertThat(context.getBeanNamesForType(SmtpChecks.class)).isEmpty();
		}
	}

	@Test
	void applicationWithoutAServerToCheckShouldLeaveTheStatusOrderAlone() {
		SpringApplication application = application();
		try (ConfigurableApplicationContext context = application.run("--smtp.check.timeout=5s")) {
			assertThat(context.getEnvironment().getProperty(ORDER)).isNull();
			assertThat(context.getBeanNamesForType(SmtpChecks.class)).isEmpty();
		}
	}

	@Test
	void postProcessEnvironmentShouldAddTheOrderWithLowestPrecedence() {
		StandardEnvironment environment = environmentWithServer();
		postProcess(environment);
		assertThat(environment.getProperty(ORDER)).isEqualTo(DEFAULT_ORDER);
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(SmtpHealthStatusOrderEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
	}

	@Test
	void postProcessEnvironmentWhenUserSetOrderShouldKeepTheUsers() {
		StandardEnvironment environment = environmentWithServer();
		environment.getPropertySources().addFirst(new MapPropertySource("user", Map.of(ORDER, "down,up")));
		postProcess(environment);
		assertThat(environment.getProperty(ORDER)).isEqualTo("down,up");
	}

	@Test
	void postProcessEnvironmentTwiceShouldAddTheOrderOnce() {
		StandardEnvironment environment = environmentWithServer();
		int before = environment.getPropertySources().size();
		postProcess(environment);
		postProcess(environment);
		assertThat(environment.getPropertySources().size()).isEqualTo(before + 1);
	}

	private static StandardEnvironment environmentWithServer() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("server", Map.of("smtp.check.host", "mail.example.com")));
		return environment;
	}

	private static void postProcess(ConfigurableEnvironment environment) {
		SmtpHealthStatusOrderEnvironmentPostProcessor postProcessor = new SmtpHealthStatusOrderEnvironmentPostProcessor();
		postProcessor.postProcessEnvironment(environment, new SpringApplication());
	}

	private static SpringApplication application() {
		return QuietApplications.of(HealthEndpointConfiguration.class);
	}

	private static ScriptedSmtpServer slowServer() {
		return ScriptedSmtpServer.start((script) -> script.delay(Duration.ofMillis(300)).happyPath());
	}

	private static String[] properties(ScriptedSmtpServer server) {
		return new String[] { "smtp.check.host=" + server.host(), "smtp.check.port=" + server.port(),
				"smtp.check.helo-name=client.test", "smtp.check.warning=100ms" };
	}

	private static String[] arguments(ScriptedSmtpServer server) {
		String[] properties = properties(server);
		String[] arguments = new String[properties.length];
		for (int i = 0; i < properties.length; i++) {
			arguments[i] = "--" + properties[i];
		}
		return arguments;
	}

	private static String[] concat(String[] arguments, String argument) {
		String[] all = Arrays.copyOf(arguments, arguments.length + 1);
		all[arguments.length] = argument;
		return all;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
			SmtpHealthContributorAutoConfiguration.class, SslAutoConfiguration.class })
	static class HealthEndpointConfiguration {

		@Bean
		HealthIndicator otherHealthIndicator() {
			return () -> Health.up().build();
		}

	}

}
