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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.check.RefreshMode;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SmtpHealthContributor}, the composite of named servers: listing it
 * probes nothing, asking its members serves their verdicts and refreshes the stale ones
 * concurrently.
 */
class SmtpHealthContributorTests {

	private static final Duration GREETING_DELAY = Duration.ofMillis(600);

	private static final Duration CACHE_TTL = Duration.ofMillis(300);

	@Test
	void healthOfEveryServerAfterStartProbingShouldTakeAboutAsLongAsTheSlowest() {
		List<ScriptedSmtpServer> servers = slowServers();
		try (SmtpChecks smtpChecks = new SmtpChecks(checks(servers))) {
			SmtpHealthContributor contributor = new SmtpHealthContributor(smtpChecks);
			long start = System.nanoTime();
			smtpChecks.startProbing();
			await().atMost(GREETING_DELAY.multipliedBy(2))
				.until(() -> statuses(contributor).values().stream().allMatch(Status.UP::equals));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GREETING_DELAY.multipliedBy(2));
			assertThat(servers).allSatisfy((server) -> assertThat(server.connectionCount()).isOne());
		}
		finally {
			servers.forEach(ScriptedSmtpServer::close);
		}
	}

	@Test
	void streamWhenStaleShouldProbeNothingAndHealthShouldAnswerAtOnceAndRefreshEveryServerConcurrently()
			throws InterruptedException {
		List<ScriptedSmtpServer> servers = slowServers();
		try (SmtpChecks smtpChecks = probedThenStale(servers)) {
			SmtpHealthContributor contributor = new SmtpHealthContributor(smtpChecks);
			for (int i = 0; i < 20; i++) {
				assertThat(contributor.stream().map(HealthContributors.Entry::name)).containsExactly("a", "b", "c");
			}
			Thread.sleep(GREETING_DELAY.toMillis());
			assertThat(servers).allSatisfy((server) -> assertThat(server.connectionCount()).isOne());
			long start = System.nanoTime();
			Map<String, Health> stale = health(contributor);
			Duration answered = Duration.ofNanos(System.nanoTime() - start);
			assertThat(stale.values())
				.allSatisfy((health) -> assertThat(health.getDetails()).containsEntry("cached", true)
					.containsEntry("refreshing", true));
			// Generous: each member answers from memory while its refresh waits 600 ms
			// for a greeting.
			assertThat(answered).isLessThan(GREETING_DELAY.dividedBy(2));
			await().atMost(GREETING_DELAY.multipliedBy(2))
				.until(() -> servers.stream().allMatch((server) -> server.connectionCount() == 2));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GREETING_DELAY.multipliedBy(2));
		}
		finally {
			servers.forEach(ScriptedSmtpServer::close);
		}
	}

	@Test
	void getContributorShouldReturnTheNamedServersIndicator() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath();
				SmtpChecks checks = new SmtpChecks(List.of(check("relay", server), check("backup", server)))) {
			checks.start();
			SmtpHealthContributor contributor = new SmtpHealthContributor(checks);
			HealthContributor relay = contributor.getContributor("relay");
			assertThat(relay).isInstanceOf(SmtpHealthIndicator.class);
			assertThat(((HealthIndicator) relay).health().getStatus()).isEqualTo(Status.UP);
			assertThat(contributor.getContributor("missing")).isNull();
			assertThat(contributor.stream().map(HealthContributors.Entry::name)).containsExactly("relay", "backup");
			HealthIndicator backup = (HealthIndicator) contributor.getContributor("backup");
			assertThat(backup.health().getStatus()).isEqualTo(Status.UP);
			assertThat(server.connectionCount()).isEqualTo(2);
		}
	}

	/**
	 * Probe every server once, then wait until every verdict is older than the cache TTL.
	 */
	private static SmtpChecks probedThenStale(List<ScriptedSmtpServer> servers) throws InterruptedException {
		SmtpChecks smtpChecks = new SmtpChecks(checks(servers));
		smtpChecks.startProbing();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> smtpChecks.checks().values().stream().allMatch((check) -> check.latest() != null));
		Thread.sleep(CACHE_TTL.multipliedBy(2).toMillis());
		return smtpChecks;
	}

	private static Map<String, Status> statuses(SmtpHealthContributor contributor) {
		Map<String, Status> statuses = new LinkedHashMap<>();
		health(contributor).forEach((name, health) -> statuses.put(name, health.getStatus()));
		return statuses;
	}

	private static Map<String, Health> health(SmtpHealthContributor contributor) {
		Map<String, Health> health = new LinkedHashMap<>();
		contributor.stream()
			.forEach((entry) -> health.put(entry.name(), ((HealthIndicator) entry.contributor()).health()));
		return health;
	}

	private static List<ScriptedSmtpServer> slowServers() {
		List<ScriptedSmtpServer> servers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			servers.add(ScriptedSmtpServer.start((script) -> script.delay(GREETING_DELAY).happyPath()));
		}
		return servers;
	}

	private static List<SmtpCheck> checks(List<ScriptedSmtpServer> servers) {
		List<String> names = List.of("a", "b", "c");
		List<SmtpCheck> checks = new ArrayList<>();
		for (int i = 0; i < servers.size(); i++) {
			checks.add(check(names.get(i), servers.get(i), CACHE_TTL));
		}
		return checks;
	}

	private static SmtpCheck check(String name, ScriptedSmtpServer server) {
		return check(name, server, Duration.ofMinutes(1));
	}

	private static SmtpCheck check(String name, ScriptedSmtpServer server, Duration cacheTtl) {
		SmtpProbeSettings settings = SmtpProbeSettings.builder(server.host())
			.port(server.port())
			.heloName("client.test")
			.timeout(Duration.ofSeconds(5))
			.build();
		return new SmtpCheck(name, new SmtpProbe(settings), CheckPolicy.DEFAULT, cacheTtl, RefreshMode.ON_DEMAND,
				Duration.ofSeconds(30), (outcome) -> {
				}, Clock.systemUTC());
	}

}
