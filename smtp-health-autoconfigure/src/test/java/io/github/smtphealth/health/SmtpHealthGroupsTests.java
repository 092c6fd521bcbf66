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

package io.github.smtphealth.health;

import java.time.Duration;
import java.util.List;

import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Only the smtp contributor probes: a real application with two named servers and no
 * cache at all (cache TTL 0, so every verdict is stale) and liveness and readiness groups
 * of everything but smtp answers 20 liveness and 20 readiness evaluations (through Boot's
 * {@code HealthEndpoint}) without opening a single SMTP connection, although Boot lists
 * every composite while evaluating a group; one evaluation of {@code smtp} then refreshes
 * both.
 */
class SmtpHealthGroupsTests {

	@Test
	void livenessAndReadinessWithoutSmtpShouldNeverProbe() throws InterruptedException {
		try (ScriptedSmtpServer relay = ScriptedSmtpServer.happyPath();
				ScriptedSmtpServer backup = ScriptedSmtpServer.happyPath();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
					.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
							"management.endpoint.health.group.liveness.include=*",
							"management.endpoint.health.group.liveness.exclude=smtp",
							"management.endpoint.health.group.readiness.include=*",
							"management.endpoint.health.group.readiness.exclude=smtp", "smtp.check.cache-ttl=0",
							"smtp.check.helo-name=client.test", "smtp.check.servers.relay.host=" + relay.host(),
							"smtp.check.servers.relay.port=" + relay.port(),
							"smtp.check.servers.backup.host=" + backup.host(),
							"smtp.check.servers.backup.port=" + backup.port())
					.run()) {
			SmtpChecks checks = context.getBean(SmtpChecks.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> checks.checks().values().stream().allMatch((check) -> check.latest() != null));
			List<ScriptedSmtpServer> servers = List.of(relay, backup);
			servers.forEach((server) -> server.awaitCompleted(1, Duration.ofSeconds(5)));
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			for (int i = 0; i < 20; i++) {
				assertThat(endpoint.healthForPath("liveness")).isNotNull();
				assertThat(endpoint.healthForPath("readiness")).isNotNull();
			}
			Thread.sleep(500);
			assertThat(servers).allSatisfy((server) -> assertThat(server.connectionCount()).isOne());
			assertThat(endpoint.healthForPath("smtp")).isNotNull();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> servers.stream().allMatch((server) -> server.connectionCount() == 2));
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
