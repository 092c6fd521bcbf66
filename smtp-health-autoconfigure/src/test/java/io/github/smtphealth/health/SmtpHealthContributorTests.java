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

import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SmtpHealthContributor}, the composite of named servers.
 */
class SmtpHealthContributorTests {

	private static final Duration GREETING_DELAY = Duration.ofMillis(600);

	@Test
	void streamThenHealthOfEveryServerShouldTakeAboutAsLongAsTheSlowest() {
		streamThenHealthOfEveryServerShouldProbeConcurrentlyOnce(Duration.ofMinutes(1));
	}

	@Test
	void streamThenHealthOfEveryServerWithoutCacheShouldStillUseTheConcurrentProbes() {
		streamThenHealthOfEveryServerShouldProbeConcurrentlyOnce(Duration.ZERO);
	}

	private void streamThenHealthOfEveryServerShouldProbeConcurrentlyOnce(Duration cacheTtl) {
		List<ScriptedSmtpServer> servers = new ArrayList<>();
		try {
			try (ScriptedSmtpServer warmUp = ScriptedSmtpServer.happyPath()) {
				new SmtpHealthIndicator(check("warm-up", warmUp, cacheTtl)).health();
			}
			List<SmtpCheck> checks = new ArrayList<>();
			for (String name : List.of("a", "b", "c")) {
				ScriptedSmtpServer server = ScriptedSmtpServer
					.start((script) -> script.delay(GREETING_DELAY).happyPath());
				servers.add(server);
				checks.add(check(name, server, cacheTtl));
			}
			try (SmtpChecks smtpChecks = new SmtpChecks(checks)) {
				SmtpHealthContributor contributor = new SmtpHealthContributor(smtpChecks);
				long start = System.nanoTime();
				Map<String, Status> statuses = new LinkedHashMap<>();
				contributor.stream()
					.forEach((entry) -> statuses.put(entry.name(),
							((HealthIndicator) entry.contributor()).health().getStatus()));
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				assertThat(statuses).containsExactly(Map.entry("a", Status.UP), Map.entry("b", Status.UP),
						Map.entry("c", Status.UP));
				assertThat(elapsed).isLessThan(GREETING_DELAY.multipliedBy(2));
			}
			assertThat(servers).allSatisfy((server) -> assertThat(server.connectionCount()).isOne());
		}
		finally {
			servers.forEach(ScriptedSmtpServer::close);
		}
	}

	@Test
	void getContributorShouldReturnTheNamedServersIndicator() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath();
				SmtpChecks checks = new SmtpChecks(List.of(check("relay", server), check("backup", server)))) {
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

	private static SmtpCheck check(String name, ScriptedSmtpServer server) {
		return check(name, server, Duration.ofMinutes(1));
	}

	private static SmtpCheck check(String name, ScriptedSmtpServer server, Duration cacheTtl) {
		SmtpProbeSettings settings = SmtpProbeSettings.builder(server.host())
			.port(server.port())
			.heloName("client.test")
			.timeout(Duration.ofSeconds(5))
			.build();
		return new SmtpCheck(name, new SmtpProbe(settings), CheckPolicy.DEFAULT, cacheTtl,
				RefreshMode.ON_DEMAND, Duration.ofSeconds(30), (outcome) -> {
				}, Clock.systemUTC());
	}

}
